/**
 * Intrinsic functions for JSONPath states (`States.Format('{}', $.x)` …), parsed once and compiled to closures.
 * AWS: docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html. Runtime failures throw
 * AslError('States.IntrinsicFailure', cause).
 */
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { AslError } from '../errors.js';
import { base64FromBytes, bytesFromBase64, hex, utf8Decode, utf8Encode } from './bytes.js';
import type { EvalContext } from './eval-context.js';
import { compilePath, MISSING, remember, type CompiledPath } from './jsonpath.js';
import { copyObject, deepEqual } from './json-equal.js';

/** A compiled intrinsic function call. */
export interface CompiledIntrinsic {
  /** The expression as written. */
  readonly text: string;
  /** Evaluates the call. Throws AslError('States.IntrinsicFailure', cause) on bad arguments; path errors propagate. */
  evaluate(ctx: EvalContext): unknown;
}

/** The 18 intrinsic names AWS supports. */
export const INTRINSIC_NAMES = [
  'States.Format',
  'States.StringToJson',
  'States.JsonToString',
  'States.Array',
  'States.ArrayPartition',
  'States.ArrayContains',
  'States.ArrayRange',
  'States.ArrayGetItem',
  'States.ArrayLength',
  'States.ArrayUnique',
  'States.Base64Encode',
  'States.Base64Decode',
  'States.Hash',
  'States.JsonMerge',
  'States.MathRandom',
  'States.MathAdd',
  'States.StringSplit',
  'States.UUID',
] as const;

/** True when a `.$` value is an intrinsic call rather than a path. */
export function isIntrinsic(text: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(text);
}

const MAX_NESTING = 10;

/** A failure inside a call; {@link compileIntrinsic} prefixes it with "The function '…' had the following error: ". */
class IntrinsicDetail extends AslError {}

function failure(cause: string): AslError {
  return new IntrinsicDetail('States.IntrinsicFailure', cause);
}

// ------------------------------------------------------------------------------------------------ parsing

type Arg =
  | { kind: 'literal'; value: unknown; raw?: string }
  | { kind: 'path'; path: CompiledPath }
  | { kind: 'call'; name: string; args: Arg[] };

class Parser {
  pos = 0;
  constructor(readonly s: string) {}
  fail(why: string): never {
    throw failure(`Invalid intrinsic function '${this.s}': ${why}`);
  }
  ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos]!)) this.pos++;
  }
  call(depth: number): Arg {
    this.ws();
    const m = /^States\.[A-Za-z0-9]+/.exec(this.s.slice(this.pos));
    if (!m) this.fail(`expected a function at position ${this.pos}`);
    const name = m[0];
    if (!(INTRINSIC_NAMES as readonly string[]).includes(name)) this.fail(`unknown function ${name}`);
    if (depth > MAX_NESTING) this.fail(`intrinsic functions can be nested at most ${MAX_NESTING} deep`);
    this.pos += name.length;
    this.ws();
    if (this.s[this.pos] !== '(') this.fail(`expected ( after ${name}`);
    this.pos++;
    const args: Arg[] = [];
    this.ws();
    if (this.s[this.pos] === ')') {
      this.pos++;
      return { kind: 'call', name, args };
    }
    for (;;) {
      args.push(this.arg(depth));
      this.ws();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ')') {
        this.pos++;
        return { kind: 'call', name, args };
      }
      this.fail(`expected , or ) at position ${this.pos}`);
    }
  }
  arg(depth: number): Arg {
    this.ws();
    const s = this.s;
    const c = s[this.pos];
    if (c === "'") return this.string();
    if (c === '$') {
      const start = this.pos;
      let depthB = 0;
      let quote: string | null = null;
      while (this.pos < s.length) {
        const ch = s[this.pos]!;
        if (quote) {
          if (ch === '\\') this.pos++;
          else if (ch === quote) quote = null;
        } else if (ch === "'" || ch === '"') quote = ch;
        else if (ch === '[' || ch === '(') depthB++;
        else if (ch === ']' || (ch === ')' && depthB > 0)) depthB--;
        else if (depthB === 0 && (ch === ',' || ch === ')')) break;
        this.pos++;
      }
      const text = s.slice(start, this.pos).trim();
      return { kind: 'path', path: compilePath(text, { strictIndex: true }) };
    }
    if (s.startsWith('States.', this.pos)) return this.call(depth + 1);
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?=\s*[,)])/.exec(s.slice(this.pos));
    if (m) {
      this.pos += m[0].length;
      return { kind: 'literal', value: JSON.parse(m[0]) };
    }
    return this.fail(`unexpected argument at position ${this.pos}`);
  }
  /** 'text' with \' \{ \} \\ escapes; `raw` keeps the escapes for States.Format's placeholders. */
  string(): Arg {
    const s = this.s;
    this.pos++;
    let value = '';
    const start = this.pos;
    while (this.pos < s.length && s[this.pos] !== "'") {
      const ch = s[this.pos]!;
      if (ch === '\\' && this.pos + 1 < s.length) {
        const nx = s[this.pos + 1]!;
        if (nx === "'" || nx === '{' || nx === '}' || nx === '\\') {
          value += nx;
          this.pos += 2;
          continue;
        }
      }
      value += ch;
      this.pos++;
    }
    if (this.pos >= s.length) this.fail('unterminated string literal');
    const raw = s.slice(start, this.pos);
    this.pos++;
    return { kind: 'literal', value, raw };
  }
}

