/**
 * What each state field holds, for the studio's inspector (which editor to show) and hovers. Descriptions follow
 * states-language.net/spec.html and the AWS developer guide pages named in `doc`.
 */

/** The kind of value a field holds. */
export type FieldKind =
  | 'stateType' // one of the eight Type values
  | 'stateName' // the name of a state in the same scope (Next, Default, StartAt)
  | 'boolean'
  | 'string'
  | 'integer'
  | 'number'
  | 'queryLanguage'
  | 'path' // a JSONPath (InputPath, OutputPath)
  | 'referencePath' // a Reference Path (ResultPath, ItemsPath, *Path)
  | 'pathOrIntrinsic' // ErrorPath, CausePath
  | 'template' // a JSONPath payload template (keys ending in .$ are evaluated)
  | 'json' // any JSON value; in JSONata states `{% %}` strings are evaluated
  | 'resource' // a Task Resource ARN
  | 'choices'
  | 'retry'
  | 'catch'
  | 'branches'
  | 'processor'
  | 'object';

/** Description of one field. */
export interface FieldInfo {
  kind: FieldKind;
  /** One sentence for hovers and the inspector. */
  description: string;
  /** In JSONata states, the value may be a `{% %}` expression (numbers and strings that accept one). */
  jsonata?: boolean;
  /** AWS developer guide page (relative to docs.aws.amazon.com/step-functions/latest/dg/). */
  doc: string;
}

