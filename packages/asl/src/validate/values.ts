import type { JsonPath } from '../types/common.js';
import { isObj, typeName, type Ctx, type LangMode } from './context.js';
import { parseIntrinsic, looksLikeIntrinsic } from './intrinsic.js';
import { checkJsonata, isJsonataString } from './jsonata.js';
import { parseJsonPath } from './jsonpath.js';
import { closest } from './suggest.js';

/**
 * Checks a JSONPath-valued field. `kind`:
 * - `path`: any valid path (InputPath, OutputPath, Variable, …);
 * - `reference`: a Reference Path, selecting one node (ResultPath, ItemsPath, SecondsPath, …);
 * - `pathOrIntrinsic`: a path or an intrinsic call (ErrorPath, CausePath, `.$` template values).
 * `nullable`: `null` is allowed (InputPath/OutputPath/ResultPath).
 */
export function checkPathField(ctx: Ctx, value: unknown, path: JsonPath, field: string,
  kind: 'path' | 'reference' | 'pathOrIntrinsic', nullable = false): void {
  if (value === null && nullable) return;
  if (typeof value !== 'string') {
    ctx.error('INVALID_FIELD_TYPE', `'${field}' must be a ${kind === 'pathOrIntrinsic' ? 'JSONPath or intrinsic function string' : 'JSONPath string'}${nullable ? ' or null' : ''}, not ${typeName(value)}`, path);
    return;
  }
  checkPathString(ctx, value, path, field, kind);
}

/** Checks a string that must be a path (or intrinsic, for `pathOrIntrinsic`). */
export function checkPathString(ctx: Ctx, value: string, path: JsonPath, field: string,
  kind: 'path' | 'reference' | 'pathOrIntrinsic'): void {
  if (kind === 'pathOrIntrinsic' && looksLikeIntrinsic(value)) {
    const r = parseIntrinsic(value);
    if (!r.ok) {
      ctx.error('INVALID_INTRINSIC', `Invalid intrinsic function in '${field}': ${r.error}`, path, { within: value, position: r.position });
    }
    return;
  }
  if (!value.startsWith('$')) {
    ctx.error('INVALID_JSON_PATH', kind === 'pathOrIntrinsic'
      ? `'${field}' must be a JSONPath (starting with '$') or an intrinsic function (States.…), got ${JSON.stringify(value)}`
      : `'${field}' must be a JSONPath starting with '$', got ${JSON.stringify(value)}`, path);
    return;
  }
  const r = parseJsonPath(value);
  if (!r.ok) {
    ctx.error('INVALID_JSON_PATH', `Invalid JSONPath in '${field}': ${r.error}`, path, { within: value, position: r.position });
    return;
  }
  if (kind === 'reference' && !r.definite) {
    ctx.error('INVALID_JSON_PATH', `'${field}' must be a Reference Path selecting a single node (no wildcards, filters, slices, unions or '..'), got ${JSON.stringify(value)}`, path);
  }
}

/**
 * Checks a JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign, Credentials …): every key
 * ending in `.$` must hold a path or intrinsic string; recurses into objects and arrays.
 * Spec: states-language.net/spec.html#payload-template
 */
export function checkPayloadTemplate(ctx: Ctx, value: unknown, path: JsonPath): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkPayloadTemplate(ctx, v, [...path, i]));
    return;
  }
  if (!isObj(value)) return;
  const keys = Object.keys(value);
  for (const key of keys) {
    const v = value[key];
    const p = [...path, key];
    if (key.endsWith('.$')) {
      if (typeof v !== 'string') {
        ctx.error('INVALID_FIELD_TYPE', `The value of '${key}' must be a JSONPath or intrinsic function string (keys ending in '.$' are evaluated), not ${typeName(v)}`, p);
        continue;
      }
      checkPathString(ctx, v, p, key, 'pathOrIntrinsic');
      const plain = key.slice(0, -2);
      if (Object.prototype.hasOwnProperty.call(value, plain)) {
        ctx.error('DUPLICATE_TEMPLATE_KEY', `'${key}' and '${plain}' both produce the field '${plain}'`, p, 'key');
      }
    } else {
      checkPayloadTemplate(ctx, v, p);
    }
  }
}