// ------------------------------------------------------------------------------------------------ helpers

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Java-style toString of a JSON value, as States.Format renders arguments (`{a=1, b=[]}`). */
export function javaToString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToString(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(javaToString).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${k}=${javaToString(x)}`)
    .join(', ')}}`;
}

/**
 * A number as the JVM prints it (Jackson long/double nodes): integers in the long range in full, other numbers as
 * Java's Double.toString — plain between 10^-3 and 10^7, otherwise `1.23456789E7`.
 */
export function javaNumberToString(n: number): string {
  if (!Number.isFinite(n)) return n !== n ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(n) && Math.abs(n) < 9.2e18) return Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
  const a = Math.abs(n);
  if (a >= 1e-3 && a < 1e7) return String(n);
  const [mant, exp] = n.toExponential().split('e') as [string, string];
  return `${mant.includes('.') ? mant : `${mant}.0`}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
}

/** Compact JSON text as Jackson writes it (numbers per {@link javaNumberToString}); States.JsonToString. */
export function javaJsonText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return javaNumberToString(v);
  if (typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(javaJsonText).join(',')}]`;
  const parts: string[] = [];
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) parts.push(`${JSON.stringify(k)}:${javaJsonText((v as Record<string, unknown>)[k])}`);
  return `{${parts.join(',')}}`;
}

const numberToString = javaNumberToString;

function wantArgs(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const exp = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw failure(`Function ${name} expects ${exp} argument${max === 1 ? '' : 's'}, but ${args.length} ${args.length === 1 ? 'was' : 'were'} given`);
  }
}

function want<T>(name: string, i: number, v: unknown, ok: (v: unknown) => v is T, expected: string): T {
  if (!ok(v)) throw failure(`Function ${name} expects argument ${i + 1} to be ${expected}, but got ${typeName(v)}: ${JSON.stringify(v) ?? 'null'}`);
  return v;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

const HASHERS: Record<string, (b: Uint8Array) => Uint8Array> = {
  MD5: md5,
  'SHA-1': sha1,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};

/** Sync hex digest with one of AWS's algorithm names (MD5, SHA-1, SHA-256, SHA-384, SHA-512); undefined if unknown. */
export function hashHex(data: string, algorithm: string): string | undefined {
  const h = HASHERS[algorithm];
  return h ? hex(h(utf8Encode(data))) : undefined;
}

/** java.util.Random, so a seeded States.MathRandom is deterministic (AWS runs on the JVM). */
export class JavaRandom {
  private seed: bigint;
  private static readonly MULT = 0x5deece66dn;
  private static readonly MASK = (1n << 48n) - 1n;
  constructor(seed: number) {
    this.seed = (BigInt.asIntN(64, BigInt(Math.trunc(seed))) ^ JavaRandom.MULT) & JavaRandom.MASK;
  }
  private next(bits: number): number {
    this.seed = (this.seed * JavaRandom.MULT + 0xbn) & JavaRandom.MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }
  /** nextInt(bound), bound > 0. */
  nextInt(bound: number): number {
    let r = this.next(31);
    const m = bound - 1;
    if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n);
    for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = this.next(31));
    return r;
  }
}

