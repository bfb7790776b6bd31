import type { JsonPath } from '../types/common.js';
import { isObj, typeName, type Ctx, type LangMode } from './context.js';
import { CATCHER_FIELDS, RETRIER_FIELDS } from './fields.js';
import { closest } from './suggest.js';
import { checkEnum, checkNumber, checkPathField, checkPayloadTemplate, checkString } from './values.js';

/**
 * Predefined error names. AWS dg/concepts-error-handling.html ("Error names"); States.QueryEvaluationError and
 * States.Http.Socket from the JSONata and HTTP Task pages.
 */
export const PREDEFINED_ERRORS: readonly string[] = [
  'States.ALL', 'States.DataLimitExceeded', 'States.ExceedToleratedFailureThreshold', 'States.HeartbeatTimeout',
  'States.Http.Socket', 'States.IntrinsicFailure', 'States.ItemReaderFailed', 'States.NoChoiceMatched',
  'States.ParameterPathFailure', 'States.Permissions', 'States.ResultPathMatchFailure', 'States.ResultWriterFailed',
  'States.Runtime', 'States.TaskFailed', 'States.Timeout', 'States.BranchFailed', 'States.QueryEvaluationError',
];

function checkErrorEquals(ctx: Ctx, entry: Record<string, unknown>, p: JsonPath, label: string, isLast: boolean,
  field: 'Retry' | 'Catch'): void {
  if (!('ErrorEquals' in entry)) {
    ctx.error('MISSING_REQUIRED_FIELD', `${label} must have 'ErrorEquals' (a non-empty array of error names)`, p);
    return;
  }
  const ee = entry.ErrorEquals;
  const ep = [...p, 'ErrorEquals'];
  if (!Array.isArray(ee)) {
    ctx.error('INVALID_FIELD_TYPE', `'ErrorEquals' must be a non-empty array of error names, not ${typeName(ee)}`, ep);
    return;
  }
  if (ee.length === 0) {
    ctx.error('MISSING_REQUIRED_FIELD', `${label}: 'ErrorEquals' must not be empty`, ep);
    return;
  }
  ee.forEach((e, i) => {
    if (typeof e !== 'string') ctx.error('INVALID_FIELD_TYPE', `Error names in 'ErrorEquals' must be strings, not ${typeName(e)}`, [...ep, i]);
    else if (e.startsWith('States.') && !PREDEFINED_ERRORS.includes(e)) {
      const near = closest(e, PREDEFINED_ERRORS);
      ctx.warn('UNKNOWN_ERROR_NAME', `'${e}' is not a predefined Step Functions error; names starting with 'States.' are reserved${near ? ` (did you mean '${near}'?)` : ''}`, [...ep, i]);
    }
  });
  const allAt = ee.indexOf('States.ALL');
  if (allAt >= 0) {
    if (ee.length > 1) {
      ctx.error('INVALID_STATES_ALL', `${label}: 'States.ALL' must appear alone in 'ErrorEquals'`, [...ep, allAt]);
    } else if (!isLast) {
      ctx.error('INVALID_STATES_ALL', `${label}: a ${field === 'Retry' ? 'retrier' : 'catcher'} matching 'States.ALL' must be the last one in '${field}'`, [...ep, allAt]);
    }
  }
}

