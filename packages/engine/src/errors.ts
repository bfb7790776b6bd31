/**
 * A runtime error in ASL terms: `name` is the ASL error name (e.g. `States.Runtime`, `States.TaskFailed`, or a user
 * error such as `CustomError`), `cause` the human-readable cause text exactly as AWS would report it.
 *
 * Retry/Catch match on `name` (spec: "Errors" and "Retrying after error"; AWS dg/concepts-error-handling.html).
 */
export class AslError extends Error {
  /** The ASL error name, e.g. `States.IntrinsicFailure`. */
  override readonly name: string;
  /** The cause text (may be JSON text, may be empty). `undefined` when the error carries no cause. */
  readonly causeText: string | undefined;
  constructor(name: string, cause?: string) {
    // No stack trace: an ASL error is data (Retry/Catch, history), and capturing the JS stack (with async frames)
    // was a measurable share of retry-heavy runs.
    const v8Error = Error as { stackTraceLimit?: number };
    const limit = v8Error.stackTraceLimit;
    if (typeof limit === 'number') v8Error.stackTraceLimit = 0;
    super(cause ?? name);
    if (typeof limit === 'number') v8Error.stackTraceLimit = limit;
    this.name = name;
    this.causeText = cause;
  }
}

/** Throws `States.Runtime` with the given cause. */
export function runtimeError(cause: string): never {
  throw new AslError('States.Runtime', cause);
}
