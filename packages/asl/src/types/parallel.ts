import type { Assignable, BaseState, Catcher, JsonPathIO, JsonValue, PayloadTemplate, QueryLanguage, Retrier, Transition } from './common.js';
import type { State } from './index.js';

/** A nested state machine: a Parallel branch or a Map processor. Its transitions stay inside it. */
export interface SubMachine {
  StartAt: string;
  States: Record<string, State>;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
}

/** Parallel state: runs its branches concurrently. Spec: states-language.net/spec.html#parallel-state */
export interface ParallelState extends BaseState, Transition, JsonPathIO, Assignable {
  Type: 'Parallel';
  /** Non-empty list of branches. */
  Branches: SubMachine[];
  Parameters?: PayloadTemplate;
  ResultSelector?: PayloadTemplate;
  ResultPath?: string | null;
  /** JSONata: input to every branch. */
  Arguments?: JsonValue;
  Output?: JsonValue;
  Retry?: Retrier[];
  Catch?: Catcher[];
}
