/**
 * JSONPath Choice rules: `And`/`Or`/`Not`, every comparison operator with its `…Path` variant, the type tests and
 * `StringMatches`. Spec: states-language.net/spec.html#choice-state; AWS dg/state-choice.html.
 *
 * Semantics: a comparison whose value has the wrong type is false (no error). A `Variable` (or `…Path` operand) that
 * matches nothing throws `States.Runtime` ("Invalid path '$.x': The choice state's condition path references an
 * invalid value."), except for `IsPresent`, which is exactly that test.
 */
import { AslError } from '../errors.js';
import type { EvalContext } from './eval-context.js';
import { compilePath, MISSING, type CompiledPath } from './jsonpath.js';

/** A compiled Choice rule. */
export interface CompiledChoiceRule {
  /** True when the rule matches. Throws AslError('States.Runtime') when a referenced path matches nothing. */
  evaluate(ctx: EvalContext): boolean;
}

type Pred = (ctx: EvalContext) => boolean;

const isTs = (v: unknown): v is string => typeof v === 'string' && parseTimestamp(v) !== undefined;

/**
 * Parses an RFC 3339 timestamp (`2016-03-14T01:59:00Z`, `…+01:00`, fractional seconds; uppercase `T`, and `Z` or an
 * offset required) to epoch milliseconds plus a sub-millisecond fraction for exact ordering; undefined when invalid.
 */
export function parseTimestamp(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, frac, zone, zh, zm] = m;
  const year = +y!;
  const month = +mo!;
  const day = +d!;
  const hour = +h!;
  const min = +mi!;
  const sec = +se!;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || min > 59 || sec > 59) return undefined;
  const dim = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (day > dim[month - 1]!) return undefined;
  let offset = 0;
  if (zone !== 'Z') {
    const oh = +zh!;
    const om = +zm!;
    if (oh > 18 || om > 59) return undefined;
    offset = (oh * 60 + om) * (zone![0] === '-' ? -1 : 1);
  }
  const base = Date.UTC(year, month - 1, day, hour, min, sec) - offset * 60000;
  const fraction = frac ? Number(frac) * 1000 : 0; // milliseconds with sub-ms precision
  return base + fraction;
}

const COMPARISONS = {
  String: (v: unknown): v is string => typeof v === 'string',
  Numeric: (v: unknown): v is number => typeof v === 'number',
  Boolean: (v: unknown): v is boolean => typeof v === 'boolean',
  Timestamp: isTs,
} as const;
type Kind = keyof typeof COMPARISONS;
const RELATIONS = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'] as const;
type Relation = (typeof RELATIONS)[number];

function relate(rel: Relation, a: number | string, b: number | string): boolean {
  switch (rel) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'GreaterThan':
      return a > b;
    case 'LessThanEquals':
      return a <= b;
    case 'GreaterThanEquals':
      return a >= b;
  }
}

/** The operator names of a data-test rule (besides Variable/Next/Comment/Assign/Output). */
export const CHOICE_OPERATORS: readonly string[] = [
  ...(['String', 'Numeric', 'Timestamp'] as const).flatMap((k) => RELATIONS.flatMap((r) => [`${k}${r}`, `${k}${r}Path`])),
  'BooleanEquals',
  'BooleanEqualsPath',
  'StringMatches',
  'IsNull',
  'IsPresent',
  'IsNumeric',
  'IsString',
  'IsBoolean',
  'IsTimestamp',
];

function invalidValue(path: string): AslError {
  return new AslError('States.Runtime', `Invalid path '${path}': The choice state's condition path references an invalid value.`);
}

function read(p: CompiledPath, ctx: EvalContext): unknown {
  const r = p.get(ctx);
  if (r === MISSING) throw invalidValue(p.text);
  return r;
}

/**
 * StringMatches pattern → RegExp: `*` matches any run of characters, `\*` a literal star, `\\` a literal backslash.
 */
export function wildcardToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]!);
    } else if (c === '*') re += '[\\s\\S]*';
    else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}
