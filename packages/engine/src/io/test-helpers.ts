import type { EvalContext } from './eval-context.js';

/** An EvalContext for tests: `vars` become workflow variables. */
export function makeCtx(input: unknown, opts: { context?: unknown; vars?: Record<string, unknown>; result?: unknown; errorOutput?: unknown } = {}): EvalContext {
  const vars = opts.vars ?? {};
  return {
    input,
    context: opts.context ?? {},
    variables: {
      has: (n) => Object.prototype.hasOwnProperty.call(vars, n),
      get: (n) => (Object.prototype.hasOwnProperty.call(vars, n) ? vars[n] : undefined),
    },
    ...('result' in opts ? { result: opts.result } : {}),
    ...('errorOutput' in opts ? { errorOutput: opts.errorOutput } : {}),
  };
}

/** Runs fn and returns the thrown error's ASL name and cause (or undefined if it did not throw). */
export function caught(fn: () => unknown): { name: string; cause: string | undefined } | undefined {
  try {
    fn();
  } catch (e) {
    const err = e as { name: string; causeText?: string };
    return { name: err.name, cause: err.causeText };
  }
  return undefined;
}
