/**
 * Public and internal types of the interpreter. ASL field names are verbatim (spec: https://states-language.net/spec.html).
 * The definition types are deliberately loose here: the engine accepts any JSON object that passed validation
 * (`@asl-studio/asl` owns the precise model).
 */

/** AWS `HistoryEventType` names (AWS Step Functions API Reference: HistoryEvent). */
export type HistoryEventType =
  | 'ActivityFailed' | 'ActivityScheduled' | 'ActivityScheduleFailed' | 'ActivityStarted' | 'ActivitySucceeded' | 'ActivityTimedOut'
  | 'ChoiceStateEntered' | 'ChoiceStateExited'
  | 'EvaluationFailed'
  | 'ExecutionAborted' | 'ExecutionFailed' | 'ExecutionStarted' | 'ExecutionSucceeded' | 'ExecutionTimedOut' | 'ExecutionRedriven'
  | 'FailStateEntered'
  | 'LambdaFunctionFailed' | 'LambdaFunctionScheduled' | 'LambdaFunctionScheduleFailed' | 'LambdaFunctionStarted'
  | 'LambdaFunctionStartFailed' | 'LambdaFunctionSucceeded' | 'LambdaFunctionTimedOut'
  | 'MapIterationAborted' | 'MapIterationFailed' | 'MapIterationStarted' | 'MapIterationSucceeded'
  | 'MapRunAborted' | 'MapRunFailed' | 'MapRunStarted' | 'MapRunSucceeded' | 'MapRunRedriven'
  | 'MapStateAborted' | 'MapStateEntered' | 'MapStateExited' | 'MapStateFailed' | 'MapStateStarted' | 'MapStateSucceeded'
  | 'ParallelStateAborted' | 'ParallelStateEntered' | 'ParallelStateExited' | 'ParallelStateFailed' | 'ParallelStateStarted'
  | 'ParallelStateSucceeded'
  | 'PassStateEntered' | 'PassStateExited'
  | 'SucceedStateEntered' | 'SucceedStateExited'
  | 'TaskFailed' | 'TaskScheduled' | 'TaskStarted' | 'TaskStartFailed' | 'TaskStateAborted' | 'TaskStateEntered' | 'TaskStateExited'
  | 'TaskSubmitFailed' | 'TaskSubmitted' | 'TaskSucceeded' | 'TaskTimedOut'
  | 'WaitStateAborted' | 'WaitStateEntered' | 'WaitStateExited';

/**
 * One history event exactly as GetExecutionHistory returns it: `{id, previousEventId, timestamp, type, <x>EventDetails}`.
 * `input`/`output`/`parameters`/`cause`/`assignedVariables` values are compact JSON *strings*, as on the wire.
 * (AWS API Reference: HistoryEvent; see /work/shared/HISTORY-FORMAT.md.)
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: string;
  type: HistoryEventType;
  [details: string]: unknown;
}

/** Execution status as DescribeExecution reports it (AWS apireference/API_DescribeExecution.html, `status`). */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** Step Functions Local mock configuration (AWS dg/sfn-local-mock-cfg-file.html). */
export interface MockConfig {
  StateMachines: Record<string, { TestCases: Record<string, Record<string, string>> }>;
  MockedResponses: Record<string, Record<string, MockedResponse>>;
}
export type MockedResponse = { Return: unknown } | { Throw: { Error: string; Cause?: string } };

/** Task handler: (input after Parameters/Arguments, context) → result; a thrown Error's name is the ASL error, message the cause. */
export type TaskHandler = (
  input: unknown,
  context: { stateName: string; resource: string; taskToken?: string },
) => unknown | Promise<unknown>;

/** Options of {@link startExecution}; every field is optional. */
export interface ExecutionOptions {
  /** Execution input; default `{}`. */
  input?: unknown;
  /** Execution name; default a UUID. */
  name?: string;
  /** State machine name (for ARNs and for selecting the machine in the mock config); default "StateMachine". */
  stateMachineName?: string;
  /** STANDARD (default) or EXPRESS: EXPRESS has a 5-minute limit and no history-length limit. */
  type?: 'STANDARD' | 'EXPRESS';
  /** 'aws' (default) applies the payload (262,144 bytes) and history (25,000 events) quotas; 'off' lifts them. */
  quotas?: 'aws' | 'off';
  /** 'simulated' (default): Wait, Retry back-off and timeouts advance virtual time at once; 'real' uses real timers. */
  clock?: 'simulated' | 'real';
  /** Step Functions Local mock config; `stateMachineName` selects the machine, `testCase` the test case. */
  mockConfig?: MockConfig;
  testCase?: string;
  /** Task handlers keyed by state name. */
  taskHandlers?: Record<string, TaskHandler>;
  /** Aborting ends the execution with status ABORTED (ExecutionAborted event). */
  signal?: AbortSignal;
  /** Live events, in order. */
  onEvent?: (event: HistoryEvent) => void;
  /**
   * 'full' (default) keeps every event in `result.history`; 'none' keeps none (ids are still counted for the
   * 25,000-event quota) — for batch runs that only need the result. `onEvent` still receives every event.
   */
  history?: 'full' | 'none';
  /** Start time of the execution (virtual clock origin); default now. */
  startTime?: Date;
}

/**
 * How an execution ended: `status`, the execution output (SUCCEEDED) or `error`/`cause` (FAILED, TIMED_OUT, ABORTED),
 * and its history as GetExecutionHistory returns it (AWS apireference/API_GetExecutionHistory.html; HISTORY-FORMAT.md).
 */
export interface ExecutionResult {
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  output?: unknown;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
  /**
   * True when the execution had more events than an interpreter keeps in memory (1,000,000; possible only without a
   * history quota: EXPRESS or `quotas: 'off'`): `history` holds the first ones and the terminal event.
   */
  historyTruncated?: boolean;
}

/**
 * A running execution (AWS apireference/API_StartExecution.html). `sendTaskSuccess` / `sendTaskFailure` /
 * `sendTaskHeartbeat` follow the SendTask* APIs (AWS dg/connect-to-resource.html#connect-wait-token) and throw an Error
 * named `TaskDoesNotExist` for a token that is unknown or no longer pending; `stop` follows StopExecution (ABORTED).
 */
export interface Execution {
  readonly result: Promise<ExecutionResult>;
  /** Execution ARN. */
  readonly executionArn: string;
  stop(error?: string, cause?: string): void;
  sendTaskSuccess(token: string, output: unknown): void;
  sendTaskFailure(token: string, error?: string, cause?: string): void;
  sendTaskHeartbeat(token: string): void;
  /** Task tokens of `.waitForTaskToken` tasks currently waiting for a callback. */
  pendingTaskTokens(): string[];
}

/** A state as written in the definition (field names verbatim). */
export interface RawState {
  Type: 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';
  [field: string]: any;
}
/** A state machine or a branch / item processor: `{StartAt, States}` plus top-level fields. */
export interface RawMachine {
  StartAt: string;
  States: Record<string, RawState>;
  Comment?: string;
  Version?: string;
  TimeoutSeconds?: number;
  QueryLanguage?: 'JSONPath' | 'JSONata';
  [field: string]: any;
}
/** A state's query language (AWS dg/transforming-data.html): JSONPath (the default) or JSONata. */
export type QueryLanguage = 'JSONPath' | 'JSONata';
