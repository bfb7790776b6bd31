/**
 * Payload templates (Parameters, ResultSelector, ItemSelector, JSONPath `Assign`): a JSON value whose object keys
 * ending in `.$` hold a path or an intrinsic function; the key loses its `.$` in the result.
 * Spec: states-language.net/spec.html#payload-template; AWS dg/input-output-inputpath-params.html.
 */
import { AslError } from '../errors.js';
import type { EvalContext } from './eval-context.js';
import { compileIntrinsic, isIntrinsic } from './intrinsics.js';
import { compilePath, describeField } from './jsonpath.js';

/** A compiled payload template. */
export interface CompiledTemplate {
  /** True when the template has no `.$` key anywhere (evaluate then returns the same constant value each time). */
  readonly isConstant: boolean;
  /**
   * Builds the payload. Throws PathNotFoundError (`States.Runtime`, cause "The JSONPath '$.x' specified for the field
   * 'k.$' could not be found in the input '…'") or AslError('States.IntrinsicFailure').
   */
  evaluate(ctx: EvalContext): unknown;
}

type Builder = (ctx: EvalContext) => unknown;

function compileDynamic(key: string, expr: unknown): Builder {
  if (typeof expr !== 'string')
    throw new AslError(
      'States.Runtime',
      `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`,
    );
  const describe = describeField(key);
  if (isIntrinsic(expr)) {
    // `evaluate` does not use `this`: the builder is the compiled function itself (one call less per field)
    return compileIntrinsic(expr).evaluate;
  }
  const p = compilePath(expr.trim());
  return (ctx) => p.evaluate(ctx, describe);
}

function compileNode(node: unknown): { constant: boolean; build: Builder; value?: unknown } {
  if (Array.isArray(node)) {
    const parts = node.map(compileNode);
    if (parts.every((p) => p.constant)) return { constant: true, value: node, build: () => node };
    const builders = parts.map((p) => p.build);
    return { constant: false, build: (ctx) => builders.map((b) => b(ctx)) };
  }
  if (typeof node === 'object' && node !== null) {
    const entries = Object.entries(node as Record<string, unknown>);
    const fields: { key: string; build: Builder }[] = [];
    let constant = true;
    for (const [k, v] of entries) {
      if (k.endsWith('.$')) {
        constant = false;
        fields.push({ key: k.slice(0, -2), build: compileDynamic(k, v) });
      } else {
        const c = compileNode(v);
        if (!c.constant) constant = false;
        fields.push({ key: k, build: c.build });
      }
    }
    if (constant) return { constant: true, value: node, build: () => node };
    const n = fields.length;
    const keys = fields.map((f) => f.key);
    const builders = fields.map((f) => f.build);
    if (keys.includes('__proto__')) {
      return {
        constant: false,
        build: (ctx) => {
          const out: Record<string, unknown> = {};
          for (let i = 0; i < n; i++) {
            const v = builders[i]!(ctx);
            if (keys[i] === '__proto__') Object.defineProperty(out, '__proto__', { value: v, enumerable: true, writable: true, configurable: true });
            else out[keys[i]!] = v;
          }
          return out;
        },
      };
    }
    return {
      constant: false,
      build: (ctx) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) out[keys[i]!] = builders[i]!(ctx);
        return out;
      },
    };
  }
  return { constant: true, value: node, build: () => node };
}

/**
 * Compiles a payload template once; evaluate per transition. Nested objects and arrays are processed recursively;
 * constant sub-trees are shared, not copied (treat results as immutable). Malformed paths or intrinsics throw
 * AslError at compile time.
 *
 * @example compilePayloadTemplate({"id.$": "$.order.id", "kind": "x"}).evaluate(ctx) // {id: 7, kind: "x"}
 */
export function compilePayloadTemplate(template: unknown): CompiledTemplate {
  const c = compileNode(template);
  return { isConstant: c.constant, evaluate: c.build };
}
