/**
 * A synchronous evaluator for the simplest JSONata expressions — the ones workflows use on every transition:
 * `$states.input.a.b`, `$count + 1`, `$count < 10000`, `$name & "x"`, `$flag and $other`. It compiles JSONata's own
 * AST (so parsing is JSONata's), and only answers where the result is certain; everywhere else it answers
 * {@link NO_FAST} and the real engine runs, so semantics and error texts stay JSONata's.
 */
import type jsonata from 'jsonata';
import type { EvalContext } from '../io/eval-context.js';

/** "Ask the JSONata engine": the fast evaluator is not sure of the answer. */
export const NO_FAST: unique symbol = Symbol('NO_FAST');

/** A fast evaluator: the value (undefined = JSONata "nothing"), or NO_FAST. */
export type FastEval = (ctx: EvalContext) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;
const ALLOWED_KEYS = new Set(['type', 'value', 'position', 'lhs', 'rhs', 'steps', 'expressions']);

function plain(node: jsonata.ExprNode): boolean {
  for (const k of Object.keys(node)) if (!ALLOWED_KEYS.has(k)) return false;
  return true;
}

const STATES_FIELDS = new Set(['input', 'context', 'result', 'errorOutput']);

/** Deeper expressions go to the engine, which enforces AWS's evaluation-depth limit exactly. */
const MAX_FAST_DEPTH = 32;

/** Compiles an AST node, or answers undefined when the node is outside the fast subset. */
export function compileFast(node: jsonata.ExprNode, depth = 0): FastEval | undefined {
  if (depth > MAX_FAST_DEPTH || !plain(node)) return undefined;
  switch (node.type as string) {
    case 'number':
    case 'string':
    case 'value': {
      const v = node.value as unknown;
      return () => v;
    }
    case 'variable': {
      const name = String(node.value);
      if (name === '' || name === 'states') return undefined;
      // An unknown name may be a built-in function: let JSONata answer.
      return (ctx) => (ctx.variables.has(name) ? ctx.variables.get(name) : NO_FAST);
    }
    case 'block':
      return node.expressions?.length === 1 ? compileFast(node.expressions[0]!, depth + 1) : undefined;
    case 'path':
      return compilePathNode(node);
    case 'binary':
      return compileBinary(node, depth);
    default:
      return undefined;
  }
}

function compilePathNode(node: jsonata.ExprNode): FastEval | undefined {
  const steps = node.steps ?? [];
  if (steps.length < 2 || !steps.every(plain)) return undefined;
  const [head, ...rest] = steps;
  if (head!.type !== 'variable' || !rest.every((s) => s.type === 'name' && typeof s.value === 'string')) return undefined;
  let names = rest.map((s) => s.value as string);
  let start: FastEval;
  if (head!.value === 'states') {
    const field = names[0]!;
    if (!STATES_FIELDS.has(field)) return undefined;
    start = (ctx) => (ctx as unknown as Record<string, unknown>)[field];
    names = names.slice(1);
  } else {
    const v = String(head!.value);
    if (v === '') return undefined;
    start = (ctx) => (ctx.variables.has(v) ? ctx.variables.get(v) : NO_FAST);
  }
  const n = names.length;
  return (ctx) => {
    let cur = start(ctx);
    if (cur === NO_FAST) return NO_FAST;
    if (Array.isArray(cur) && n > 0) return NO_FAST; // JSONata maps over arrays
    for (let i = 0; i < n; i++) {
      if (cur === null || typeof cur !== 'object') return undefined; // a step into a scalar is nothing
      if (Array.isArray(cur)) return NO_FAST;
      const k = names[i]!;
      cur = hasOwn.call(cur, k) ? (cur as Record<string, unknown>)[k] : undefined;
      if (cur === undefined) return undefined;
    }
    return cur;
  };
}

const ARITH: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

function compileBinary(node: jsonata.ExprNode, depth: number): FastEval | undefined {
  const op = String(node.value);
  if (!node.lhs || Array.isArray(node.lhs) || !node.rhs) return undefined;
  const l = compileFast(node.lhs, depth + 1);
  const r = compileFast(node.rhs, depth + 1);
  if (!l || !r) return undefined;
  const arith = ARITH[op];
  if (arith)
    return (ctx) => {
      const a = l(ctx);
      if (a === NO_FAST) return NO_FAST;
      const b = r(ctx);
      if (b === NO_FAST) return NO_FAST;
      if (a === undefined || b === undefined) {
        // JSONata: nothing if an operand is nothing, but a non-number operand is still an error.
        const other = a === undefined ? b : a;
        return other === undefined || typeof other === 'number' ? undefined : NO_FAST;
      }
      if (typeof a !== 'number' || typeof b !== 'number') return NO_FAST;
      const v = arith(a, b);
      return Number.isFinite(v) ? v : NO_FAST;
    };
  switch (op) {
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (ctx) => {
        const a = l(ctx);
        if (a === NO_FAST) return NO_FAST;
        const b = r(ctx);
        if (b === NO_FAST) return NO_FAST;
        if (a === undefined || b === undefined) return NO_FAST;
        if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return NO_FAST;
        return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
      };
    case '=':
    case '!=':
      return (ctx) => {
        const a = l(ctx);
        if (a === NO_FAST) return NO_FAST;
        const b = r(ctx);
        if (b === NO_FAST) return NO_FAST;
        if (a === undefined || b === undefined) return false;
        if ((a !== null && typeof a === 'object') || (b !== null && typeof b === 'object')) return NO_FAST;
        return op === '=' ? a === b : a !== b;
      };
    case 'and':
    case 'or':
      return (ctx) => {
        const a = l(ctx);
        if (typeof a !== 'boolean') return NO_FAST;
        if (op === 'and' ? !a : a) return a; // JSONata short-circuits
        const b = r(ctx);
        return typeof b === 'boolean' ? b : NO_FAST;
      };
    case '&':
      return (ctx) => {
        const a = l(ctx);
        if (a === NO_FAST) return NO_FAST;
        const b = r(ctx);
        if (b === NO_FAST) return NO_FAST;
        if ((a !== undefined && typeof a !== 'string') || (b !== undefined && typeof b !== 'string')) return NO_FAST;
        return (a ?? '') + (b ?? '');
      };
    default:
      return undefined;
  }
}
