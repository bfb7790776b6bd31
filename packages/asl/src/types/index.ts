import type { ChoiceState } from './choice.js';
import type { QueryLanguage } from './common.js';
import type { FailState } from './fail.js';
import type { MapState } from './map.js';
import type { ParallelState } from './parallel.js';
import type { PassState } from './pass.js';
import type { SucceedState } from './succeed.js';
import type { TaskState } from './task.js';
import type { WaitState } from './wait.js';

export type * from './common.js';
export type * from './pass.js';
export type * from './task.js';
export type * from './choice.js';
export type * from './wait.js';
export type * from './succeed.js';
export type * from './fail.js';
export type * from './parallel.js';
export type * from './map.js';

/** Any ASL state: a union discriminated on `Type`. Spec: states-language.net/spec.html#state-types */
export type State = PassState | TaskState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState;

/** One of the eight state types. */
export type StateType = State['Type'];

/** The eight `Type` values, in spec order. */
export const STATE_TYPES: readonly StateType[] = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];

/**
 * A state machine (the document root). Spec: states-language.net/spec.html#toplevelfields
 */
export type StateMachine = {
  /** Name of the first state; must be a key of `States`. */
  StartAt: string;
  /** The states, by name (names unique across the machine, ≤ 80 characters). */
  States: Record<string, State>;
  Comment?: string;
  /** ASL version, `"1.0"`. */
  Version?: string;
  /** Execution timeout in seconds (positive integer). */
  TimeoutSeconds?: number;
  /** Default query language of every state (default `JSONPath`). */
  QueryLanguage?: QueryLanguage;
};
