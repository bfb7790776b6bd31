/**
 * JSONata for JSONata-mode states: `"{% expr %}"` strings inside any field value, evaluated with JSONata 2.0.6
 * (the version AWS runs) plus AWS's own functions `$partition`, `$range`, `$hash`, `$random`, `$uuid`, `$parse`, and
 * without `$eval`. AWS: docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html.
 */
import jsonata from 'jsonata';
import { AslError } from '../errors.js';
import type { EvalContext } from '../io/eval-context.js';
import { hashHex, JavaRandom, noNegativeZero } from '../io/intrinsics.js';
import { compileFast, NO_FAST } from './fast.js';
import { JsonTooDeep, MAX_JSON_DEPTH } from '../history.js';

/** A compiled JSONata-mode value. */
export interface CompiledJsonata {
  /** True when the value holds no `{% %}` expression (evaluate then resolves to the value itself). */
  readonly isConstant: boolean;
  /**
   * Evaluates every `{% %}` string with `$states = {input, result?, errorOutput?, context}` and the workflow variables
   * bound as `$name`. Rejects with AslError('States.QueryEvaluationError', cause) when an expression fails or returns
   * nothing (cause: "The JSONata expression '$x' specified for the field 'Output' returned nothing (undefined).").
   */
  evaluate(ctx: EvalContext): Promise<unknown>;
}

/** Options for {@link compileJsonataTemplate}. */
export interface JsonataTemplateOptions {
  /** The ASL field, for cause texts: "Output", "Arguments", "Assign", "Items"… Nested keys are appended as "Field/key". */
  field?: string;
}

const EXPR = /^\{%([\s\S]*)%\}$/;

/** True when a string is a JSONata expression `{% … %}`. */
export function isJsonataExpression(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith('{%') && v.endsWith('%}') && v.length >= 4;
}

function queryError(cause: string): AslError {
  return new AslError('States.QueryEvaluationError', cause);
}

// ------------------------------------------------------------------------------------------------ AWS functions

type Seq = unknown[] & { sequence?: boolean };

/** A JSONata-style error object (jsonata keeps `message` when `code` is not one of its own). */
function fnError(code: string, message: string): never {
  throw { code, message, stack: new Error(message).stack } as unknown as Error;
}

/** JSONata's own T0410 error; jsonata renders `Argument 1 of function "range" does not match function signature`. */
function signatureError(name: string, index: number): never {
  throw { code: 'T0410', index, token: name, stack: new Error().stack } as unknown as Error;
}

/** AWS rounds non-integer arguments of its functions towards zero. */
const toInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : undefined);

/** AWS's limit on the size of one `$range` result (the evaluation memory bound). */
const RANGE_LIMIT = 360145;

type Fn = (...args: never[]) => unknown;

/**
 * The functions Step Functions adds to JSONata (dg/transforming-data.html). Where AWS answers "nothing" (a chunk size
 * of 0, an empty array, a `$range` with no step or a step pointing away from the end, a `$hash` without algorithm)
 * these return undefined, so the field fails with "returned nothing (undefined)".
 */