function randomUUID(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string; getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  const b = new Uint8Array(16);
  if (c?.getRandomValues) c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** JSON.parse reviver: `-0` parses to 0, as Java's JSON parser gives an integer 0. */
export const noNegativeZero = (_k: string, v: unknown): unknown => (v === 0 ? 0 : v);

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function toInt(name: string, i: number, v: unknown): number {
  // the usual case checked inline (no helper calls): a finite number
  const n = typeof v === 'number' && v - v === 0 ? v : want(name, i, v, isNumber, 'a number');
  const r = Math.floor(n + 0.5); // Java's Math.round
  if (r < INT_MIN || r > INT_MAX) throw failure(`Function ${name} expects argument ${i + 1} to be an integer between ${INT_MIN} and ${INT_MAX}, but got ${n}`);
  return r;
}

function formatString(template: string, rawTemplate: string | undefined, args: unknown[]): string {
  // Placeholders are unescaped `{}`; `\{` `\}` in a literal are plain braces.
  const src = rawTemplate ?? template;
  let out = '';
  let argi = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (rawTemplate !== undefined && ch === '\\' && i + 1 < src.length && "'{}\\".includes(src[i + 1]!)) {
      out += src[++i];
      continue;
    }
    if (ch === '{' && src[i + 1] === '}') {
      if (argi >= args.length) throw failure(`Function States.Format: the number of arguments (${args.length}) does not match the number of placeholders in '${template}'`);
      out += javaToString(args[argi++]);
      i++;
      continue;
    }
    out += ch;
  }
  if (argi !== args.length) throw failure(`Function States.Format: the number of arguments (${args.length}) does not match the number of placeholders in '${template}'`);
  return out;
}

type Impl = (args: unknown[], raw: (string | undefined)[]) => unknown;

