/**
 * Wait state (spec "Wait State"; AWS dg/state-wait.html): `Seconds`, `SecondsPath`, `Timestamp`, `TimestampPath`
 * (JSONPath) or `Seconds`/`Timestamp` as JSONata. Time passes on the execution's clock (virtual by default).
 */
import { AslError } from '../errors.js';
import { compilePath, type CompiledJsonata, type CompiledPath } from '../io/index.js';
import { evalCtx, finishPassThrough, jsonata, type CompiledState, type StateRun } from '../skeleton.js';
import type { QueryLanguage, RawState } from '../types.js';
import { typeName } from './choice.js';

/** RFC 3339 / ISO-8601 extended offset date-time with upper-case T and Z (AWS dg/state-wait.html). */
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a Wait timestamp; `undefined` when it is not a valid extended offset date-time. */
export function parseTimestamp(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = ISO_RE.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return undefined;
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > dim) return undefined;
  const frac = m[7] ? m[7].slice(0, 4) : '';
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${frac}${m[8]}`);
  return Number.isNaN(t) ? undefined : t;
}

/** Compiles a Wait state (spec "Wait State"): Seconds, SecondsPath, Timestamp, TimestampPath (RFC 3339) or JSONata forms, on the execution's clock. */
export function compileWait(raw: RawState, ql: QueryLanguage): CompiledState['run'] {
  let until: (x: StateRun) => Promise<number>;
  if (ql === 'JSONata') {
    if ('Seconds' in raw) {
      const c: CompiledJsonata = jsonata(raw.Seconds, 'Seconds');
      until = async (x) => {
        const v = await c.evaluate(evalCtx(x, x.input));
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
          throw qe('Seconds', `The JSONata expression '${exprText(raw.Seconds)}' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was '${typeName(v)}' for value: ${JSON.stringify(v)}`);
        }
        return x.rt.clock.now() + v * 1000;
      };
    } else {
      const c: CompiledJsonata = jsonata(raw.Timestamp, 'Timestamp');
      until = async (x) => {
        const v = await c.evaluate(evalCtx(x, x.input));
        const t = parseTimestamp(v);
        if (t === undefined) {
          throw qe('Timestamp', `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
        }
        return t;
      };
    }
  } else if ('Seconds' in raw) {
    const s = Number(raw.Seconds);
    until = async (x) => x.rt.clock.now() + s * 1000;
  } else if ('Timestamp' in raw) {
    const t = parseTimestamp(raw.Timestamp) ?? Date.now();
    until = async () => t;
  } else if ('SecondsPath' in raw) {
    const p: CompiledPath = compilePath(raw.SecondsPath);
    until = async (x) => {
      const v = p.evaluate(evalCtx(x, effective(x)));
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new AslError('States.Runtime', `The SecondsPath parameter does not reference a valid integer value: ${p.text} == ${JSON.stringify(v)}`);
      }
      if (v < 0) throw new AslError('States.Runtime', `The SecondsPath parameter references a negative value: ${p.text} == ${v}`);
      return x.rt.clock.now() + v * 1000;
    };
  } else {
    const p: CompiledPath = compilePath(raw.TimestampPath);
    until = async (x) => {
      const v = p.evaluate(evalCtx(x, effective(x)));
      const t = parseTimestamp(v);
      if (t === undefined) {
        throw new AslError('States.Runtime',
          `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${p.text} == ${typeof v === 'string' ? v : JSON.stringify(v)}`);
      }
      return t;
    };
  }
  return async (x) => {
    const at = await until(x);
    const ms = at - x.rt.clock.now();
    if (ms > 0) {
      x.lane.current = 'Wait';
      await x.lane.cancel.wait(x.rt.clock.sleep(ms).promise);
    }
    return { output: await finishPassThrough(x), next: x.cs.next };
  };
}

function effective(x: StateRun): unknown {
  const io = x.cs.io;
  if (io.inputPath === null) return {};
  if (io.inputPath) return io.inputPath.evaluate(evalCtx(x, x.input));
  return x.input;
}

function qe(location: string, cause: string): AslError {
  const e = new AslError('States.QueryEvaluationError', cause);
  (e as any).location = location;
  return e;
}
function exprText(v: unknown): string {
  if (typeof v !== 'string') return JSON.stringify(v);
  const m = /^\{%([\s\S]*)%\}$/.exec(v.trim());
  return m ? m[1].trim() : v;
}
