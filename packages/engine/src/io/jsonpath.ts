/**
 * JSONPath as Step Functions evaluates it (AWS uses Jayway JsonPath): definite paths return the value, indefinite
 * paths (`..`, `*`, slices, unions, filters) return an array of matches. Paths are parsed once into tokens and
 * compiled to closures; simple dotted/indexed paths walk properties directly.
 *
 * Roots: `$` (state input), `$$` (Context Object), `$name` (workflow variable).
 * AWS: docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html,
 * dg/input-output-contextobject.html, dg/workflow-variables.html.
 */
import { AslError } from '../errors.js';
import type { EvalContext } from './eval-context.js';
import { copyObject, deepEqual } from './json-equal.js';

/** One step of a parsed path. */
export type PathToken =
  | { readonly kind: 'prop'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'slice'; readonly start?: number; readonly end?: number; readonly step?: number }
  | { readonly kind: 'props'; readonly names: readonly string[] }
  | { readonly kind: 'indexes'; readonly indexes: readonly number[] }
  | { readonly kind: 'deep'; readonly inner: PathToken }
  | { readonly kind: 'filter'; readonly text: string; readonly test: (node: unknown, root: unknown) => boolean };

/** Jayway's tail functions: `$.prices.sum()`, `$..price.max()`, `$.list.length()`. */
export const PATH_FUNCTIONS = ['length', 'size', 'min', 'max', 'avg', 'sum', 'stddev', 'first', 'last', 'keys'] as const;
export type PathFunction = (typeof PATH_FUNCTIONS)[number];

/** Where a path starts. */
export type PathRoot = { readonly kind: 'input' } | { readonly kind: 'context' } | { readonly kind: 'variable'; readonly name: string };

/** A parsed path: root plus tokens; `definite` when it can denote at most one value. */
export interface ParsedPath {
  readonly text: string;
  readonly root: PathRoot;
  readonly tokens: readonly PathToken[];
  /** A tail function applied to what the tokens select. */
  readonly fn?: PathFunction;
  readonly definite: boolean;
}