const IMPLS: Record<(typeof INTRINSIC_NAMES)[number], Impl> = {
  'States.Format'(args, raw) {
    const n = 'States.Format';
    if (args.length < 1) wantArgs(n, args, 1, Infinity);
    const t = want(n, 0, args[0], isString, 'a string');
    return formatString(t, raw[0], args.slice(1));
  },
  'States.StringToJson'(args) {
    const n = 'States.StringToJson';
    wantArgs(n, args, 1);
    const s = want(n, 0, args[0], isString, 'a string');
    if (s.trim() === '') return null;
    try {
      return JSON.parse(s, noNegativeZero) as unknown;
    } catch {
      throw failure(`Function States.StringToJson could not parse the string '${s}' as JSON`);
    }
  },
  'States.JsonToString'(args) {
    wantArgs('States.JsonToString', args, 1);
    return javaJsonText(args[0]);
  },
  'States.Array'(args) {
    return args;
  },
  'States.ArrayPartition'(args) {
    const n = 'States.ArrayPartition';
    wantArgs(n, args, 2);
    const arr = want(n, 0, args[0], isArray, 'an array');
    const size = toInt(n, 1, args[1]);
    if (size <= 0) throw failure(`Function States.ArrayPartition expects the chunk size to be greater than 0, but got ${size}`);
    const out: unknown[][] = [];
    for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
    return out;
  },
  'States.ArrayContains'(args) {
    const n = 'States.ArrayContains';
    wantArgs(n, args, 2);
    const arr = want(n, 0, args[0], isArray, 'an array');
    return arr.some((x) => deepEqual(x, args[1]));
  },
  'States.ArrayRange'(args) {
    const n = 'States.ArrayRange';
    wantArgs(n, args, 3);
    const start = toInt(n, 0, args[0]);
    const end = toInt(n, 1, args[1]);
    const step = toInt(n, 2, args[2]);
    if (step === 0) throw failure('Function States.ArrayRange expects a step value other than 0');
    const count = Math.floor((end - start) / step) + 1;
    if (count > 1000) throw failure(`Function States.ArrayRange can create at most 1000 elements, but the arguments would create ${count}`);
    const out: number[] = [];
    if (step > 0) for (let v = start; v <= end; v += step) out.push(v);
    else for (let v = start; v >= end; v += step) out.push(v);
    return out;
  },
  'States.ArrayGetItem'(args) {
    const n = 'States.ArrayGetItem';
    wantArgs(n, args, 2);
    const arr = want(n, 0, args[0], isArray, 'an array');
    const idx = want(n, 1, args[1], isInt, 'an integer');
    if (idx < 0 || idx >= arr.length) throw failure(`Function States.ArrayGetItem: index ${idx} is out of bounds for an array of length ${arr.length}`);
    return arr[idx];
  },
  'States.ArrayLength'(args) {
    const n = 'States.ArrayLength';
    wantArgs(n, args, 1);
    return want(n, 0, args[0], isArray, 'an array').length;
  },
  'States.ArrayUnique'(args) {
    const n = 'States.ArrayUnique';
    wantArgs(n, args, 1);
    const arr = want(n, 0, args[0], isArray, 'an array');
    const out: unknown[] = [];
    const seenPrim = new Set<unknown>();
    for (const x of arr) {
      if (x === null || typeof x !== 'object') {
        if (seenPrim.has(x)) continue;
        seenPrim.add(x);
        out.push(x);
      } else if (!out.some((y) => deepEqual(x, y))) out.push(x);
    }
    return out;
  },
  'States.Base64Encode'(args) {
    const n = 'States.Base64Encode';
    wantArgs(n, args, 1);
    const s = want(n, 0, args[0], isString, 'a string');
    if (codePoints(s) > 10000) throw failure('Function States.Base64Encode expects an input string of at most 10000 characters');
    return base64FromBytes(utf8Encode(s));
  },
  'States.Base64Decode'(args) {
    const n = 'States.Base64Decode';
    wantArgs(n, args, 1);
    const s = want(n, 0, args[0], isString, 'a string');
    if (codePoints(s) > 10000) throw failure('Function States.Base64Decode expects an input string of at most 10000 characters');
    const bytes = bytesFromBase64(s);
    if (!bytes) throw failure(`Function States.Base64Decode could not decode the string '${s}': it is not valid base64`);
    return utf8Decode(bytes);
  },
  'States.Hash'(args) {
    const n = 'States.Hash';
    wantArgs(n, args, 2);
    const data = args[0];
    if (data === null || data === undefined) throw failure('Function States.Hash expects argument 1 to be a value, but got null');
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    if (codePoints(text) > 10000) throw failure('Function States.Hash expects input data of at most 10000 characters');
    const alg = want(n, 1, args[1], isString, 'a string');
    const out = hashHex(text, alg);
    if (out === undefined)
      throw failure(`Function States.Hash: the hash algorithm '${alg}' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512`);
    return out;
  },
  'States.JsonMerge'(args) {
    const n = 'States.JsonMerge';
    wantArgs(n, args, 3);
    const a = want(n, 0, args[0], isObject, 'a JSON object');
    const b = want(n, 1, args[1], isObject, 'a JSON object');
    const deep = want(n, 2, args[2], isBool, 'a boolean');
    if (deep) throw failure('Function States.JsonMerge supports only shallow merging: the third argument must be false');
    const out = copyObject(a);
    for (const k in b) if (Object.prototype.hasOwnProperty.call(b, k)) {
      if (k === '__proto__') Object.defineProperty(out, k, { value: b[k], enumerable: true, writable: true, configurable: true });
      else out[k] = b[k];
    }
    return out;
  },
  'States.MathRandom'(args) {
    const n = 'States.MathRandom';
    wantArgs(n, args, 2, 3);
    const start = toInt(n, 0, args[0]);
    const end = toInt(n, 1, args[1]);
    if (start >= end) throw failure(`Function States.MathRandom expects the start value (${start}) to be less than the end value (${end})`);
    if (args.length === 3) {
      const seed = toInt(n, 2, args[2]);
      return start + new JavaRandom(seed).nextInt(end - start);
    }
    return start + Math.floor(Math.random() * (end - start));
  },
  'States.MathAdd'(args) {
    const n = 'States.MathAdd';
    wantArgs(n, args, 2);
    const a = toInt(n, 0, args[0]);
    const b = toInt(n, 1, args[1]);
    return a + b;
  },
  'States.StringSplit'(args) {
    const n = 'States.StringSplit';
    wantArgs(n, args, 2);
    const s = want(n, 0, args[0], isString, 'a string');
    const d = want(n, 1, args[1], isString, 'a string');
    // java.util.StringTokenizer: every character of `d` is a delimiter; empty tokens are dropped.
    if (d === '') throw failure('Function States.StringSplit expects a non-empty delimiter');
    const delims = new Set(d);
    const out: string[] = [];
    let cur = '';
    for (const ch of s) {
      if (delims.has(ch)) {
        if (cur !== '') out.push(cur);
        cur = '';
      } else cur += ch;
    }
    if (cur !== '') out.push(cur);
    return out;
  },
  'States.UUID'(args) {
    wantArgs('States.UUID', args, 0);
    return randomUUID();
  },
};

