import type { JsonPath } from '../types/common.js';
import { isObj, typeName, type Ctx, type LangMode } from './context.js';
import { isJsonataString } from './jsonata.js';
import { checkPathField, checkPayloadTemplate, checkString } from './values.js';

type OperandKind = 'string' | 'number' | 'boolean' | 'timestamp' | 'path';

/** JSONPath comparison operators and their operand kind. Spec: states-language.net/spec.html#choice-state */
export const CHOICE_COMPARISON_OPERATORS: Readonly<Record<string, OperandKind>> = (() => {
  const ops: Record<string, OperandKind> = {};
  const withPath = (name: string, kind: OperandKind) => {
    ops[name] = kind;
    ops[`${name}Path`] = 'path';
  };
  for (const s of ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals']) {
    withPath(`String${s}`, 'string');
    withPath(`Numeric${s}`, 'number');
    withPath(`Timestamp${s}`, 'timestamp');
  }
  withPath('BooleanEquals', 'boolean');
  ops.StringMatches = 'string';
  for (const t of ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']) ops[t] = 'boolean';
  return ops;
})();

const LOGICAL = ['And', 'Or', 'Not'];
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Result of checking a rule: the `Next` target (if any) for transition checks. */
export interface ChoiceRuleInfo {
  next?: string;
}

/**
 * Validates the `Choices` array of a Choice state (rules in JSONPath or JSONata form, depending on `lang`).
 */
export function checkChoices(ctx: Ctx, choices: unknown, path: JsonPath, lang: LangMode): void {
  if (!Array.isArray(choices)) {
    ctx.error('INVALID_FIELD_TYPE', `'Choices' must be a non-empty array of choice rules, not ${typeName(choices)}`, path);
    return;
  }
  if (choices.length === 0) {
    ctx.error('MISSING_REQUIRED_FIELD', "'Choices' must contain at least one choice rule", path);
    return;
  }
  choices.forEach((rule, i) => {
    const p = [...path, i];
    if (!isObj(rule)) {
      ctx.error('INVALID_FIELD_TYPE', `Choice rule #${i + 1} must be an object, not ${typeName(rule)}`, p);
      return;
    }
    const jsonata = lang === 'JSONata' || (lang === 'any' && 'Condition' in rule);
    if (jsonata) checkJsonataRule(ctx, rule, p, i);
    else checkJsonPathRule(ctx, rule, p, true, `Choice rule #${i + 1}`);
  });
}

function checkJsonataRule(ctx: Ctx, rule: Record<string, unknown>, p: JsonPath, i: number): void {
  const label = `Choice rule #${i + 1}`;
  for (const key of Object.keys(rule)) {
    if (['Condition', 'Next', 'Comment', 'Assign', 'Output'].includes(key)) continue;
    const why = key in CHOICE_COMPARISON_OPERATORS || LOGICAL.includes(key) || key === 'Variable'
      ? ` ('${key}' is a JSONPath choice operator; in JSONata write the test in 'Condition')` : '';
    ctx.error('INVALID_PROPERTY_NAME', `${label}: field '${key}' is not allowed in a JSONata choice rule${why}`, [...p, key], 'key');
  }
  if (!('Condition' in rule)) {
    ctx.error('MISSING_REQUIRED_FIELD', `${label} must have a 'Condition' (a {% %} JSONata expression)`, p);
  } else {
    const c = rule.Condition;
    if (typeof c === 'string' ? !isJsonataString(c) : typeof c !== 'boolean') {
      ctx.error('INVALID_FIELD_VALUE', `${label}: 'Condition' must be a {% %} JSONata expression or a boolean, got ${typeName(c)}`, [...p, 'Condition']);
    }
  }
  if (!('Next' in rule)) ctx.error('MISSING_REQUIRED_FIELD', `${label} must have a 'Next' state`, p);
  else checkString(ctx, rule.Next, [...p, 'Next'], 'Next');
  if (rule.Comment !== undefined) checkString(ctx, rule.Comment, [...p, 'Comment'], 'Comment');
  if (rule.Assign !== undefined && !isObj(rule.Assign)) {
    ctx.error('INVALID_FIELD_TYPE', `'Assign' must be an object, not ${typeName(rule.Assign)}`, [...p, 'Assign']);
  }
}

function checkJsonPathRule(ctx: Ctx, rule: Record<string, unknown>, p: JsonPath, topLevel: boolean, label: string): void {
  const ops: string[] = [];
  for (const key of Object.keys(rule)) {
    if (key in CHOICE_COMPARISON_OPERATORS || LOGICAL.includes(key)) {
      ops.push(key);
      continue;
    }
    if (key === 'Variable' || key === 'Comment') continue;
    if (key === 'Next' || key === 'Assign') {
      if (!topLevel) {
        ctx.error('INVALID_PROPERTY_NAME', `${label}: '${key}' is only allowed in a top-level choice rule, not inside And/Or/Not`, [...p, key], 'key');
      }
      continue;
    }
    if (key === 'Condition') {
      ctx.error('INVALID_PROPERTY_NAME', `${label}: 'Condition' is only allowed in JSONata choice rules (set "QueryLanguage": "JSONata")`, [...p, key], 'key');
      continue;
    }
    ctx.error('INVALID_PROPERTY_NAME', `${label}: unknown field '${key}' (not a choice rule field or comparison operator)`, [...p, key], 'key');
  }
  if (topLevel) {
    if (!('Next' in rule)) ctx.error('MISSING_REQUIRED_FIELD', `${label} must have a 'Next' state`, p);
    else checkString(ctx, rule.Next, [...p, 'Next'], 'Next');
    if (rule.Assign !== undefined) {
      if (!isObj(rule.Assign)) ctx.error('INVALID_FIELD_TYPE', `'Assign' must be an object, not ${typeName(rule.Assign)}`, [...p, 'Assign']);
      else checkPayloadTemplate(ctx, rule.Assign, [...p, 'Assign']);
    }
  }
  if (rule.Comment !== undefined) checkString(ctx, rule.Comment, [...p, 'Comment'], 'Comment');
  if (ops.length === 0) {
    ctx.error('MISSING_REQUIRED_FIELD', `${label} has no comparison operator (e.g. StringEquals, NumericGreaterThan, IsPresent, And, Or, Not)`, p);
    return;
  }
  if (ops.length > 1) {
    ctx.error('MUTUALLY_EXCLUSIVE', `${label}: each choice rule can have only one comparison operator, found ${ops.join(', ')}`, [...p, ops[1]], 'key');
    return;
  }
  const op = ops[0];
  const v = rule[op];
  const vp = [...p, op];
  if (op === 'And' || op === 'Or') {
    if ('Variable' in rule) ctx.error('INVALID_PROPERTY_NAME', `${label}: 'Variable' cannot be used with '${op}'`, [...p, 'Variable'], 'key');
    if (!Array.isArray(v) || v.length === 0) {
      ctx.error('INVALID_FIELD_TYPE', `'${op}' must be a non-empty array of choice rules, not ${typeName(v)}`, vp);
      return;
    }
    v.forEach((sub, j) => {
      if (!isObj(sub)) ctx.error('INVALID_FIELD_TYPE', `Each rule in '${op}' must be an object, not ${typeName(sub)}`, [...vp, j]);
      else checkJsonPathRule(ctx, sub, [...vp, j], false, `${label} ${op}[${j}]`);
    });
    return;
  }
  if (op === 'Not') {
    if ('Variable' in rule) ctx.error('INVALID_PROPERTY_NAME', `${label}: 'Variable' cannot be used with 'Not'`, [...p, 'Variable'], 'key');
    if (!isObj(v)) ctx.error('INVALID_FIELD_TYPE', `'Not' must be a choice rule object, not ${typeName(v)}`, vp);
    else checkJsonPathRule(ctx, v, vp, false, `${label} Not`);
    return;
  }
  if (!('Variable' in rule)) {
    ctx.error('MISSING_REQUIRED_FIELD', `${label} must have a 'Variable' (the path of the value compared by ${op})`, p);
  } else {
    checkPathField(ctx, rule.Variable, [...p, 'Variable'], 'Variable', 'path');
  }
  const kind = CHOICE_COMPARISON_OPERATORS[op];
  switch (kind) {
    case 'path':
      checkPathField(ctx, v, vp, op, 'path');
      break;
    case 'string':
      if (typeof v !== 'string') ctx.error('INVALID_FIELD_TYPE', `'${op}' must be a string, not ${typeName(v)}`, vp);
      break;
    case 'number':
      if (typeof v !== 'number') ctx.error('INVALID_FIELD_TYPE', `'${op}' must be a number, not ${typeName(v)}`, vp);
      break;
    case 'boolean':
      if (typeof v !== 'boolean') ctx.error('INVALID_FIELD_TYPE', `'${op}' must be a boolean, not ${typeName(v)}`, vp);
      break;
    case 'timestamp':
      if (typeof v !== 'string') ctx.error('INVALID_FIELD_TYPE', `'${op}' must be an RFC 3339 timestamp string, not ${typeName(v)}`, vp);
      else if (!TIMESTAMP_RE.test(v)) ctx.warn('INVALID_TIMESTAMP', `'${op}' should be an RFC 3339 timestamp with uppercase T and Z, e.g. "2026-01-01T00:00:00Z", got "${v}"`, vp);
      break;
  }
}

export { TIMESTAMP_RE };