const escapeRe = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function compileDataTest(rule: Record<string, unknown>): Pred {
  const variable = rule['Variable'];
  if (typeof variable !== 'string') throw new AslError('States.Runtime', 'A Choice rule must have a Variable field');
  const vp = compilePath(variable);
  const ops = Object.keys(rule).filter((k) => CHOICE_OPERATORS.includes(k));
  if (ops.length !== 1) throw new AslError('States.Runtime', 'Each Choice Rule can only have one comparison operator');
  const op = ops[0]!;
  const operand = rule[op];

  switch (op) {
    case 'IsPresent': {
      const want = operand === true;
      return (ctx) => (vp.get(ctx) !== MISSING) === want;
    }
    case 'IsNull':
    case 'IsNumeric':
    case 'IsString':
    case 'IsBoolean':
    case 'IsTimestamp': {
      const want = operand === true;
      const test: (v: unknown) => boolean =
        op === 'IsNull'
          ? (v) => v === null
          : op === 'IsNumeric'
            ? (v) => typeof v === 'number'
            : op === 'IsString'
              ? (v) => typeof v === 'string'
              : op === 'IsBoolean'
                ? (v) => typeof v === 'boolean'
                : isTs;
      return (ctx) => {
        const r = vp.get(ctx);
        // A type test on a missing field is false, whatever the operand (it does not fail).
        if (r === MISSING) return false;
        return test(r) === want;
      };
    }
    case 'StringMatches': {
      if (typeof operand !== 'string') throw new AslError('States.Runtime', 'StringMatches requires a string pattern');
      const re = wildcardToRegExp(operand);
      return (ctx) => {
        const v = read(vp, ctx);
        return typeof v === 'string' && re.test(v);
      };
    }
  }
  const isPath = op.endsWith('Path');
  const base = isPath ? op.slice(0, -4) : op;
  const kind = (Object.keys(COMPARISONS) as Kind[]).find((k) => base.startsWith(k))!;
  const rel = base.slice(kind.length) as Relation;
  const typeOk = COMPARISONS[kind];
  const operandPath = isPath ? compilePath(String(operand)) : undefined;
  const compare = (a: unknown, b: unknown): boolean => {
    if (!typeOk(a) || !typeOk(b)) return false;
    if (kind === 'Boolean') return a === b;
    if (kind === 'Timestamp') return relate(rel, parseTimestamp(a as string)!, parseTimestamp(b as string)!);
    return relate(rel, a as number | string, b as number | string);
  };
  if (operandPath) {
    return (ctx) => {
      const a = read(vp, ctx);
      const b = read(operandPath, ctx);
      return compare(a, b);
    };
  }
  if (!typeOk(operand)) throw new AslError('States.Runtime', `The value of ${op} must be of type ${kind.toLowerCase()}`);
  if (kind === 'Numeric' || kind === 'String') {
    // the common rules against a literal, one closure each (no compare/relate calls per evaluation)
    const t = kind === 'Numeric' ? 'number' : 'string';
    const b = operand as number | string;
    switch (rel) {
      case 'Equals': return (ctx) => { const a = read(vp, ctx); return typeof a === t && a === b; };
      case 'LessThan': return (ctx) => { const a = read(vp, ctx); return typeof a === t && (a as number | string) < b; };
      case 'GreaterThan': return (ctx) => { const a = read(vp, ctx); return typeof a === t && (a as number | string) > b; };
      case 'LessThanEquals': return (ctx) => { const a = read(vp, ctx); return typeof a === t && (a as number | string) <= b; };
      case 'GreaterThanEquals': return (ctx) => { const a = read(vp, ctx); return typeof a === t && (a as number | string) >= b; };
    }
  }
  return (ctx) => compare(read(vp, ctx), operand);
}

function compileRule(rule: unknown): Pred {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule))
    throw new AslError('States.Runtime', 'A Choice rule must be an object');
  const r = rule as Record<string, unknown>;
  if ('And' in r || 'Or' in r) {
    const list = (r['And'] ?? r['Or']) as unknown;
    if (!Array.isArray(list)) throw new AslError('States.Runtime', 'And/Or require an array of rules');
    const preds = list.map(compileRule);
    if ('And' in r) return (ctx) => preds.every((p) => p(ctx));
    return (ctx) => preds.some((p) => p(ctx));
  }
  if ('Not' in r) {
    const p = compileRule(r['Not']);
    return (ctx) => !p(ctx);
  }
  return compileDataTest(r);
}

/**
 * Compiles a JSONPath Choice rule (top-level or nested; `Next` and `Comment` are ignored) once.
 * Invalid rules throw AslError('States.Runtime') at compile time.
 *
 * @example compileChoiceRule({Variable: '$.n', NumericGreaterThan: 1}).evaluate(ctx) // true when $.n > 1
 */
export function compileChoiceRule(rule: object): CompiledChoiceRule {
  const p = compileRule(rule);
  return { evaluate: p };
}

