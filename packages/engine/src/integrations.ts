/**
 * Task resources (AWS dg/integrate-services.html, dg/connect-to-resource.html): how a `Resource` ARN maps to history
 * events (`resource`/`resourceType` of Task* events, or LambdaFunction* or Activity* events) and the default response
 * shape used when neither a mock nor a handler answers.
 */
export type ResourceKind = 'service' | 'lambda-function' | 'activity';
export type IntegrationPattern = 'request' | 'sync' | 'token';

export interface ResourceInfo {
  arn: string;
  kind: ResourceKind;
  /** Task* events: the action with its pattern suffix, e.g. "invoke", "startExecution.sync:2". */
  resource: string;
  /** Task* events: the service, e.g. "lambda", "aws-sdk:dynamodb". */
  resourceType: string;
  /** Service and action without suffix, e.g. "lambda" / "invoke". */
  service: string;
  action: string;
  pattern: IntegrationPattern;
}

/** Parses a Task `Resource` (HISTORY-FORMAT.md section 2, "Resource naming"). */
export function parseResource(arn: string): ResourceInfo {
  const svc = /^arn:[^:]+:states:[^:]*:[^:]*:(.*)$/.exec(arn);
  if (svc && !/^activity:/.test(svc[1])) {
    const parts = svc[1].split(':');
    let resourceType: string, resource: string;
    if (parts[0] === 'aws-sdk') { resourceType = `aws-sdk:${parts[1] ?? ''}`; resource = parts.slice(2).join(':'); }
    else { resourceType = parts[0]; resource = parts.slice(1).join(':'); }
    let pattern: IntegrationPattern = 'request';
    let action = resource;
    if (/\.waitForTaskToken$/.test(resource)) { pattern = 'token'; action = resource.replace(/\.waitForTaskToken$/, ''); }
    else if (/\.sync(:\d+)?$/.test(resource)) { pattern = 'sync'; action = resource.replace(/\.sync(:\d+)?$/, ''); }
    return { arn, kind: 'service', resource, resourceType, service: resourceType, action, pattern };
  }
  if (svc) {
    return { arn, kind: 'activity', resource: arn, resourceType: 'activity', service: 'activity', action: 'activity', pattern: 'request' };
  }
  // arn:aws:lambda:region:account:function:name (bare Lambda ARN, legacy) or anything else invoked like a function
  return { arn, kind: 'lambda-function', resource: arn, resourceType: 'lambda', service: 'lambda', action: 'invoke', pattern: 'request' };
}

const requestId = (): string => globalThis.crypto.randomUUID();

function httpMetadata(): Record<string, unknown> {
  return { HttpHeaders: { 'Content-Type': 'application/json' }, HttpStatusCode: 200 };
}

/**
 * A plausible success response for an integration, used when no mock or handler answers (flagged `resultSource:
 * "default"` on the result event). Lambda echoes the payload, like an identity function.
 */
export function defaultResponse(info: ResourceInfo, args: unknown, ctx: { executionArn: string; now: number; region: string; account: string }): unknown {
  const a = (args ?? {}) as Record<string, any>;
  if (info.kind === 'lambda-function' || info.kind === 'activity') return args;
  const s = info.service, act = info.action;
  if (s === 'lambda' && act === 'invoke') {
    return {
      ExecutedVersion: '$LATEST',
      Payload: a.Payload ?? null,
      SdkHttpMetadata: httpMetadata(),
      SdkResponseMetadata: { RequestId: requestId() },
      StatusCode: 200,
    };
  }
  if (s === 'sqs' && act === 'sendMessage') {
    return { MD5OfMessageBody: '00000000000000000000000000000000', MessageId: requestId(), SdkHttpMetadata: httpMetadata(), SdkResponseMetadata: { RequestId: requestId() } };
  }
  if (s === 'sns' && act === 'publish') return { MessageId: requestId(), SdkHttpMetadata: httpMetadata(), SdkResponseMetadata: { RequestId: requestId() } };
  if (s === 'events' && act === 'putEvents') {
    const n = Array.isArray(a.Entries) ? a.Entries.length : 1;
    return { Entries: Array.from({ length: n }, () => ({ EventId: requestId() })), FailedEntryCount: 0 };
  }
  if (s === 'dynamodb') {
    if (act === 'getItem') return { Item: a.Key ?? {}, SdkHttpMetadata: httpMetadata(), SdkResponseMetadata: { RequestId: requestId() } };
    return { SdkHttpMetadata: httpMetadata(), SdkResponseMetadata: { RequestId: requestId() } };
  }
  if (s === 'states' && act.startsWith('startExecution')) {
    const name = typeof a.Name === 'string' ? a.Name : requestId();
    const smArn = typeof a.StateMachineArn === 'string' ? a.StateMachineArn : `arn:aws:states:${ctx.region}:${ctx.account}:stateMachine:Target`;
    const execArn = smArn.replace(':stateMachine:', ':execution:') + ':' + name;
    const start = new Date(ctx.now).toISOString();
    if (info.pattern === 'sync') {
      const input = a.Input === undefined ? {} : a.Input;
      return {
        ExecutionArn: execArn, Input: info.resource.endsWith(':2') ? input : JSON.stringify(input),
        InputDetails: { Included: true }, Name: name,
        Output: info.resource.endsWith(':2') ? {} : '{}', OutputDetails: { Included: true },
        StartDate: start, StateMachineArn: smArn, Status: 'SUCCEEDED', StopDate: start,
      };
    }
    return { ExecutionArn: execArn, StartDate: start, SdkHttpMetadata: httpMetadata(), SdkResponseMetadata: { RequestId: requestId() } };
  }
  if (s === 'http' && act === 'invoke') {
    return { Headers: {}, ResponseBody: {}, StatusCode: 200, StatusText: 'OK' };
  }
  return {};
}

/** The TaskSubmitted output for `.sync` / `.waitForTaskToken` tasks (the start call's response). */
export function submittedResponse(info: ResourceInfo, result: unknown): unknown {
  if (info.service === 'states' && info.action.startsWith('startExecution')) {
    const r = (result ?? {}) as Record<string, unknown>;
    return { ExecutionArn: r.ExecutionArn, SdkHttpMetadata: httpMetadata(), SdkResponseMetadata: { RequestId: requestId() }, StartDate: r.StartDate };
  }
  return { SdkHttpMetadata: httpMetadata(), SdkResponseMetadata: { RequestId: requestId() } };
}
