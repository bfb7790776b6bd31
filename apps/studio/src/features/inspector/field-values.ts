/**
 * Field ⇄ value mapping for the inspector's inputs: how a document value is shown in a text box, and how the text a
 * person typed becomes the value written back (or an inline error, in which case nothing is written). Pure.
 * Rules follow the States Language spec (states-language.net/spec.html) and the AWS developer guide pages named below.
 */
import { isJsonataString, looksLikeIntrinsic, parseIntrinsic, parseJsonPath } from '@asl-studio/asl';

/**
 * The outcome of reading an input: a value to write (`undefined` = remove the field), or an error to show inline.
 */
export type Parsed<T> = { ok: true; value: T | undefined } | { ok: false; error: string };

const ok = <T>(value: T | undefined): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** Bounds of a numeric field. */
export interface NumberRule {
  integer?: boolean;
  min?: number;
  /** `min` itself is not allowed (a positive integer: `{ integer: true, min: 0, exclusiveMin: true }`). */
  exclusiveMin?: boolean;
  max?: number;
}

/**
 * Numeric fields and their bounds, as the validator of @asl-studio/asl checks them:
 * Retrier fields (spec "Retrying after error"; AWS dg/concepts-error-handling.html: MaxDelaySeconds ≤ 31622400),
 * Task TimeoutSeconds / HeartbeatSeconds (positive integers, AWS max 99999999), Wait Seconds (0–99999999),
 * Map MaxConcurrency / ToleratedFailureCount (≥ 0) and ToleratedFailurePercentage (0–100).
 */
export const NUMBER_RULES: Readonly<Record<string, NumberRule>> = {
  IntervalSeconds: { integer: true, min: 1, max: 99999999 },
  MaxAttempts: { integer: true, min: 0, max: 99999999 },
  BackoffRate: { min: 1 },
  MaxDelaySeconds: { integer: true, min: 1, max: 31622400 },
  TimeoutSeconds: { integer: true, min: 0, exclusiveMin: true, max: 99999999 },
  HeartbeatSeconds: { integer: true, min: 0, exclusiveMin: true, max: 99999999 },
  Seconds: { integer: true, min: 0, max: 99999999 },
  MaxConcurrency: { integer: true, min: 0 },
  ToleratedFailurePercentage: { min: 0, max: 100 },
  ToleratedFailureCount: { integer: true, min: 0 },
};

/** A sentence describing a rule, for errors and hints: "a whole number ≥ 1". */
export function describeRule(rule: NumberRule): string {
  const what = rule.integer ? 'a whole number' : 'a number';
  const lo = rule.min === undefined ? '' : rule.exclusiveMin ? `> ${rule.min}` : `≥ ${rule.min}`;
  const hi = rule.max === undefined ? '' : `≤ ${rule.max}`;
  const bounds = [lo, hi].filter(Boolean).join(' and ');
  return bounds ? `${what} ${bounds}` : what;
}

/** Text of a scalar value for an input: numbers and strings as they are, undefined/null as ''. */
export function formatScalar(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Reads a number input. Empty → undefined (remove the field). With `jsonata`, a `{% … %}` expression is kept as a
 * string (JSONata states accept one in numeric fields: AWS dg/transforming-data.html).
 * @example parseNumberInput('3', NUMBER_RULES.MaxAttempts) // { ok: true, value: 3 }
 * @example parseNumberInput('-1', NUMBER_RULES.MaxAttempts) // { ok: false, error: 'Must be a whole number ≥ 0 …' }
 */
export function parseNumberInput(text: string, rule: NumberRule, options: { jsonata?: boolean } = {}): Parsed<number | string> {
  const t = text.trim();
  if (t === '') return ok(undefined);
  if (options.jsonata && isJsonataString(t)) return ok(t);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    return fail(`Must be ${describeRule(rule)}${options.jsonata ? ' or a {% %} expression' : ''}.`);
  }
  const n = Number(t);
  const bad =
    !Number.isFinite(n) ||
    (rule.integer && !Number.isInteger(n)) ||
    (rule.min !== undefined && (rule.exclusiveMin ? n <= rule.min : n < rule.min)) ||
    (rule.max !== undefined && n > rule.max);
  return bad ? fail(`Must be ${describeRule(rule)}.`) : ok(n);
}

/** Pretty JSON of a value for a textarea ('' for undefined); a JSONata `{% %}` string is shown without quotes. */
export function formatJsonValue(value: unknown, options: { expressions?: boolean } = {}): string {
  if (value === undefined) return '';
  if (options.expressions && typeof value === 'string' && isJsonataString(value)) return value;
  return JSON.stringify(value, null, 2);
}

/**
 * Reads a JSON textarea. Empty → undefined (remove the field). `object`: the value must be a JSON object (payload
 * templates, Assign). `expressions`: a bare `{% … %}` is taken as that JSONata string (Output, Arguments, Items).
 */
