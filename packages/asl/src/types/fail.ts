import type { BaseState } from './common.js';

/**
 * Fail state: ends the execution with an error. No `Next`/`End`.
 * `Error` vs `ErrorPath` and `Cause` vs `CausePath` are mutually exclusive.
 * Spec: states-language.net/spec.html#fail-state
 */
export interface FailState extends BaseState {
  Type: 'Fail';
  /** Error name (JSONata: or `{% %}`). */
  Error?: string;
  /** JSONPath: path or intrinsic that yields the error name. */
  ErrorPath?: string;
  /** Human-readable cause (JSONata: or `{% %}`). */
  Cause?: string;
  /** JSONPath: path or intrinsic that yields the cause. */
  CausePath?: string;
}
