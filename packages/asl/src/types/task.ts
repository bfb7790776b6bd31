import type { Assignable, BaseState, Catcher, JsonPathIO, JsonValue, PayloadTemplate, Retrier, Transition } from './common.js';

/**
 * Task state: calls an integration (`Resource` ARN).
 * Spec: states-language.net/spec.html#task-state; AWS dg/state-task.html
 */
export interface TaskState extends BaseState, Transition, JsonPathIO, Assignable {
  Type: 'Task';
  /** ARN: Lambda, activity, `arn:aws:states:::svc:api[.sync|.sync:2|.waitForTaskToken]`, `arn:aws:states:::aws-sdk:svc:api`. */
  Resource: string;
  /** JSONPath: payload template for the request. */
  Parameters?: PayloadTemplate;
  /** JSONPath: payload template applied to the result. */
  ResultSelector?: PayloadTemplate;
  /** JSONPath: where to place the result (reference path or `null`). */
  ResultPath?: string | null;
  /** JSONata: the request arguments. */
  Arguments?: JsonValue;
  /** JSONata: the state output. */
  Output?: JsonValue;
  /** Seconds before `States.Timeout`; positive integer (JSONata: or `{% %}`). Default 99999999. */
  TimeoutSeconds?: number | string;
  /** JSONPath: reference path to the timeout, in seconds. */
  TimeoutSecondsPath?: string;
  /** Seconds between heartbeats; must be smaller than TimeoutSeconds. */
  HeartbeatSeconds?: number | string;
  /** JSONPath: reference path to the heartbeat, in seconds. */
  HeartbeatSecondsPath?: string;
  /** Cross-account role: `{RoleArn}` or `{"RoleArn.$": path}`. */
  Credentials?: { [key: string]: JsonValue };
  Retry?: Retrier[];
  Catch?: Catcher[];
}