export function parseJsonInput(text: string, options: { object?: boolean; expressions?: boolean } = {}): Parsed<unknown> {
  const t = text.trim();
  if (t === '') return ok(undefined);
  if (options.expressions && isJsonataString(t)) return ok(t);
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch (e) {
    return fail(`Invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (options.object && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    return fail('Must be a JSON object: { "key": value, … }.');
  }
  return ok(value);
}

/** What a path field accepts (spec "Paths": Path, Reference Path; Fail ErrorPath/CausePath also take intrinsics). */
export type PathKind = 'path' | 'reference' | 'pathOrIntrinsic';

/**
 * Reads a JSONPath input. Empty → undefined (remove). With `nullable` (InputPath, OutputPath, ResultPath: spec
 * "Filters"), the word `null` gives JSON null. A Reference Path (ResultPath, ItemsPath, *Path) must select one node.
 * @example parsePathInput('$.result', 'reference') // { ok: true, value: '$.result' }
 * @example parsePathInput('null', 'path', { nullable: true }) // { ok: true, value: null }
 */
export function parsePathInput(text: string, kind: PathKind, options: { nullable?: boolean } = {}): Parsed<string | null> {
  const t = text.trim();
  if (t === '') return ok(undefined);
  if (options.nullable && t === 'null') return ok(null);
  if (kind === 'pathOrIntrinsic' && looksLikeIntrinsic(t)) {
    const r = parseIntrinsic(t);
    return r.ok ? ok(t) : fail(`Invalid intrinsic function: ${r.error}`);
  }
  if (!t.startsWith('$')) return fail(`Must be a JSONPath starting with $${kind === 'pathOrIntrinsic' ? ' or an intrinsic function (States.…)' : ''}${options.nullable ? ', or null' : ''}.`);
  const r = parseJsonPath(t);
  if (!r.ok) return fail(`Invalid JSONPath: ${r.error}`);
  if (kind === 'reference' && !r.definite) return fail('Must be a Reference Path selecting one node (no wildcards, filters or ..).');
  return ok(t);
}

/** Text of a path value for its input: `null` shows as the word null. */
export function formatPath(value: unknown): string {
  return value === null ? 'null' : formatScalar(value);
}

/** RFC 3339 timestamp as Step Functions accepts it (uppercase T and Z or an offset; AWS dg/state-wait.html). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads a Wait Timestamp input; a `{% %}` expression is kept with `jsonata`. */
export function parseTimestampInput(text: string, options: { jsonata?: boolean } = {}): Parsed<string> {
  const t = text.trim();
  if (t === '') return ok(undefined);
  if (options.jsonata && isJsonataString(t)) return ok(t);
  return RFC3339.test(t) && !Number.isNaN(Date.parse(t)) ? ok(t) : fail('Must be an RFC 3339 timestamp such as 2026-01-01T00:00:00Z.');
}

/** Reads a free-text field: empty → undefined (remove it) unless `keepEmpty`; `maxLength` is checked. */
export function parseTextInput(text: string, options: { keepEmpty?: boolean; maxLength?: number; required?: string } = {}): Parsed<string> {
  if (text === '' && !options.keepEmpty) return options.required ? fail(options.required) : ok(undefined);
  if (options.maxLength !== undefined && text.length > options.maxLength) return fail(`At most ${options.maxLength} characters (${text.length} now).`);
  return ok(text);
}

/** The four Wait modes (spec "Wait State": exactly one of Seconds, Timestamp, SecondsPath, TimestampPath). */
export const WAIT_MODES = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'] as const;
/** One Wait mode. */
export type WaitMode = (typeof WAIT_MODES)[number];

/** Labels of the Wait modes, as Workflow Studio words them. */
export const WAIT_MODE_LABELS: Readonly<Record<WaitMode, string>> = {
  Seconds: 'Wait for a fixed interval (Seconds)',
  Timestamp: 'Wait until a time (Timestamp)',
  SecondsPath: 'Interval from the input (SecondsPath)',
  TimestampPath: 'Time from the input (TimestampPath)',
};

/** The Wait modes of a query language: JSONata has no *Path fields (Seconds/Timestamp take `{% %}` instead). */
export function waitModesFor(lang: 'JSONPath' | 'JSONata'): readonly WaitMode[] {
  return lang === 'JSONata' ? ['Seconds', 'Timestamp'] : WAIT_MODES;
}

/** A Wait state's mode: the first of the four fields present (Seconds when none is). */
export function waitModeOf(state: Record<string, unknown>): WaitMode {
  return WAIT_MODES.find((m) => state[m] !== undefined) ?? 'Seconds';
}

/**
 * The value a Wait field gets when its mode is chosen: Seconds 10, Timestamp midnight UTC of the day after `now`,
 * the *Path modes `$.seconds` / `$.timestamp`. Pure (pass `now`).
 */
export function defaultWaitValue(mode: WaitMode, now: Date): number | string {
  switch (mode) {
    case 'Seconds':
      return 10;
    case 'Timestamp': {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
      return d.toISOString().replace('.000Z', 'Z');
    }
    case 'SecondsPath':
      return '$.seconds';
    case 'TimestampPath':
      return '$.timestamp';
  }
}

/** The three ResultPath choices Workflow Studio offers (spec "ResultPath"; AWS dg/input-output-resultpath.html). */
export type ResultPathMode = 'combine' | 'discard' | 'replace';

/** The ResultPath mode of a value: null discards the result, "$" replaces the input, any other path combines. Pure. */
export function resultPathMode(value: unknown): ResultPathMode {
  return value === null ? 'discard' : value === '$' ? 'replace' : 'combine';
}