const AWS_FUNCTIONS: { name: string; impl: Fn }[] = [
  {
    name: 'partition',
    impl: ((arr: unknown, size: unknown) => {
      const a = arr === undefined ? [] : Array.isArray(arr) ? arr : [arr];
      const n = toInt(size);
      if (a.length === 0 || n === undefined || n <= 0) return undefined;
      const out: unknown[][] = [];
      for (let i = 0; i < a.length; i += n) out.push(a.slice(i, i + n));
      return out;
    }) as Fn,
  },
  {
    name: 'range',
    impl: ((...args: unknown[]) => {
      // Arguments are checked like a JSONata signature of three optional numbers (T0410, as AWS answers).
      if (args.length > 3) signatureError('range', 4);
      args.forEach((a, i) => {
        if (a !== undefined && typeof a !== 'number') signatureError('range', i + 1);
      });
      const [start, end, step] = args;
      const s = toInt(start);
      const e = toInt(end);
      const st = toInt(step);
      if (s === undefined || e === undefined || st === undefined || st === 0) return undefined;
      if ((st > 0 && s > e) || (st < 0 && s < e)) return undefined;
      const count = Math.floor((e - s) / st) + 1;
      if (count > RANGE_LIMIT) fnError('SF0001', 'Expression evaluation memory limit exceeded');
      const out: Seq = [];
      out.sequence = true; // a one-element range collapses to the number, as on AWS
      for (let i = 0, v = s; i < count; i++, v += st) out.push(v);
      return out;
    }) as Fn,
  },
  {
    name: 'hash',
    impl: ((data: unknown, alg: unknown) => {
      if (data === undefined || alg === undefined) return undefined;
      if (typeof data !== 'string') fnError('SF0002', 'The first argument of $hash must be a string');
      if (typeof alg !== 'string') fnError('SF0002', 'The second argument of $hash must be a string');
      const out = hashHex(data as string, alg as string);
      if (out === undefined)
        fnError('SF0002', `Unsupported hash algorithm '${String(alg)}'. Supported algorithms: MD5, SHA-1, SHA-256, SHA-384, SHA-512`);
      return out;
    }) as Fn,
  },
  {
    name: 'random',
    impl: ((seed?: unknown) => {
      if (seed === undefined) return Math.random();
      const n = toInt(seed);
      if (n === undefined) fnError('SF0003', 'The seed of $random must be a number');
      // java.util.Random(seed).nextDouble(): ((next(26) << 27) + next(27)) * 2^-53.
      const r = new JavaRandom(n as number);
      const hi = r.nextInt(1 << 26);
      const lo = r.nextInt(1 << 27);
      return (hi * 2 ** 27 + lo) / 2 ** 53;
    }) as Fn,
  },
  {
    name: 'uuid',
    impl: (() => {
      const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
      if (c?.randomUUID) return c.randomUUID();
      return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (ch) => {
        const r = Math.floor(Math.random() * 16);
        return (ch === 'x' ? r : (r & 3) | 8).toString(16);
      });
    }) as Fn,
  },
  {
    name: 'parse',
    impl: ((text: unknown) => {
      if (text === undefined) return undefined;
      if (typeof text !== 'string') fnError('SF0004', 'The argument of $parse must be a string');
      try {
        return JSON.parse(text as string, noNegativeZero) as unknown;
      } catch {
        fnError('SF0004', `Unable to parse '${String(text)}' as JSON`);
      }
    }) as Fn,
  },
  {
    // AWS removes $eval (use $parse): calling it is calling a non-function.
    name: 'eval',
    impl: (() => fnError('T1006', 'Attempted to invoke a non-function')) as Fn,
  },
];

// ------------------------------------------------------------------------------------------------ compile cache

interface CompiledExpr {
  expr: jsonata.Expression;
  /** `$name` references in the text, so only those variables are bound. */
  names: string[];
}

/** Parsed expressions per text; a syntax error is cached as its message (the field differs per use). */
const cache = new Map<string, CompiledExpr | { syntaxError: string }>();

/** Wall-clock budget for one expression (JSONata's own default, 5 s); a runaway recursion fails instead of hanging. */
let timeLimitMs = 5000;

/** Sets the wall-clock budget of one JSONata evaluation in milliseconds (default 5000); returns the previous one. */
export function setJsonataTimeLimit(ms: number): number {
  const prev = timeLimitMs;
  timeLimitMs = ms;
  return prev;
}
/** AWS's ceiling on evaluation depth (it accepts `1+…+1` with 100 terms and refuses 101). */
const MAX_DEPTH = 100;
const ENTRY_HOOK = Symbol.for('jsonata.__evaluate_entry');
const EXIT_HOOK = Symbol.for('jsonata.__evaluate_exit');
const LIMITS = '__aslStudioLimits';
interface Limits {
  n: number;
  depth: number;
  start: number;
}
type HookEnv = jsonata.Environment & { isParallelCall?: boolean };
/** Called by JSONata before every node it evaluates: depth limit, and the clock every 1000 nodes. */
function entryHook(_expr: unknown, _input: unknown, env: HookEnv): void {
  if (env.isParallelCall) return;
  const l = env.lookup(LIMITS) as Limits | undefined;
  if (!l) return;
  if (++l.depth > MAX_DEPTH)
    fnError(
      'U1001',
      `Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive. Depth=${l.depth} max=${MAX_DEPTH}`,
    );
  if (++l.n % 1000 === 0 && Date.now() - l.start > timeLimitMs)
    fnError('U1001', 'Expression evaluation timeout: Check for infinite loop');
}
function exitHook(_expr: unknown, _input: unknown, env: HookEnv): void {
  if (env.isParallelCall) return;
  const l = env.lookup(LIMITS) as Limits | undefined;
  if (l) l.depth--;
}
const RESERVED = new Set(['states']);

