import { parseJsonPath } from './jsonpath.js';
import { closest } from './suggest.js';

/**
 * The 18 intrinsic functions (JSONPath states only). AWS: dg/intrinsic-functions.html
 */
export const INTRINSIC_FUNCTION_NAMES: readonly string[] = [
  'States.Format', 'States.StringToJson', 'States.JsonToString', 'States.Array', 'States.ArrayPartition',
  'States.ArrayContains', 'States.ArrayRange', 'States.ArrayGetItem', 'States.ArrayLength', 'States.ArrayUnique',
  'States.Base64Encode', 'States.Base64Decode', 'States.Hash', 'States.JsonMerge', 'States.MathRandom', 'States.MathAdd',
  'States.StringSplit', 'States.UUID',
];

/** Argument count bounds per function ([min, max]); Infinity = variadic. From dg/intrinsic-functions.html. */
export const INTRINSIC_ARITY: Readonly<Record<string, readonly [number, number]>> = {
  'States.Format': [1, Infinity],
  'States.StringToJson': [1, 1],
  'States.JsonToString': [1, 1],
  'States.Array': [0, Infinity],
  'States.ArrayPartition': [2, 2],
  'States.ArrayContains': [2, 2],
  'States.ArrayRange': [3, 3],
  'States.ArrayGetItem': [2, 2],
  'States.ArrayLength': [1, 1],
  'States.ArrayUnique': [1, 1],
  'States.Base64Encode': [1, 1],
  'States.Base64Decode': [1, 1],
  'States.Hash': [2, 2],
  'States.JsonMerge': [3, 3],
  'States.MathRandom': [2, 3],
  'States.MathAdd': [2, 2],
  'States.StringSplit': [2, 2],
  'States.UUID': [0, 0],
};

/** An intrinsic argument. */
export type IntrinsicArg =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' }
  | { type: 'path'; path: string }
  | { type: 'call'; call: IntrinsicCall };

/** A parsed `States.X(...)` call. */
export interface IntrinsicCall {
  name: string;
  args: IntrinsicArg[];
}

/** Result of `parseIntrinsic`; `position` is a 0-based index into the input. */
export type IntrinsicParseResult = { ok: true; call: IntrinsicCall } | { ok: false; error: string; position: number };

/** Whether a string looks like an intrinsic call (starts with `States.`). */
export function looksLikeIntrinsic(s: string): boolean {
  return s.trimStart().startsWith('States.');
}

class IntrinsicSyntaxError {
  constructor(readonly error: string, readonly position: number) {}
}

/**
 * Parses an intrinsic function call such as `States.Format('Hello {}', $.name)`: known function name, balanced
 * parentheses and quotes, arguments (single-quoted strings with `\'` `\{` `\}` `\\` escapes, numbers, booleans, null,
 * paths, nested calls), argument counts, nesting ≤ 10. Pure; never throws.
 * AWS: dg/intrinsic-functions.html
 */
export function parseIntrinsic(text: string): IntrinsicParseResult {
  let i = 0;
  const s = text;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const call = (depth: number): IntrinsicCall => {
    if (depth > 10) throw new IntrinsicSyntaxError('Intrinsic functions can be nested at most 10 deep', i);
    const start = i;
    const m = /^States\.[A-Za-z0-9]+/.exec(s.slice(i));
    if (!m) throw new IntrinsicSyntaxError("Expected an intrinsic function name 'States.<Name>'", i);
    const name = m[0];
    if (!INTRINSIC_FUNCTION_NAMES.includes(name)) {
      const near = closest(name, INTRINSIC_FUNCTION_NAMES);
      throw new IntrinsicSyntaxError(`Unknown intrinsic function '${name}'${near ? ` (did you mean '${near}'?)` : ''}`, start);
    }
    i += name.length;
    ws();
    if (s[i] !== '(') throw new IntrinsicSyntaxError(`Expected '(' after ${name}`, i);
    i++;
    ws();
    const args: IntrinsicArg[] = [];
    if (s[i] === ')') {
      i++;
    } else {
      for (;;) {
        ws();
        args.push(arg(depth));
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ')') {
          i++;
          break;
        }
        if (i >= s.length) throw new IntrinsicSyntaxError(`Missing ')' to close ${name}(`, i);
        throw new IntrinsicSyntaxError(`Expected ',' or ')' in the arguments of ${name}`, i);
      }
    }
    const [min, max] = INTRINSIC_ARITY[name];
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      throw new IntrinsicSyntaxError(`${name} takes ${want} argument${min === 1 && max === 1 ? '' : 's'}, got ${args.length}`, start);
    }
    return { name, args };
  };
  const arg = (depth: number): IntrinsicArg => {
    const c = s[i];
    if (c === undefined) throw new IntrinsicSyntaxError('Expected an argument', i);
    if (c === "'") {
      const start = i;
      i++;
      let value = '';
      while (i < s.length && s[i] !== "'") {
        if (s[i] === '\\') {
          if (i + 1 >= s.length) break;
          value += s[i + 1];
          i += 2;
          continue;
        }
        value += s[i];
        i++;
      }
      if (i >= s.length) throw new IntrinsicSyntaxError('Unterminated string argument (missing closing quote)', start);
      i++;
      return { type: 'string', value };
    }
    if (c === '$') {
      const start = i;
      let depthB = 0;
      while (i < s.length) {
        const ch = s[i];
        if (ch === "'" || ch === '"') {
          const q = ch;
          i++;
          while (i < s.length && s[i] !== q) i += s[i] === '\\' ? 2 : 1;
          i++;
          continue;
        }
        if (ch === '[' || ch === '(') depthB++;
        else if (ch === ']' || ch === ')') {
          if (depthB === 0) break;
          depthB--;
        } else if (ch === ',' && depthB === 0) break;
        i++;
      }
      const path = s.slice(start, i).trim();
      const r = parseJsonPath(path);
      if (!r.ok) throw new IntrinsicSyntaxError(`Invalid path argument '${path}': ${r.error}`, start + r.position);
      return { type: 'path', path };
    }
    if (s.startsWith('States.', i)) return { type: 'call', call: call(depth + 1) };
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i));
    if (num) {
      i += num[0].length;
      return { type: 'number', value: Number(num[0]) };
    }
    for (const [lit, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (s.startsWith(lit, i) && !/[A-Za-z0-9_]/.test(s[i + lit.length] ?? '')) {
        i += lit.length;
        return v === null ? { type: 'null' } : { type: 'boolean', value: v };
      }
    }
    if (c === '"') throw new IntrinsicSyntaxError("String arguments use single quotes ('…'), not double quotes", i);
    throw new IntrinsicSyntaxError(`Unexpected '${c}' in intrinsic arguments (expected a 'string', number, path or States.* call)`, i);
  };
  try {
    ws();
    const c = call(0);
    ws();
    if (i < s.length) return { ok: false, error: `Unexpected text after the intrinsic call: '${s.slice(i)}'`, position: i };
    return { ok: true, call: c };
  } catch (e) {
    if (e instanceof IntrinsicSyntaxError) return { ok: false, error: e.error, position: e.position };
    throw e;
  }
}