/** Thrown (at compile time) for a path that is not valid JSONPath. Name `States.Runtime`. */
export function invalidPath(text: string, why: string): AslError {
  return new AslError('States.Runtime', `Invalid path '${text}': ${why}`);
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;

/**
 * Parses a JSONPath (`$…`, `$$…`, `$var…`) into tokens. Throws AslError('States.Runtime') when malformed.
 */
export function parsePath(text: string): ParsedPath {
  if (typeof text !== 'string' || !text.startsWith('$')) throw invalidPath(String(text), 'a path must start with $');
  let pos = 1;
  let root: PathRoot;
  if (text[1] === '$') {
    root = { kind: 'context' };
    pos = 2;
  } else if (pos < text.length && IDENT_START.test(text[1]!)) {
    let end = 1;
    while (end < text.length && /[A-Za-z0-9_\u0080-\uffff]/.test(text[end]!)) end++;
    root = { kind: 'variable', name: text.slice(1, end) };
    pos = end;
  } else root = { kind: 'input' };
  const tokens: PathToken[] = [];
  let fn: PathFunction | undefined;
  const m = /\.([A-Za-z]+)\(\)$/.exec(text);
  let body = text;
  if (m && m.index >= pos) {
    if (!(PATH_FUNCTIONS as readonly string[]).includes(m[1]!)) throw invalidPath(text, `unknown function ${m[1]}()`);
    fn = m[1] as PathFunction;
    body = text.slice(0, m.index);
  }
  const parser = new TokenParser(body, pos, text);
  while (!parser.done()) tokens.push(parser.next());
  const definite = tokens.every((t) => t.kind === 'prop' || t.kind === 'index');
  return fn ? { text, root, tokens, fn, definite } : { text, root, tokens, definite };
}

class TokenParser {
  constructor(
    private readonly text: string,
    public pos: number,
    private readonly fullText: string = text,
  ) {}
  done(): boolean {
    return this.pos >= this.text.length;
  }
  private fail(why: string): never {
    throw invalidPath(this.fullText, why);
  }
  next(): PathToken {
    const t = this.text;
    const c = t[this.pos];
    if (c === '.') {
      if (t[this.pos + 1] === '.') {
        this.pos += 2;
        if (t[this.pos] === '[') return { kind: 'deep', inner: this.bracket() };
        return { kind: 'deep', inner: this.dotName() };
      }
      this.pos++;
      if (t[this.pos] === '[') return this.bracket(); // Jayway reads `$.[0]` / `$.a.['b']` as `[0]` / `['b']`
      return this.dotName();
    }
    if (c === '[') return this.bracket();
    return this.fail(`unexpected character '${c}' at position ${this.pos}`);
  }
  private dotName(): PathToken {
    const t = this.text;
    if (t[this.pos] === '*') {
      this.pos++;
      return { kind: 'wildcard' };
    }
    const start = this.pos;
    while (this.pos < t.length && t[this.pos] !== '.' && t[this.pos] !== '[') this.pos++;
    const name = t.slice(start, this.pos);
    if (name === '') this.fail(`empty property name at position ${start}`);
    if (/[\s()'"\]]/.test(name)) this.fail(`invalid property name '${name}' (use bracket notation ['…'])`);
    return { kind: 'prop', name };
  }
  private bracket(): PathToken {
    const t = this.text;
    this.pos++; // [
    this.ws();
    const c = t[this.pos];
    let tok: PathToken;
    if (c === '?') {
      this.pos++;
      this.ws();
      if (t[this.pos] !== '(') this.fail('expected ( after ?');
      const start = this.pos;
      const end = findClosing(t, this.pos, '(', ')');
      if (end < 0) this.fail('unterminated filter');
      const body = t.slice(start + 1, end);
      this.pos = end + 1;
      tok = { kind: 'filter', text: body, test: compileFilter(body, this.text) };
    } else if (c === '*') {
      this.pos++;
      tok = { kind: 'wildcard' };
    } else if (c === "'" || c === '"') {
      const names: string[] = [];
      for (;;) {
        names.push(this.quoted());
        this.ws();
        if (t[this.pos] === ',') {
          this.pos++;
          this.ws();
          continue;
        }
        break;
      }
      tok = names.length === 1 ? { kind: 'prop', name: names[0]! } : { kind: 'props', names };
    } else {
      const close = t.indexOf(']', this.pos);
      if (close < 0) this.fail('missing ]');
      const body = t.slice(this.pos, close).trim();
      this.pos = close;
      if (body.includes(':')) {
        const parts = body.split(':').map((s) => s.trim());
        if (parts.length > 3) this.fail(`invalid slice [${body}]`);
        const num = (s: string | undefined): number | undefined => {
          if (s === undefined || s === '') return undefined;
          if (!/^-?\d+$/.test(s)) this.fail(`invalid slice [${body}]`);
          return Number(s);
        };
        tok = { kind: 'slice', start: num(parts[0]), end: num(parts[1]), step: num(parts[2]) };
      } else if (body.includes(',')) {
        const idx = body.split(',').map((s) => s.trim());
        if (!idx.every((s) => /^-?\d+$/.test(s))) this.fail(`invalid index [${body}]`);
        tok = { kind: 'indexes', indexes: idx.map(Number) };
      } else {
        if (!/^-?\d+$/.test(body)) this.fail(`invalid index [${body}]`);
        tok = { kind: 'index', index: Number(body) };
      }
    }
    this.ws();
    if (t[this.pos] !== ']') this.fail('missing ]');
    this.pos++;
    return tok;
  }
  private quoted(): string {
    const t = this.text;
    const q = t[this.pos];
    let out = '';
    this.pos++;
    while (this.pos < t.length && t[this.pos] !== q) {
      if (t[this.pos] === '\\' && this.pos + 1 < t.length) {
        this.pos++;
      }
      out += t[this.pos];
      this.pos++;
    }
    if (this.pos >= t.length) this.fail('unterminated quoted name');
    this.pos++;
    return out;
  }
  private ws(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }
}

function findClosing(t: string, open: number, o: string, c: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < t.length; i++) {
    const ch = t[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === o) depth++;
    else if (ch === c && --depth === 0) return i;
  }
  return -1;
}

/** Jayway's normalized text of a token, e.g. `['name']`, `[0]`, `[*]`. */
function tokenText(t: PathToken): string {
  switch (t.kind) {
    case 'prop':
      return `['${t.name}']`;
    case 'index':
      return `[${t.index}]`;
    case 'wildcard':
      return '[*]';
    case 'slice':
      return `[${t.start ?? ''}:${t.end ?? ''}]`;
    case 'props':
      return `[${t.names.map((n) => `'${n}'`).join(',')}]`;
    case 'indexes':
      return `[${t.indexes.join(',')}]`;
    case 'deep':
      return `..${tokenText(t.inner)}`;
    case 'filter':
      return `[?]`;
  }
}

function rootText(r: PathRoot): string {
  return r.kind === 'input' ? '$' : r.kind === 'context' ? '$$' : `$${r.name}`;
}

/** Normalized path text as Jayway prints it, e.g. `$['a'][0]`. */
export function normalizedPath(p: ParsedPath, upTo = p.tokens.length): string {
  let s = rootText(p.root);
  for (let i = 0; i < upTo; i++) s += tokenText(p.tokens[i]!);
  return s;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = Object.prototype.hasOwnProperty;

/** Own-property read (never the prototype chain); `undefined` when absent. */
export function getProp(v: unknown, name: string): unknown {
  return isObject(v) && hasOwn.call(v, name) ? v[name] : undefined;
}

/** What a failed path lookup knows, for callers that word the cause themselves. */
export interface PathNotFoundInfo {
  /** The path text as written. */
  readonly path: string;
  /** Jayway-style detail, e.g. `No results for path: $['a']` or `Missing property in path $['a']`. */
  readonly detail: string;
  /** The value the path was applied to (input, Context Object or variable value). */
  readonly source: unknown;
  /** Which root the path reads. */
  readonly root: PathRoot;
}

/**
 * `States.Runtime` for a path that matches nothing. Default cause (as AWS words it for InputPath/OutputPath/ItemsPath):
 * `Invalid path '$.x' : No results for path: $['x']`. The fields let the caller re-word it (see {@link describeField}).
 */
export class PathNotFoundError extends AslError implements PathNotFoundInfo {
  readonly path: string;
  readonly detail: string;
  readonly source: unknown;
  readonly root: PathRoot;
  constructor(info: PathNotFoundInfo, cause?: string) {
    super('States.Runtime', cause ?? `Invalid path '${info.path}' : ${info.detail}`);
    this.path = info.path;
    this.detail = info.detail;
    this.source = info.source;
    this.root = info.root;
  }
}

/**
 * Cause wording for a payload-template field (Parameters, ResultSelector, ItemSelector, Assign), as AWS reports it:
 * `The JSONPath '$.foo' specified for the field 'bar.$' could not be found in the input '{"a":1}'`.
 */
export function describeField(field: string): (info: PathNotFoundInfo) => string {
  return (info) =>
    `The JSONPath '${info.path}' specified for the field '${field}' could not be found in the input '${safeStringify(info.source)}'`;
}

function safeStringify(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'null' : s;
}

/** A compiled JSONPath. */
export interface CompiledPath {
  /** The path text as written. */
  readonly text: string;
  /** True when the path can denote at most one value (no `..`, `*`, slices, unions, filters). */
  readonly definite: boolean;
  /**
   * The value the path denotes: for definite paths the value itself, for indefinite paths an array of all matches
   * (possibly empty — an indefinite path never fails). An array index past the end gives `null` unless compiled with
   * `strictIndex`. Throws {@link PathNotFoundError} (`States.Runtime`) when a definite path matches nothing; its
   * cause is `describe(info)` when given, else AWS's InputPath/OutputPath wording
   * (`Invalid path '$.x' : No results for path: $['x']`).
   */
  evaluate(ctx: EvalContext, describe?: (info: PathNotFoundInfo) => string): unknown;
  /** Like evaluate but never throws for a missing value: `{found:false}` instead. */
  tryEvaluate(ctx: EvalContext): { found: boolean; value?: unknown };
  /** The value, or {@link MISSING} when the path matches nothing (allocation-free; for hot loops). */
  get(ctx: EvalContext): unknown;
}

/** What {@link CompiledPath.get} answers for a path that matches nothing. */
export const MISSING: unique symbol = Symbol('MISSING');

/** A failed lookup (a sentinel, so a successful lookup allocates nothing). */
class Miss {
  constructor(readonly detail: string) {}
}
/** The value found, or a Miss. */
type Lookup = unknown;

function sourceOf(root: PathRoot, ctx: EvalContext): Lookup {
  switch (root.kind) {
    case 'input':
      return ctx.input;
    case 'context':
      return ctx.context;
    case 'variable':
      if (!ctx.variables.has(root.name)) return new Miss(`The variable '${root.name}' is not defined`);
      return ctx.variables.get(root.name);
  }
}

/** Options for {@link compilePath}. */
export interface CompilePathOptions {
  /**
   * When true, an array index past either end is "not found" (as AWS treats intrinsic-function arguments). By default
   * it yields `null`, as AWS's JSONPath (Jayway over Jackson) does for `"x.$": "$.items[5]"`.
   */
  strictIndex?: boolean;
}

/**
 * Compiles a JSONPath once; evaluate per transition. `$` input, `$$` Context Object, `$name`/`$name.a.b` variables.
 * Malformed paths throw AslError('States.Runtime') here, at compile time.
 *
 * @example compilePath('$.order.items[0].id').evaluate({input, context, variables})
 */
export function compilePath(text: string, options: CompilePathOptions = {}): CompiledPath {
  // compiled paths are immutable closures: a definition that repeats a path (`$.cur.name` in every state) compiles it once
  const cache = options.strictIndex === true ? strictPathCache : pathCache;
  let hit = cache.get(text);
  if (hit === undefined) {
    hit = compilePathUncached(text, options.strictIndex === true);
    remember(cache, text, hit);
  }
  return hit;
}

/** Most distinct texts kept by each compile cache (a long-lived process, e.g. the studio's worker, compiles many). */
const CACHE_LIMIT = 10_000;
const pathCache = new Map<string, CompiledPath>();
const strictPathCache = new Map<string, CompiledPath>();
const referenceCache = new Map<string, ReferencePath>();
/** Adds to a compile cache, emptying it first when full. */
export function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

function compilePathUncached(text: string, strictIndex: boolean): CompiledPath {
  const parsed = parsePath(text);
  const { root } = parsed;
  const walk = compileWalker(parsed, strictIndex);
  // `$…` paths (most of them) read the input directly, one call less per evaluation
  const run = root.kind === 'input'
    ? (ctx: EvalContext): Lookup => walk(ctx.input)
    : (ctx: EvalContext): Lookup => {
      const src = sourceOf(root, ctx);
      if (src instanceof Miss) return src;
      return walk(src);
    };
  return {
    text,
    definite: parsed.definite,
    evaluate(ctx, describe) {
      const r = run(ctx);
      if (!(r instanceof Miss)) return r;
      const src = sourceOf(root, ctx);
      const info: PathNotFoundInfo = { path: text, detail: r.detail, source: src instanceof Miss ? undefined : src, root };
      throw new PathNotFoundError(info, describe?.(info));
    },
    tryEvaluate(ctx) {
      const r = run(ctx);
      return r instanceof Miss ? { found: false } : { found: true, value: r };
    },
    get(ctx) {
      const r = run(ctx);
      return r instanceof Miss ? MISSING : r;
    },
  };
}

/** The walker for a parsed path: tokens, then the tail function if any. */
function compileWalker(p: ParsedPath, strictIndex: boolean): (v: unknown) => Lookup {
  const walk = p.definite ? compileDefinite(p, strictIndex) : compileIndefinite(p);
  const fn = p.fn;
  if (!fn) return walk;
  return (v) => {
    const r = walk(v);
    return r instanceof Miss ? r : applyFunction(fn, r);
  };
}

const EMPTY_AGGREGATE = 'Aggregation function attempted to calculate value using empty array';

/** Jayway's path functions (github.com/json-path/JsonPath#functions). */
function applyFunction(fn: PathFunction, v: unknown): Lookup {
  switch (fn) {
    case 'length':
    case 'size':
      if (Array.isArray(v)) return v.length;
      if (isObject(v)) return Object.keys(v).length;
      if (typeof v === 'string') return v.length;
      return new Miss(`Invalid function call: ${fn}() on ${javaType(v)}`);
    case 'keys':
      return isObject(v) ? Object.keys(v) : new Miss('Invalid function call: keys() needs an object');
    case 'first':
    case 'last':
      if (!Array.isArray(v) || v.length === 0) return new Miss(EMPTY_AGGREGATE);
      return fn === 'first' ? v[0] : v[v.length - 1];
    default: {
      const nums = (Array.isArray(v) ? v : [v]).filter((x): x is number => typeof x === 'number');
      if (nums.length === 0) return new Miss(EMPTY_AGGREGATE);
      const sum = nums.reduce((a, b) => a + b, 0);
      if (fn === 'sum') return sum;
      if (fn === 'min') return Math.min(...nums);
      if (fn === 'max') return Math.max(...nums);
      const avg = sum / nums.length;
      if (fn === 'avg') return avg;
      return Math.sqrt(nums.reduce((a, b) => a + (b - avg) ** 2, 0) / nums.length);
    }
  }
}

/** Fast walker for definite paths: property and index steps only. */
function compileDefinite(p: ParsedPath, strictIndex = false): (v: unknown) => Lookup {
  const toks = p.tokens;
  const n = toks.length;
  if (n === 0) return (v) => v;
  // Precompute the failure texts lazily.
  return (v) => {
    let cur = v;
    for (let i = 0; i < n; i++) {
      const t = toks[i]!;
      if (t.kind === 'prop') {
        if (typeof cur === 'object' && cur !== null && !Array.isArray(cur)) {
          if (hasOwn.call(cur, t.name)) {
            cur = (cur as Record<string, unknown>)[t.name];
            continue;
          }
          if (i === n - 1) return new Miss(`No results for path: ${normalizedPath(p)}`);
          return new Miss(`Missing property in path ${normalizedPath(p, i + 1)}`);
        }
        return new Miss(
          `Expected to find an object with property ${tokenText(t)} in path ${normalizedPath(p, i)} but found '${javaType(cur)}'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.`,
        );
      } else if (t.kind === 'index') {
        if (Array.isArray(cur)) {
          const idx = t.index < 0 ? cur.length + t.index : t.index;
          if (idx >= 0 && idx < cur.length) {
            cur = cur[idx];
            continue;
          }
          if (strictIndex) return new Miss(`No results for path: ${normalizedPath(p)}`);
          cur = null; // Jackson's ArrayNode.get() answers null past the end
          continue;
        }
        return new Miss(`Filter: ${tokenText(t)} can only be applied to arrays. Current context is: ${safeStringify(cur)}`);
      }
    }
    return cur;
  };
}

function javaType(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'java.lang.String';
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'java.lang.Integer' : 'java.lang.Double';
  if (Array.isArray(v)) return 'java.util.ArrayList';
  return 'java.util.LinkedHashMap';
}

/** Indefinite paths: collect all matches in document order, always an array (possibly empty). */
function compileIndefinite(p: ParsedPath): (v: unknown) => Lookup {
  const toks = p.tokens;
  // AWS: an indefinite path never fails; whatever matches nothing contributes nothing (`$.missing[*]` → []).
  const last = toks[toks.length - 1];
  const mapUnionLeaf = last?.kind === 'props';
  return (root) => {
    const out: unknown[] = [];
    const step = (cur: unknown, i: number): void => {
      if (i === toks.length) {
        out.push(cur);
        return;
      }
      const t = toks[i]!;
      switch (t.kind) {
        case 'prop':
          if (isObject(cur) && hasOwn.call(cur, t.name)) step(cur[t.name], i + 1);
          return;
        case 'index':
          if (Array.isArray(cur)) {
            const idx = t.index < 0 ? cur.length + t.index : t.index;
            if (idx >= 0 && idx < cur.length) step(cur[idx], i + 1);
          }
          return;
        case 'indexes':
          if (Array.isArray(cur))
            for (const ix of t.indexes) {
              const idx = ix < 0 ? cur.length + ix : ix;
              if (idx >= 0 && idx < cur.length) step(cur[idx], i + 1);
            }
          return;
        case 'props':
          if (!isObject(cur)) return;
          if (mapUnionLeaf && i === toks.length - 1) {
            const o: Record<string, unknown> = {};
            for (const n of t.names) if (hasOwn.call(cur, n)) o[n] = cur[n];
            out.push(o);
          } else for (const n of t.names) if (hasOwn.call(cur, n)) step(cur[n], i + 1);
          return;
        case 'wildcard':
          if (Array.isArray(cur)) for (const x of cur) step(x, i + 1);
          else if (isObject(cur)) for (const k in cur) step(cur[k], i + 1);
          return;
        case 'slice':
          if (Array.isArray(cur)) for (const x of sliceOf(cur, t)) step(x, i + 1);
          return;
        case 'filter':
          if (Array.isArray(cur)) {
            for (const x of cur) if (t.test(x, root)) step(x, i + 1);
          } else if (isObject(cur)) {
            if (t.test(cur, root)) step(cur, i + 1);
          }
          return;
        case 'deep': {
          const inner = t.inner;
          const visit = (node: unknown): void => {
            applyInner(inner, node, root, (v) => step(v, i + 1));
            if (Array.isArray(node)) for (const x of node) visit(x);
            else if (isObject(node)) for (const k in node) visit(node[k]);
          };
          visit(cur);
          return;
        }
      }
    };
    step(root, 0);
    return out;
  };
}

function applyInner(t: PathToken, node: unknown, root: unknown, emit: (v: unknown) => void): void {
  switch (t.kind) {
    case 'prop':
      if (isObject(node) && hasOwn.call(node, t.name)) emit(node[t.name]);
      return;
    case 'props':
      if (isObject(node)) for (const n of t.names) if (hasOwn.call(node, n)) emit(node[n]);
      return;
    case 'wildcard':
      if (Array.isArray(node)) for (const x of node) emit(x);
      else if (isObject(node)) for (const k in node) emit(node[k]);
      return;
    case 'index':
      if (Array.isArray(node)) {
        const idx = t.index < 0 ? node.length + t.index : t.index;
        if (idx >= 0 && idx < node.length) emit(node[idx]);
      }
      return;
    case 'indexes':
      if (Array.isArray(node))
        for (const ix of t.indexes) {
          const idx = ix < 0 ? node.length + ix : ix;
          if (idx >= 0 && idx < node.length) emit(node[idx]);
        }
      return;
    case 'slice':
      if (Array.isArray(node)) for (const x of sliceOf(node, t)) emit(x);
      return;
    case 'filter':
      // Jayway's deep scan tests the predicate on every object and array it walks (with @ = that node).
      if (node !== null && typeof node === 'object' && t.test(node, root)) emit(node);
      return;
    default:
      return;
  }
}

function sliceOf(arr: readonly unknown[], t: { start?: number; end?: number; step?: number }): unknown[] {
  const len = arr.length;
  const norm = (v: number | undefined, dflt: number) =>
    v === undefined ? dflt : v < 0 ? Math.max(0, len + v) : Math.min(v, len);
  const start = norm(t.start, 0);
  const end = norm(t.end, len);
  const stepN = t.step && t.step > 0 ? t.step : 1;
  const out: unknown[] = [];
  for (let i = start; i < end; i += stepN) out.push(arr[i]);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Filters: Jayway predicate syntax `[?(@.price < 10 && @.category == 'fiction')]`.

type Operand = (node: unknown, root: unknown) => { defined: boolean; value: unknown };

function compileFilter(body: string, pathText: string): (node: unknown, root: unknown) => boolean {
  const fp = new FilterParser(body, pathText);
  const pred = fp.parseOr();
  fp.expectEnd();
  return pred;
}

class FilterParser {
  pos = 0;
  constructor(
    private readonly s: string,
    private readonly pathText: string,
  ) {}
  private fail(why: string): never {
    throw invalidPath(this.pathText, `invalid filter '${this.s}': ${why}`);
  }
  private ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos]!)) this.pos++;
  }
  private peek(str: string): boolean {
    this.ws();
    return this.s.startsWith(str, this.pos);
  }
  private eat(str: string): boolean {
    if (this.peek(str)) {
      this.pos += str.length;
      return true;
    }
    return false;
  }
  expectEnd(): void {
    this.ws();
    if (this.pos < this.s.length) this.fail(`unexpected '${this.s.slice(this.pos)}'`);
  }
  parseOr(): (n: unknown, r: unknown) => boolean {
    let left = this.parseAnd();
    while (this.eat('||')) {
      const l = left;
      const r = this.parseAnd();
      left = (n, root) => l(n, root) || r(n, root);
    }
    return left;
  }
  private parseAnd(): (n: unknown, r: unknown) => boolean {
    let left = this.parseUnary();
    while (this.eat('&&')) {
      const l = left;
      const r = this.parseUnary();
      left = (n, root) => l(n, root) && r(n, root);
    }
    return left;
  }
  private parseUnary(): (n: unknown, r: unknown) => boolean {
    if (this.peek('!') && !this.peek('!=')) {
      this.pos++;
      const inner = this.parseUnary();
      return (n, r) => !inner(n, r);
    }
    if (this.peek('(')) {
      this.pos++;
      const inner = this.parseOr();
      if (!this.eat(')')) this.fail('missing )');
      return inner;
    }
    return this.parseComparison();
  }
  private parseComparison(): (n: unknown, r: unknown) => boolean {
    const left = this.parseOperand();
    this.ws();
    const ops = ['==', '!=', '<=', '>=', '=~', '<', '>', ' in ', ' nin ', ' subsetof ', ' anyof ', ' noneof ', ' size ', ' empty ', ' contains '];
    let op: string | undefined;
    for (const o of ops) {
      const trimmed = o.trim();
      if (o.startsWith(' ')) {
        if (new RegExp(`^${trimmed}\\b`).test(this.s.slice(this.pos))) {
          op = trimmed;
          this.pos += trimmed.length;
          break;
        }
      } else if (this.s.startsWith(o, this.pos)) {
        op = o;
        this.pos += o.length;
        break;
      }
    }
    if (!op) return (n, r) => {
      const v = left(n, r);
      return v.defined && v.value !== false && v.value !== null ? true : v.defined && v.value !== false;
    };
    if (op === '=~') {
      this.ws();
      const m = /^\/((?:\\.|[^/])*)\/([a-z]*)/.exec(this.s.slice(this.pos));
      if (!m) this.fail('expected /regex/ after =~');
      this.pos += m[0].length;
      const re = new RegExp(`^(?:${m[1]})$`, m[2]!.replace('g', ''));
      return (n, r) => {
        const v = left(n, r);
        return v.defined && typeof v.value === 'string' && re.test(v.value);
      };
    }
    const right = this.parseOperand();
    const o = op;
    return (n, r) => {
      const a = left(n, r);
      const b = right(n, r);
      if (!a.defined || !b.defined) return o === '!=' ? a.defined !== b.defined : false;
      return compareOp(o, a.value, b.value);
    };
  }
  private parseOperand(): Operand {
    this.ws();
    const s = this.s;
    const c = s[this.pos];
    if (c === '@' || c === '$') {
      const start = this.pos;
      this.pos++;
      // read a path: .name, ['x'], [0], ..name
      while (this.pos < s.length) {
        const ch = s[this.pos];
        if (ch === '.' || /[A-Za-z0-9_*$-]/.test(ch!)) this.pos++;
        else if (ch === '[') {
          const end = findClosing(s, this.pos, '[', ']');
          if (end < 0) this.fail('missing ]');
          this.pos = end + 1;
        } else if (ch === '(' && s[this.pos + 1] === ')') this.pos += 2;
        else break;
      }
      const text = '$' + s.slice(start + 1, this.pos);
      const parsed = parsePath(text);
      const walk = compileWalker(parsed, true);
      const rel = c === '@';
      return (n, r) => {
        const res = walk(rel ? n : r);
        return res instanceof Miss ? { defined: false, value: undefined } : { defined: true, value: res };
      };
    }
    if (c === "'" || c === '"') {
      let out = '';
      this.pos++;
      while (this.pos < s.length && s[this.pos] !== c) {
        if (s[this.pos] === '\\') this.pos++;
        out += s[this.pos++];
      }
      if (this.pos >= s.length) this.fail('unterminated string');
      this.pos++;
      return () => ({ defined: true, value: out });
    }
    if (c === '[' || c === '{') {
      const end = findClosing(s, this.pos, c, c === '[' ? ']' : '}');
      if (end < 0) this.fail('unterminated literal');
      const lit = s.slice(this.pos, end + 1).replace(/'/g, '"');
      this.pos = end + 1;
      let value: unknown;
      try {
        value = JSON.parse(lit);
      } catch {
        this.fail(`invalid literal ${lit}`);
      }
      return () => ({ defined: true, value });
    }
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?![A-Za-z0-9_])/.exec(s.slice(this.pos));
    if (!m) {
      // An unquoted word (`@.lang==es`) is a string literal, as AWS's Jayway accepts it.
      const w = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(s.slice(this.pos));
      if (!w) this.fail(`unexpected '${s.slice(this.pos)}'`);
      this.pos += w[0].length;
      const word = w[0];
      return () => ({ defined: true, value: word });
    }
    this.pos += m[0].length;
    const value = JSON.parse(m[0]) as unknown;
    return () => ({ defined: true, value });
  }
}