function compileExpr(text: string, field: string): CompiledExpr {
  const syntaxError = (message: string) =>
    queryError(`The JSONata expression '${text.trim()}' specified for the field '${field}' could not be parsed: ${message}`);
  const hit = cache.get(text);
  if (hit && 'syntaxError' in hit) throw syntaxError(hit.syntaxError);
  if (hit) return hit;
  let expr: jsonata.Expression;
  try {
    expr = jsonata(text);
  } catch (e) {
    const message = errorText(e);
    cache.set(text, { syntaxError: message });
    throw syntaxError(message);
  }
  for (const f of AWS_FUNCTIONS) expr.registerFunction(f.name, f.impl as never);
  expr.assign(ENTRY_HOOK as unknown as string, entryHook);
  expr.assign(EXIT_HOOK as unknown as string, exitHook);
  const names = new Set<string>();
  for (const m of text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) if (!RESERVED.has(m[1]!)) names.add(m[1]!);
  const compiled = { expr, names: [...names] };
  if (cache.size > 5000) cache.clear();
  cache.set(text, compiled);
  return compiled;
}

/** `T2001: The left side of the "+" operator must evaluate to a number` (code first when JSONata gave one). */
function errorText(e: unknown): string {
  const code = e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '';
  const msg = messageOf(e);
  return code && !code.startsWith('SF') ? `${code}: ${msg}` : msg;
}

function messageOf(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

/** Strips JSONata's internal marks (sequences, functions) so the result is plain JSON; copies only if needed. */
function toJson(v: unknown, depth = 0): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'function') return undefined;
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v); // AWS writes "Infinity" / "NaN"
    return v;
  }
  if (!needsClean(v, depth)) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const c = toJson(x, depth + 1);
      if (c !== undefined) out.push(c);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const c = toJson(x, depth + 1);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** `depth`: containers above `v`; deeper than MAX_JSON_DEPTH fails cleanly instead of overflowing the JS stack. */
function needsClean(v: unknown, depth: number): boolean {
  if (v === null) return false;
  if (typeof v === 'function' || v === undefined) return true;
  if (typeof v === 'number') return !Number.isFinite(v);
  if (typeof v !== 'object') return false;
  if (depth >= MAX_JSON_DEPTH) throw new JsonTooDeep();
  if (Array.isArray(v)) {
    if ((v as Seq).sequence) return true;
    for (let i = 0; i < v.length; i++) if (needsClean(v[i], depth + 1)) return true;
    return false;
  }
  for (const k in v) if (needsClean((v as Record<string, unknown>)[k], depth + 1)) return true;
  return false;
}

/** Evaluates synchronously when it can (fast paths, constants) and answers a Promise only when JSONata ran. */
type Evaluator = (ctx: EvalContext) => unknown;

const isPromise = (v: unknown): v is Promise<unknown> => v instanceof Promise;

