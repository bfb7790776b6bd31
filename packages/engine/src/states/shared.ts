/**
 * Helpers shared by several state bodies (Task, Map, the Distributed Map's ItemReader).
 */
import { AslError } from '../errors.js';
import { compilePath, type CompiledJsonata, type CompiledPath } from '../io/index.js';
import { evalCtx, jsonata, type StateRun } from '../skeleton.js';
import type { QueryLanguage, RawState } from '../types.js';
import { typeName } from './choice.js';

/** Evaluates a numeric field for one state run; `undefined` when the field (and its `Path` form) is absent. */
export type NumberField = (x: StateRun, effective: unknown) => Promise<number | undefined>;

/** The expression text of a JSONata field value (`{% e %}` → `e`), as AWS quotes it in error causes. */
export function exprText(v: unknown): string {
  if (typeof v !== 'string') return JSON.stringify(v);
  const m = /^\{%([\s\S]*)%\}$/.exec(v.trim());
  return m ? m[1].trim() : v;
}

/** A value as AWS quotes it in a cause: strings bare, anything else as JSON. */
export function quoted(v: unknown): string { return typeof v === 'string' ? v : JSON.stringify(v); }

/**
 * A numeric field of a state (or of a sub-object such as `ItemBatcher` / `ReaderConfig`): a literal number, a
 * `<field>Path` reference path (JSONPath states) or a `{% %}` expression (JSONata states). Pure: compiles once.
 *
 * `kind` is the accepted type ('integer' or 'float'); `min` an inclusive lower bound (values below fail like a
 * wrong type). A `<field>Path` may also refer to a string holding such a number (`"1"`), as AWS accepts (a Map's
 * `MaxConcurrencyPath` or `ToleratedFailureCountPath` referring to the variable value `"1"` runs). Errors, with AWS's
 * cause texts: a JSONata result of the wrong type → `States.QueryEvaluationError` (location = field); a
 * `<field>Path` value of the wrong type → `States.Runtime`.
 */
export function numberField(raw: RawState, ql: QueryLanguage, field: string, kind: 'integer' | 'float', min?: number): NumberField {
  const v = raw[field];
  const ok = (n: unknown): n is number =>
    typeof n === 'number' && (kind === 'float' || Number.isInteger(n)) && (min === undefined || n >= min);
  if (ql === 'JSONata' && typeof v === 'string') {
    const c: CompiledJsonata = jsonata(v, field);
    return async (x) => {
      const n = await c.evaluate(evalCtx(x, x.input));
      if (!ok(n)) {
        const e = new AslError('States.QueryEvaluationError',
          `The JSONata expression '${exprText(v)}' specified for the field '${field}' returned an unexpected result type. Expected '${kind}', but was '${typeName(n)}' for value: ${JSON.stringify(n)}`);
        (e as any).location = field;
        throw e;
      }
      return n;
    };
  }
  if (typeof v === 'number') return async () => v;
  const pathText = raw[`${field}Path`];
  if (typeof pathText === 'string') {
    const p: CompiledPath = compilePath(pathText);
    return async (x, effective) => {
      const v = p.evaluate(evalCtx(x, effective));
      const n = typeof v === 'string' ? numericText(v, kind) ?? v : v;
      if (!ok(n)) throw new AslError('States.Runtime', `The ${field}Path field refers to value "${quoted(n)}" which is not a valid ${kind}: ${pathText}`);
      return n;
    };
  }
  return async () => undefined;
}

/**
 * The number a string spells, for a `<field>Path` value: an integer (`"12"`, `"-1"`) for `integer`, any decimal
 * (`"1.5"`, `"2e3"`) for `float`; undefined otherwise (`"NoNumber"`, `"1.5"` for an integer, `""`). Pure.
 * @example numericText('1', 'integer') // 1
 */
export function numericText(s: string, kind: 'integer' | 'float'): number | undefined {
  const re = kind === 'integer' ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  return re.test(s) ? Number(s) : undefined;
}
