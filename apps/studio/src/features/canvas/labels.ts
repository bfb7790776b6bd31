/** Display names of AWS service prefixes used in Step Functions integration ARNs. */
const SERVICES: Record<string, string> = {
  lambda: 'Lambda',
  sns: 'SNS',
  sqs: 'SQS',
  dynamodb: 'DynamoDB',
  states: 'Step Functions',
  events: 'EventBridge',
  ecs: 'ECS',
  eks: 'EKS',
  glue: 'Glue',
  batch: 'Batch',
  bedrock: 'Bedrock',
  s3: 'S3',
  http: 'HTTP',
  apigateway: 'API Gateway',
  sagemaker: 'SageMaker',
  athena: 'Athena',
  codebuild: 'CodeBuild',
  elasticmapreduce: 'EMR',
  'emr-containers': 'EMR on EKS',
  'emr-serverless': 'EMR Serverless',
  databrew: 'DataBrew',
  mediaconvert: 'MediaConvert',
};

function cap(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

function service(s: string): string {
  return SERVICES[s] ?? cap(s);
}

/**
 * A short "Service: Action" label for a Task's Resource, like Workflow Studio shows under the state name.
 * Pure.
 *
 * @example
 * taskLabel('arn:aws:states:::lambda:invoke')            // "Lambda: Invoke"
 * taskLabel('arn:aws:states:::aws-sdk:s3:getObject')     // "S3: GetObject"
 * taskLabel('arn:aws:lambda:us-east-1:1:function:F')     // "Lambda: Invoke"
 */
export function taskLabel(resource: unknown): string {
  if (typeof resource !== 'string' || !resource) return 'Task';
  const parts = resource.split(':');
  if (parts[2] === 'states' && parts[3] === '' && parts[4] === '') {
    // arn:aws:states:::<service>:<action>[.sync[:2]|.waitForTaskToken]  or  arn:aws:states:::aws-sdk:<service>:<action>
    const rest = parts.slice(5);
    if (rest[0] === 'aws-sdk') return `${service(rest[1] ?? '')}: ${cap((rest[2] ?? '').split('.')[0]!)}`;
    const action = (rest[1] ?? '').split('.')[0]!;
    return `${service(rest[0] ?? '')}: ${cap(action)}`;
  }
  if (parts[2] === 'states' && parts[5] === 'activity') return 'Activity';
  if (parts[2] === 'lambda') return 'Lambda: Invoke';
  if (resource.startsWith('{%') || resource.startsWith('$')) return 'Task';
  return 'Task';
}

/** One-line subtitle of a state card: the Task's service action, or the state type. */
export function stateSubtitle(state: Record<string, unknown> | undefined, type: string | undefined): string {
  if (type === 'Task') return taskLabel(state?.Resource);
  if (type === 'Map') {
    const proc = state?.ItemProcessor as { ProcessorConfig?: { Mode?: string } } | undefined;
    return proc?.ProcessorConfig?.Mode === 'DISTRIBUTED' ? 'Map (distributed)' : 'Map';
  }
  return type ?? 'Unknown type';
}