/**
 * Checks every `{% %}` string inside `value` (recursively) with the JSONata parser. With `strict` (the state is
 * certainly JSONata), keys ending in `.$` get a warning: JSONata states do not evaluate them
 * (dg/transforming-data.html: "you will not use .$ on JSON object key names").
 */
export function checkJsonataValues(ctx: Ctx, value: unknown, path: JsonPath, strict = false): void {
  if (typeof value === 'string') {
    if (isJsonataString(value)) {
      const r = checkJsonata(value);
      if (!r.ok) ctx.error('INVALID_JSONATA', `Invalid JSONata expression: ${r.error}`, path, { within: value, position: r.position });
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkJsonataValues(ctx, v, [...path, i], strict));
    return;
  }
  if (isObj(value)) {
    for (const k of Object.keys(value)) {
      if (strict && k.endsWith('.$') && typeof value[k] === 'string') {
        ctx.warn('JSONPATH_IN_JSONATA', `'${k}': keys ending in '.$' are not evaluated in JSONata states; name it '${k.slice(0, -2)}' and write the value as "{% … %}"`, [...path, k], 'key');
      }
      checkJsonataValues(ctx, value[k], [...path, k], strict);
    }
  }
}

/** Options for `checkNumber`. */
export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
  /** Minimum is exclusive (e.g. TimeoutSeconds > 0). */
  exclusiveMin?: boolean;
}

/**
 * Checks a numeric field. In JSONata states a `{% %}` string is also accepted (checked as JSONata).
 */
export function checkNumber(ctx: Ctx, value: unknown, path: JsonPath, field: string, rule: NumberRule, lang: LangMode): void {
  if (typeof value === 'string' && lang !== 'JSONPath' && isJsonataString(value)) {
    return; // the JSONata walk checks the expression
  }
  const what = `${rule.integer ? 'an integer' : 'a number'}${describeBounds(rule)}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const hint = lang !== 'JSONPath' ? ' or a {% %} JSONata expression' : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? ' (write it without quotes)' : '';
    ctx.error('INVALID_FIELD_TYPE', `'${field}' must be ${what}${hint}, not ${typeName(value)}`, path);
    return;
  }
  if ((rule.integer && !Number.isInteger(value)) || (rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min))
    || (rule.max !== undefined && value > rule.max)) {
    ctx.error('INVALID_FIELD_VALUE', `'${field}' must be ${what}, got ${value}`, path);
  }
}

function describeBounds(rule: NumberRule): string {
  const parts: string[] = [];
  if (rule.min !== undefined) parts.push(rule.exclusiveMin ? `greater than ${rule.min}` : rule.min === 0 ? 'non-negative' : `at least ${rule.min}`);
  if (rule.max !== undefined) parts.push(`at most ${rule.max}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Checks that `value` is a string (INVALID_FIELD_TYPE otherwise). Returns whether it is. */
export function checkString(ctx: Ctx, value: unknown, path: JsonPath, field: string): value is string {
  if (typeof value === 'string') return true;
  ctx.error('INVALID_FIELD_TYPE', `'${field}' must be a string, not ${typeName(value)}`, path);
  return false;
}

/** Checks an enumerated string value (INVALID_FIELD_VALUE). */
export function checkEnum(ctx: Ctx, value: unknown, path: JsonPath, field: string, allowed: readonly string[]): void {
  if (typeof value !== 'string') {
    ctx.error('INVALID_FIELD_TYPE', `'${field}' must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, not ${typeName(value)}`, path);
  } else if (!allowed.includes(value)) {
    const near = closest(value, allowed);
    ctx.error('INVALID_FIELD_VALUE', `'${field}' must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got "${value}"${near ? ` (did you mean "${near}"?)` : ''}`, path);
  }
}