/** Validates a `Retry` array. Spec: states-language.net/spec.html#retrying-after-error */
export function checkRetry(ctx: Ctx, retry: unknown, path: JsonPath, lang: LangMode): void {
  if (!Array.isArray(retry)) {
    ctx.error('INVALID_FIELD_TYPE', `'Retry' must be an array of retriers, not ${typeName(retry)}`, path);
    return;
  }
  retry.forEach((r, i) => {
    const p = [...path, i];
    const label = `Retrier #${i + 1}`;
    if (!isObj(r)) {
      ctx.error('INVALID_FIELD_TYPE', `${label} must be an object, not ${typeName(r)}`, p);
      return;
    }
    for (const k of Object.keys(r)) {
      if (!RETRIER_FIELDS.includes(k)) ctx.error('INVALID_PROPERTY_NAME', `${label}: unknown field '${k}' (allowed: ${RETRIER_FIELDS.join(', ')})`, [...p, k], 'key');
    }
    checkErrorEquals(ctx, r, p, label, i === retry.length - 1, 'Retry');
    if (r.IntervalSeconds !== undefined) checkNumber(ctx, r.IntervalSeconds, [...p, 'IntervalSeconds'], 'IntervalSeconds', { integer: true, min: 1 }, 'JSONPath');
    if (r.MaxAttempts !== undefined) checkNumber(ctx, r.MaxAttempts, [...p, 'MaxAttempts'], 'MaxAttempts', { integer: true, min: 0 }, 'JSONPath');
    if (r.BackoffRate !== undefined) checkNumber(ctx, r.BackoffRate, [...p, 'BackoffRate'], 'BackoffRate', { min: 1 }, 'JSONPath');
    if (r.MaxDelaySeconds !== undefined) checkNumber(ctx, r.MaxDelaySeconds, [...p, 'MaxDelaySeconds'], 'MaxDelaySeconds', { integer: true, min: 1 }, 'JSONPath');
    if (r.JitterStrategy !== undefined) checkEnum(ctx, r.JitterStrategy, [...p, 'JitterStrategy'], 'JitterStrategy', ['FULL', 'NONE']);
    if (r.Comment !== undefined) checkString(ctx, r.Comment, [...p, 'Comment'], 'Comment');
    void lang;
  });
}

/**
 * Validates a `Catch` array (fields and ErrorEquals; `Next` targets are checked with the other transitions).
 * Spec: states-language.net/spec.html#fallback-states
 */
export function checkCatch(ctx: Ctx, katch: unknown, path: JsonPath, lang: LangMode): void {
  if (!Array.isArray(katch)) {
    ctx.error('INVALID_FIELD_TYPE', `'Catch' must be an array of catchers, not ${typeName(katch)}`, path);
    return;
  }
  katch.forEach((c, i) => {
    const p = [...path, i];
    const label = `Catcher #${i + 1}`;
    if (!isObj(c)) {
      ctx.error('INVALID_FIELD_TYPE', `${label} must be an object, not ${typeName(c)}`, p);
      return;
    }
    for (const k of Object.keys(c)) {
      if (CATCHER_FIELDS.common.includes(k)) continue;
      if (lang === 'any' ? CATCHER_FIELDS.JSONPath.includes(k) || CATCHER_FIELDS.JSONata.includes(k) : CATCHER_FIELDS[lang].includes(k)) continue;
      const other = lang === 'JSONPath' ? 'JSONata' : 'JSONPath';
      const why = lang !== 'any' && CATCHER_FIELDS[other].includes(k) ? ` in a ${lang} state ('${k}' is ${other}-only)` : '';
      ctx.error('INVALID_PROPERTY_NAME', `${label}: field '${k}' is not allowed${why}`, [...p, k], 'key');
    }
    checkErrorEquals(ctx, c, p, label, i === katch.length - 1, 'Catch');
    if (!('Next' in c)) ctx.error('MISSING_REQUIRED_FIELD', `${label} must have a 'Next' state`, p);
    else checkString(ctx, c.Next, [...p, 'Next'], 'Next');
    if ('ResultPath' in c && lang !== 'JSONata') checkPathField(ctx, c.ResultPath, [...p, 'ResultPath'], 'ResultPath', 'reference', true);
    if (c.Assign !== undefined) {
      if (!isObj(c.Assign)) ctx.error('INVALID_FIELD_TYPE', `'Assign' must be an object, not ${typeName(c.Assign)}`, [...p, 'Assign']);
      else if (lang === 'JSONPath') checkPayloadTemplate(ctx, c.Assign, [...p, 'Assign']);
    }
    if (c.Comment !== undefined) checkString(ctx, c.Comment, [...p, 'Comment'], 'Comment');
  });
}