/** Jayway's `==`: structural, except that a number and a numeric string compare as numbers (`@.n == '1'`). */
function filterEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'string') return b.trim() !== '' && Number(b) === a;
  if (typeof a === 'string' && typeof b === 'number') return a.trim() !== '' && Number(a) === b;
  return deepEqual(a, b);
}

function compareOp(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return filterEquals(a, b);
    case '!=':
      return !filterEquals(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return false;
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    }
    case 'in':
      return Array.isArray(b) && b.some((x) => deepEqual(x, a));
    case 'nin':
      return Array.isArray(b) && !b.some((x) => deepEqual(x, a));
    case 'subsetof':
      return Array.isArray(a) && Array.isArray(b) && a.every((x) => b.some((y) => deepEqual(x, y)));
    case 'anyof':
      return Array.isArray(a) && Array.isArray(b) && a.some((x) => b.some((y) => deepEqual(x, y)));
    case 'noneof':
      return Array.isArray(a) && Array.isArray(b) && !a.some((x) => b.some((y) => deepEqual(x, y)));
    case 'size':
      return (Array.isArray(a) || typeof a === 'string') && a.length === b;
    case 'empty':
      return (Array.isArray(a) || typeof a === 'string') && (a.length === 0) === b;
    case 'contains':
      return Array.isArray(a) ? a.some((x) => deepEqual(x, b)) : typeof a === 'string' && typeof b === 'string' && a.includes(b);
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reference paths (ResultPath)

/** A compiled reference path (ResultPath): writes a value into a JSON document, copy-on-write. */
export interface ReferencePath {
  /** The path text as written. */
  readonly text: string;
  /**
   * Returns `target` with `value` placed at the path, copying only the objects/arrays on the way (never mutating
   * `target`). Missing intermediate objects are created. `$` returns `value` itself.
   * Throws AslError('States.ResultPathMatchFailure') when a step lands on a non-object (or an index is out of range).
   */
  set(target: unknown, value: unknown): unknown;
}

/**
 * Compiles a ResultPath. Only `$`, `.name`, `['name']` and `[n]` steps are allowed (the spec's "Reference Paths" must
 * be unambiguous); anything else, `$$` or a variable root throws AslError('States.Runtime') at compile time.
 * Spec: states-language.net/spec.html#ref-paths; AWS dg/input-output-resultpath.html.
 */
export function compileReferencePath(text: string): ReferencePath {
  let hit = referenceCache.get(text);
  if (hit === undefined) {
    hit = compileReferencePathUncached(text);
    remember(referenceCache, text, hit);
  }
  return hit;
}

function compileReferencePathUncached(text: string): ReferencePath {
  const parsed = parsePath(text);
  if (parsed.root.kind !== 'input') throw invalidPath(text, 'a reference path must start with $');
  if (parsed.fn || !parsed.tokens.every((t) => t.kind === 'prop' || t.kind === 'index'))
    throw invalidPath(text, 'a reference path may only contain names and indexes');
  const toks = parsed.tokens as readonly ({ kind: 'prop'; name: string } | { kind: 'index'; index: number })[];
  const fail = (target: unknown): never => {
    throw new AslError(
      'States.ResultPathMatchFailure',
      `Unable to apply ResultPath "${text}" to input "${safeStringify(target)}"`,
    );
  };
  if (toks.length === 0) return { text, set: (_t, v) => v };
  return {
    text,
    set(target, value) {
      const put = (cur: unknown, i: number): unknown => {
        const t = toks[i]!;
        if (t.kind === 'prop') {
          let obj: Record<string, unknown>;
          if (cur === undefined) obj = {};
          else if (isObject(cur)) obj = cur;
          else return fail(target);
          const child = i === toks.length - 1 ? value : put(hasOwn.call(obj, t.name) ? obj[t.name] : undefined, i + 1);
          const copy = copyObject(obj);
          if (t.name === '__proto__') Object.defineProperty(copy, t.name, { value: child, enumerable: true, writable: true, configurable: true });
          else copy[t.name] = child;
          return copy;
        }
        if (!Array.isArray(cur)) return fail(target);
        const idx = t.index < 0 ? cur.length + t.index : t.index;
        if (idx < 0 || idx >= cur.length) return fail(target);
        const child = i === toks.length - 1 ? value : put(cur[idx], i + 1);
        const copy = cur.slice();
        copy[idx] = child;
        return copy;
      };
      return put(target, 0);
    },
  };
}