function compileExpression(raw: string, field: string): Evaluator {
  const body = EXPR.exec(raw)![1]!;
  const shown = body.trim();
  const c = compileExpr(body, field);
  const fast = compileFast(c.expr.ast());
  const nothing = () =>
    queryError(`The JSONata expression '${shown}' specified for the field '${field}' returned nothing (undefined).`);
  const slow = async (ctx: EvalContext): Promise<unknown> => {
    const states: Record<string, unknown> = { input: ctx.input, context: ctx.context };
    if (ctx.result !== undefined) states['result'] = ctx.result;
    if (ctx.errorOutput !== undefined) states['errorOutput'] = ctx.errorOutput;
    const bindings: Record<string, unknown> = { states, [LIMITS]: { n: 0, depth: 0, start: Date.now() } satisfies Limits };
    const names = c.names;
    for (let i = 0; i < names.length; i++) if (ctx.variables.has(names[i]!)) bindings[names[i]!] = ctx.variables.get(names[i]!);
    let out: unknown;
    try {
      out = await c.expr.evaluate(undefined, bindings); // AWS gives expressions no context item
    } catch (e) {
      if (e instanceof AslError) throw e;
      throw queryError(`The JSONata expression '${shown}' specified for the field '${field}' threw an error during evaluation. ${errorText(e)}`);
    }
    if (out === undefined) throw nothing();
    return toJson(out);
  };
  if (!fast) return slow;
  return (ctx) => {
    const v = fast(ctx);
    if (v === NO_FAST) return slow(ctx);
    if (v === undefined) throw nothing();
    return v; // already plain JSON: it came from the input, the context or a variable
  };
}

function setKey(out: Record<string, unknown>, k: string, x: unknown): void {
  if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
  else out[k] = x;
}

function compileNode(v: unknown, field: string): { constant: boolean; run: Evaluator } {
  if (typeof v === 'string') {
    if (isJsonataExpression(v)) return { constant: false, run: compileExpression(v, field) };
    return { constant: true, run: () => v };
  }
  if (Array.isArray(v)) {
    const parts = v.map((x, i) => compileNode(x, `${field}[${i}]`));
    if (parts.every((p) => p.constant)) return { constant: true, run: () => v };
    const runs = parts.map((p) => p.run);
    const n = runs.length;
    // Elements are evaluated in order; once one needs JSONata the rest continue asynchronously, still in order.
    const finish = async (ctx: EvalContext, out: unknown[], from: number, pending: Promise<unknown>): Promise<unknown[]> => {
      out[from] = await pending;
      for (let i = from + 1; i < n; i++) out[i] = await runs[i]!(ctx);
      return out;
    };
    return {
      constant: false,
      run: (ctx) => {
        const out: unknown[] = new Array(n);
        for (let i = 0; i < n; i++) {
          const x = runs[i]!(ctx);
          if (isPromise(x)) return finish(ctx, out, i, x);
          out[i] = x;
        }
        return out;
      },
    };
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => ({ k, c: compileNode(x, field ? `${field}/${k}` : k) }));
    if (entries.every((e) => e.c.constant)) return { constant: true, run: () => v };
    const n = entries.length;
    const finish = async (ctx: EvalContext, out: Record<string, unknown>, from: number, pending: Promise<unknown>) => {
      setKey(out, entries[from]!.k, await pending);
      for (let i = from + 1; i < n; i++) setKey(out, entries[i]!.k, await entries[i]!.c.run(ctx));
      return out;
    };
    return {
      constant: false,
      run: (ctx) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const x = entries[i]!.c.run(ctx);
          if (isPromise(x)) return finish(ctx, out, i, x);
          setKey(out, entries[i]!.k, x);
        }
        return out;
      },
    };
  }
  return { constant: true, run: () => v };
}

/**
 * Compiles any JSON value for a JSONata-mode field once: `"{% expr %}"` strings are expressions, objects and arrays
 * are walked recursively, every other value is a constant (shared, not copied). Syntax errors throw
 * AslError('States.QueryEvaluationError') at compile time; parsed expressions are cached per text.
 *
 * @example await compileJsonataTemplate({sum: '{% $a + 1 %}'}, {field: 'Output'}).evaluate(ctx) // {sum: 2}
 */
export function compileJsonataTemplate(value: unknown, options: JsonataTemplateOptions = {}): CompiledJsonata {
  const c = compileNode(value, options.field ?? '');
  const run = c.run;
  return {
    isConstant: c.constant,
    evaluate(ctx) {
      try {
        const out = run(ctx);
        return isPromise(out) ? out : Promise.resolve(out);
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}
