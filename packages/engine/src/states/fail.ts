/**
 * Fail state (spec "Fail State"; AWS dg/state-fail.html): ends the lane with `Error`/`Cause`, or `ErrorPath`/`CausePath`
 * (JSONPath, may be intrinsic functions), or JSONata expressions. Emits only `FailStateEntered`.
 */
import { compilePath, compilePayloadTemplate, describeField, type CompiledJsonata, type CompiledPath } from '../io/index.js';
import { evalCtx, jsonata, LaneFailure, type CompiledState, type StateRun } from '../skeleton.js';
import type { QueryLanguage, RawState } from '../types.js';

/** Compiles a Fail state (spec "Fail State"); ErrorPath/CausePath that do not give a string fail with `States.Runtime`. */
export function compileFail(raw: RawState, ql: QueryLanguage): CompiledState['run'] {
  if (ql === 'JSONata') {
    const err: CompiledJsonata | undefined = 'Error' in raw ? jsonata(raw.Error, 'Error') : undefined;
    const cause: CompiledJsonata | undefined = 'Cause' in raw ? jsonata(raw.Cause, 'Cause') : undefined;
    return async (x) => {
      const ctx = evalCtx(x, x.input);
      const e = err ? await err.evaluate(ctx) : undefined;
      const c = cause ? await cause.evaluate(ctx) : undefined;
      throw new LaneFailure(strOrUndef(e, 'Error'), strOrUndefC(c, 'Cause'), false) as never;
    };
  }
  const errorPath = typeof raw.ErrorPath === 'string' ? pathOrIntrinsic(raw.ErrorPath) : undefined;
  const causePath = typeof raw.CausePath === 'string' ? pathOrIntrinsic(raw.CausePath) : undefined;
  return async (x) => {
    const e = errorPath ? readPath(x, errorPath, 'ErrorPath') : raw.Error;
    const c = causePath ? readPath(x, causePath, 'CausePath') : raw.Cause;
    throw new LaneFailure(typeof e === 'string' ? e : (e === undefined ? (undefined as any) : JSON.stringify(e)),
      c === undefined ? undefined : typeof c === 'string' ? c : JSON.stringify(c), false);
  };
}

/** A *Path field: a JSONPath, or an intrinsic function evaluated through a one-key payload template. */
interface FieldReader { evaluate: CompiledPath['evaluate'] }
function pathOrIntrinsic(text: string): FieldReader {
  if (text.startsWith('$')) return compilePath(text);
  const t = compilePayloadTemplate({ 'v.$': text });
  return { evaluate: (ctx) => (t.evaluate(ctx) as { v: unknown }).v };
}

function readPath(x: StateRun, p: FieldReader, field: string): unknown {
  return p.evaluate(evalCtx(x, x.input), describeField(field));
}

function strOrUndef(v: unknown, _f: string): string {
  return v === undefined ? (undefined as any) : typeof v === 'string' ? v : JSON.stringify(v);
}
function strOrUndefC(v: unknown, _f: string): string | undefined {
  return v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v);
}