function compileArg(a: Arg): (ctx: EvalContext) => unknown {
  switch (a.kind) {
    case 'literal': {
      const v = a.value;
      return () => v;
    }
    case 'path': {
      const p = a.path;
      // AWS names the path with `$$` rewritten to `$`, and the state input (not the Context Object) as "the input".
      const shown = p.text.startsWith('$$') ? p.text.slice(1) : p.text;
      return (ctx) => {
        const r = p.get(ctx);
        if (r !== MISSING) return r;
        throw new IntrinsicDetail(
          'States.Runtime',
          `The JsonPath argument for the field '${shown}' could not be found in the input '${JSON.stringify(ctx.input) ?? 'null'}'`,
        );
      };
    }
    case 'call': {
      const impl = IMPLS[a.name as keyof typeof IMPLS];
      const args = a.args.map(compileArg);
      const n = args.length;
      const raw = a.args.map((x) => (x.kind === 'literal' ? x.raw : undefined));
      return (ctx) => {
        // a packed array built by push: Array.prototype.map's holey result array gave the optimised impls a second map
        const values: unknown[] = [];
        for (let i = 0; i < n; i++) values.push(args[i]!(ctx));
        return impl(values, raw);
      };
    }
  }
}

/**
 * Compiles an intrinsic function expression once (nesting up to 10 deep); evaluate per transition.
 * Arguments: `'string'` literals (escape `'`, `{`, `}`, `\` with `\`), numbers, `true`/`false`/`null`, paths
 * (`$.x`, `$$.Execution.Id`, `$var`) and nested intrinsics. A malformed expression throws
 * AslError('States.IntrinsicFailure') at compile time.
 *
 * Causes, as AWS writes them: `The function '<expression>' had the following error: <detail>`; a path argument that
 * matches nothing is `States.Runtime` with detail `The JsonPath argument for the field '$.x' could not be found in the
 * input '<state input JSON>'` (an array index past the end counts as not found here).
 *
 * @example compileIntrinsic("States.Format('Hello, {}', $.name)").evaluate(ctx) // "Hello, Ana"
 */
export function compileIntrinsic(expr: string): CompiledIntrinsic {
  let hit = intrinsicCache.get(expr);
  if (hit === undefined) {
    hit = compileIntrinsicUncached(expr);
    remember(intrinsicCache, expr, hit);
  }
  return hit;
}
const intrinsicCache = new Map<string, CompiledIntrinsic>();

function compileIntrinsicUncached(expr: string): CompiledIntrinsic {
  const p = new Parser(expr);
  const call = p.call(1);
  p.ws();
  if (p.pos !== expr.length) p.fail(`unexpected text after the call at position ${p.pos}`);
  const run = compileArg(call);
  return {
    text: expr,
    evaluate(ctx) {
      try {
        return run(ctx);
      } catch (e) {
        if (e instanceof IntrinsicDetail)
          throw new AslError(e.name, `The function '${expr}' had the following error: ${e.causeText ?? ''}`);
        throw e;
      }
    },
  };
}
