import type { Assignable, BaseState, JsonPathIO, JsonValue, PayloadTemplate, Transition } from './common.js';

/**
 * Pass state: passes its input (or `Result`/`Output`) to its output.
 * Spec: states-language.net/spec.html#pass-state
 */
export interface PassState extends BaseState, Transition, JsonPathIO, Assignable {
  Type: 'Pass';
  /** JSONPath: a fixed result (instead of the input). */
  Result?: JsonValue;
  /** JSONPath: where to place the result (reference path or `null`). */
  ResultPath?: string | null;
  /** JSONPath: payload template applied to the input. */
  Parameters?: PayloadTemplate;
  /** JSONata: the state output (`{% %}` expressions anywhere). */
  Output?: JsonValue;
}
