/** One entry of the states browser. */
export interface PaletteItem {
  /** Stable id (used in drag data). */
  id: string;
  /** Display name. */
  title: string;
  /** Group heading: "Flow" or the AWS service. */
  group: string;
  /** Base for the new state's name (made unique on insert). */
  baseName: string;
  /** The state inserted (Next/End are set by the graph op). */
  state: Record<string, unknown>;
  /** Extra search words. */
  keywords?: string;
}

/** Lambda's default Retry, as Workflow Studio adds it to a new Lambda Invoke state. */
export const LAMBDA_RETRY = [
  {
    ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
    IntervalSeconds: 1,
    MaxAttempts: 3,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
];

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/** The palette: the 7 flow states and common AWS service actions, with Workflow Studio's default arguments. */
export const PALETTE_ITEMS: readonly PaletteItem[] = [
  { id: 'flow.pass', group: 'Flow', title: 'Pass', baseName: 'Pass', state: { Type: 'Pass' } },
  {
    id: 'flow.choice',
    group: 'Flow',
    title: 'Choice',
    baseName: 'Choice',
    keywords: 'branch if condition',
    state: { Type: 'Choice', Choices: [] },
  },
  {
    id: 'flow.parallel',
    group: 'Flow',
    title: 'Parallel',
    baseName: 'Parallel',
    keywords: 'branches concurrent',
    state: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Pass (1)', States: { 'Pass (1)': { Type: 'Pass', End: true } } },
        { StartAt: 'Pass (2)', States: { 'Pass (2)': { Type: 'Pass', End: true } } },
      ],
    },
  },
  {
    id: 'flow.map',
    group: 'Flow',
    title: 'Map',
    baseName: 'Map',
    keywords: 'iterate loop items',
    state: {
      Type: 'Map',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Process item',
        States: { 'Process item': { Type: 'Pass', End: true } },
      },
    },
  },
  { id: 'flow.wait', group: 'Flow', title: 'Wait', baseName: 'Wait', keywords: 'delay sleep', state: { Type: 'Wait', Seconds: 5 } },
  { id: 'flow.succeed', group: 'Flow', title: 'Success', baseName: 'Success', keywords: 'succeed end', state: { Type: 'Succeed' } },
  { id: 'flow.fail', group: 'Flow', title: 'Fail', baseName: 'Fail', keywords: 'error end', state: { Type: 'Fail' } },
  {
    id: 'lambda.invoke',
    group: 'AWS Lambda',
    title: 'Invoke',
    baseName: 'Lambda Invoke',
    keywords: 'function',
    state: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      OutputPath: '$.Payload',
      Parameters: { FunctionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:MyFunction:$LATEST`, 'Payload.$': '$' },
      Retry: LAMBDA_RETRY,
    },
  },
  {
    id: 'sns.publish',
    group: 'Amazon SNS',
    title: 'Publish',
    baseName: 'SNS Publish',
    keywords: 'notification topic',
    state: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:MyTopic`, 'Message.$': '$' },
    },
  },
  {
    id: 'dynamodb.putItem',
    group: 'Amazon DynamoDB',
    title: 'PutItem',
    baseName: 'DynamoDB PutItem',
    keywords: 'table write',
    state: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { TableName: 'MyDynamoDBTable', Item: { Column: { S: 'MyEntry' } } },
    },
  },
  {
    id: 'dynamodb.getItem',
    group: 'Amazon DynamoDB',
    title: 'GetItem',
    baseName: 'DynamoDB GetItem',
    keywords: 'table read',
    state: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:getItem',
      Parameters: { TableName: 'MyDynamoDBTable', Key: { Column: { S: 'MyEntry' } } },
    },
  },
  {
    id: 'dynamodb.updateItem',
    group: 'Amazon DynamoDB',
    title: 'UpdateItem',
    baseName: 'DynamoDB UpdateItem',
    keywords: 'table write',
    state: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:updateItem',
      Parameters: {
        TableName: 'MyDynamoDBTable',
        Key: { Column: { S: 'MyEntry' } },
        UpdateExpression: 'SET MyKey = :myValueRef',
        ExpressionAttributeValues: { ':myValueRef': { S: 'MyValue' } },
      },
    },
  },
  {
    id: 'sqs.sendMessage',
    group: 'Amazon SQS',
    title: 'SendMessage',
    baseName: 'SQS SendMessage',
    keywords: 'queue',
    state: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/MyQueue`, 'MessageBody.$': '$' },
    },
  },
  {
    id: 'states.startExecution',
    group: 'AWS Step Functions',
    title: 'StartExecution',
    baseName: 'Step Functions StartExecution',
    keywords: 'nested child workflow sync',
    state: {
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Parameters: {
        StateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:MyStateMachine`,
        Input: { StatePayload: 'Hello from Step Functions!', 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' },
      },
    },
  },
  {
    id: 'events.putEvents',
    group: 'Amazon EventBridge',
    title: 'PutEvents',
    baseName: 'EventBridge PutEvents',
    keywords: 'event bus',
    state: {
      Type: 'Task',
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: {
        Entries: [{ Detail: { 'Message.$': '$' }, DetailType: 'MyDetailType', EventBusName: 'MyEventBusName', Source: 'MySource' }],
      },
    },
  },
  {
    id: 'sdk.s3.getObject',
    group: 'AWS SDK',
    title: 'S3 GetObject',
    baseName: 'S3 GetObject',
    keywords: 'aws-sdk s3 bucket object',
    state: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
      Parameters: { Bucket: 'MyBucket', Key: 'MyData' },
    },
  },
];

/** Looks up a palette item by id. */
export function paletteItem(id: string): PaletteItem | undefined {
  return PALETTE_ITEMS.find((i) => i.id === id);
}

/** Items matching a search string (title, group, keywords, Resource), case-insensitive. Pure. */
export function filterPalette(query: string): PaletteItem[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...PALETTE_ITEMS];
  return PALETTE_ITEMS.filter((i) =>
    [i.title, i.group, i.keywords ?? '', String(i.state.Resource ?? ''), i.baseName].join(' ').toLowerCase().includes(q),
  );
}