/** Field name → info (field names verbatim). */
export const FIELD_INFO: Readonly<Record<string, FieldInfo>> = {
  Type: { kind: 'stateType', description: 'The state type: Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map.', doc: 'statemachine-structure.html' },
  Comment: { kind: 'string', description: 'A human-readable description.', doc: 'statemachine-structure.html' },
  QueryLanguage: { kind: 'queryLanguage', description: 'JSONPath (default) or JSONata; overrides the state machine setting for this state.', doc: 'transforming-data.html' },
  Next: { kind: 'stateName', description: 'The state to run next, in the same scope.', doc: 'statemachine-structure.html' },
  End: { kind: 'boolean', description: 'true makes this a terminal state (instead of Next).', doc: 'statemachine-structure.html' },
  InputPath: { kind: 'path', description: 'JSONPath selecting part of the state input (null discards it).', doc: 'input-output-inputpath-params.html' },
  OutputPath: { kind: 'path', description: 'JSONPath selecting part of the state output (null discards it).', doc: 'input-output-example.html' },
  ResultPath: { kind: 'referencePath', description: 'Where to put the result in the input (Reference Path; null keeps the input).', doc: 'input-output-resultpath.html' },
  Parameters: { kind: 'template', description: 'Payload template building the input of the task / iteration (keys ending in .$ are evaluated).', doc: 'input-output-inputpath-params.html' },
  ResultSelector: { kind: 'template', description: 'Payload template applied to the result before ResultPath.', doc: 'input-output-inputpath-params.html' },
  Arguments: { kind: 'json', description: 'JSONata: the request arguments (any JSON; {% %} strings are evaluated).', jsonata: true, doc: 'transforming-data.html' },
  Output: { kind: 'json', description: 'JSONata: the state output (any JSON; {% %} strings are evaluated).', jsonata: true, doc: 'transforming-data.html' },
  Assign: { kind: 'object', description: 'Workflow variables to set (name → value; JSONPath keys ending in .$ are evaluated).', jsonata: true, doc: 'workflow-variables.html' },
  Result: { kind: 'json', description: 'Pass (JSONPath): a fixed result used instead of the input.', doc: 'state-pass.html' },
  Resource: { kind: 'resource', description: 'The ARN of the integration: Lambda, activity, arn:aws:states:::service:api[.sync|.waitForTaskToken], aws-sdk.', doc: 'state-task.html' },
  TimeoutSeconds: { kind: 'integer', description: 'Seconds before the task fails with States.Timeout (positive integer).', jsonata: true, doc: 'state-task.html' },
  TimeoutSecondsPath: { kind: 'referencePath', description: 'Reference Path to the timeout in seconds.', doc: 'state-task.html' },
  HeartbeatSeconds: { kind: 'integer', description: 'Seconds between heartbeats before States.HeartbeatTimeout; smaller than TimeoutSeconds.', jsonata: true, doc: 'state-task.html' },
  HeartbeatSecondsPath: { kind: 'referencePath', description: 'Reference Path to the heartbeat interval in seconds.', doc: 'state-task.html' },
  Credentials: { kind: 'template', description: 'Cross-account role: {"RoleArn": …} or {"RoleArn.$": path}.', doc: 'concepts-access-cross-acct-resources.html' },
  Retry: { kind: 'retry', description: 'Retriers: ErrorEquals, IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, JitterStrategy.', doc: 'concepts-error-handling.html' },
  Catch: { kind: 'catch', description: 'Catchers: ErrorEquals and Next (plus ResultPath or Output, Assign).', doc: 'concepts-error-handling.html' },
  Choices: { kind: 'choices', description: 'Choice rules evaluated in order; the first match gives the next state.', doc: 'state-choice.html' },
  Default: { kind: 'stateName', description: 'The state to run when no choice rule matches (else States.NoChoiceMatched).', doc: 'state-choice.html' },
  Seconds: { kind: 'integer', description: 'Seconds to wait (0 to 99999999).', jsonata: true, doc: 'state-wait.html' },
  SecondsPath: { kind: 'referencePath', description: 'Reference Path to the seconds to wait.', doc: 'state-wait.html' },
  Timestamp: { kind: 'string', description: 'Wait until this RFC 3339 time, e.g. 2026-01-01T00:00:00Z.', jsonata: true, doc: 'state-wait.html' },
  TimestampPath: { kind: 'referencePath', description: 'Reference Path to the timestamp to wait until.', doc: 'state-wait.html' },
  Error: { kind: 'string', description: 'The error name the Fail state reports.', jsonata: true, doc: 'state-fail.html' },
  ErrorPath: { kind: 'pathOrIntrinsic', description: 'Path or intrinsic function giving the error name.', doc: 'state-fail.html' },
  Cause: { kind: 'string', description: 'A human-readable cause for the failure.', jsonata: true, doc: 'state-fail.html' },
  CausePath: { kind: 'pathOrIntrinsic', description: 'Path or intrinsic function giving the cause.', doc: 'state-fail.html' },
  Branches: { kind: 'branches', description: 'The branches run in parallel, each {StartAt, States}.', doc: 'state-parallel.html' },
  ItemProcessor: { kind: 'processor', description: 'The workflow run for every item: {ProcessorConfig, StartAt, States}.', doc: 'state-map.html' },
  Iterator: { kind: 'processor', description: 'Legacy name of ItemProcessor.', doc: 'state-map.html' },
  ItemsPath: { kind: 'referencePath', description: 'Reference Path to the array (or object) to iterate (default $).', doc: 'input-output-itemspath.html' },
  Items: { kind: 'json', description: 'JSONata: the array to iterate, or a {% %} expression.', jsonata: true, doc: 'input-output-fields-dist-map.html' },
  ItemSelector: { kind: 'template', description: 'Template building each iteration input ($$.Map.Item.Value is the item).', jsonata: true, doc: 'input-output-itemselector.html' },
  ItemReader: { kind: 'object', description: 'Distributed Map: where to read items (S3 object, CSV, JSON, manifest).', doc: 'input-output-itemreader.html' },
  ItemBatcher: { kind: 'object', description: 'Distributed Map: group items into batches (MaxItemsPerBatch, MaxInputBytesPerBatch, BatchInput).', doc: 'input-output-itembatcher.html' },
  ResultWriter: { kind: 'object', description: 'Distributed Map: write child execution results to S3.', doc: 'input-output-resultwriter.html' },
  MaxConcurrency: { kind: 'integer', description: 'Upper bound on concurrent iterations (0 = no limit).', jsonata: true, doc: 'state-map-inline.html' },
  MaxConcurrencyPath: { kind: 'referencePath', description: 'Reference Path to MaxConcurrency.', doc: 'state-map-inline.html' },
  ToleratedFailurePercentage: { kind: 'number', description: 'Distributed Map: percentage of failed items tolerated (0–100).', jsonata: true, doc: 'state-map-distributed.html' },
  ToleratedFailurePercentagePath: { kind: 'referencePath', description: 'Reference Path to ToleratedFailurePercentage.', doc: 'state-map-distributed.html' },
  ToleratedFailureCount: { kind: 'integer', description: 'Distributed Map: number of failed items tolerated.', jsonata: true, doc: 'state-map-distributed.html' },
  ToleratedFailureCountPath: { kind: 'referencePath', description: 'Reference Path to ToleratedFailureCount.', doc: 'state-map-distributed.html' },
  Label: { kind: 'string', description: 'Distributed Map: a label for child executions (≤ 40 characters).', doc: 'state-map-distributed.html' },
};
