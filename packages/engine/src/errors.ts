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
    super(cause ?? name);
    this.name = name;
    this.causeText = cause;
  }
}

/** Throws `States.Runtime` with the given cause. */
export function runtimeError(cause: string): never {
  throw new AslError('States.Runtime', cause);
}
