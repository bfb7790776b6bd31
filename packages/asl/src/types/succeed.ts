import type { BaseState, JsonPathIO, JsonValue } from './common.js';

/** Succeed state: ends the execution (or branch) successfully. Spec: states-language.net/spec.html#succeed-state */
export interface SucceedState extends BaseState, JsonPathIO {
  Type: 'Succeed';
  /** JSONata: the state output. */
  Output?: JsonValue;
}
