/**
 * Task resources (AWS dg/integrate-services.html, dg/connect-to-resource.html): how a `Resource` ARN maps to history
 * events (`resource`/`resourceType` of Task* events, or LambdaFunction* or Activity* events) and the default response
 * shape used when neither a mock nor a handler answers.
 */
import { md5 } from '@noble/hashes/legacy.js';
import { toJsonText } from './history.js';
import { hex, utf8Encode, utf8Length } from './io/bytes.js';

/** How a Task resource is invoked: an optimized/SDK service integration, a Lambda function ARN, or an activity. */
export type ResourceKind = 'service' | 'lambda-function' | 'activity';
/** Service integration pattern (AWS dg/connect-to-resource.html): request-response, `.sync`, `.waitForTaskToken`. */
export type IntegrationPattern = 'request' | 'sync' | 'token';

/** A parsed Task `Resource` ARN (HISTORY-FORMAT.md section 2). */
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

/**
 * The TaskSubmitted output for `.sync` / `.waitForTaskToken` tasks: the start call's response as AWS records it
 * (HISTORY-FORMAT.md section 2; AWS dg/connect-to-resource.html). `startExecution` answers
 * `{ExecutionArn, StartDate}`, SQS `sendMessage` `{MD5OfMessageBody, MessageId}` (the MD5 of the message body text),
 * each with the `SdkHttpMetadata` of its JSON (`application/x-amz-json-1.0`) HTTP response.
 */
export function submittedResponse(info: ResourceInfo, result: unknown, args: unknown, now: number): unknown {
  const a = (args ?? {}) as Record<string, unknown>;
  if (info.service === 'states' && info.action.startsWith('startExecution')) {
    // the started execution: from the job's result when there is one (a failed job has none), else from the request
    const r = (result ?? {}) as Record<string, unknown>;
    const smArn = typeof a.StateMachineArn === 'string' ? a.StateMachineArn : '';
    const name = typeof a.Name === 'string' ? a.Name : requestId();
    const ExecutionArn = r.ExecutionArn ?? `${smArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const StartDate = r.StartDate ?? new Date(now).toISOString();
    const startDate = typeof StartDate === 'string' && !Number.isNaN(Date.parse(StartDate)) ? Date.parse(StartDate) / 1000 : now / 1000;
    const body = JSON.stringify({ executionArn: ExecutionArn, startDate });
    return { ExecutionArn, SdkHttpMetadata: awsJsonHttpMetadata(body, now), SdkResponseMetadata: { RequestId: requestId() }, StartDate };
  }
  if (info.service === 'sqs' && info.action === 'sendMessage') {
    const text = typeof a.MessageBody === 'string' ? a.MessageBody : toJsonText(a.MessageBody ?? null);
    const digest = hex(md5(utf8Encode(text)));
    const MessageId = requestId();
    const body = JSON.stringify({ MD5OfMessageBody: digest, MessageId });
    return { MD5OfMessageBody: digest, MessageId, SdkHttpMetadata: awsJsonHttpMetadata(body, now), SdkResponseMetadata: { RequestId: requestId() } };
  }
  return { SdkHttpMetadata: httpMetadata(), SdkResponseMetadata: { RequestId: requestId() } };
}

/**
 * `SdkHttpMetadata` of an AWS JSON-protocol response with this body, as Step Functions reports it for an integration
 * call at time `now` (epoch ms): all headers as lists and the same headers as single values, `Content-Length` the
 * body's UTF-8 length.
 */
export function awsJsonHttpMetadata(body: string, now: number): Record<string, unknown> {
  const length = String(utf8Length(body));
  const id = requestId();
  const date = new Date(now).toUTCString();
  return {
    AllHttpHeaders: {
      'x-amzn-RequestId': [id], connection: ['keep-alive'], 'Content-Length': [length], Date: [date],
      'Content-Type': ['application/x-amz-json-1.0'],
    },
    HttpHeaders: {
      connection: 'keep-alive', 'Content-Length': length, 'Content-Type': 'application/x-amz-json-1.0', Date: date,
      'x-amzn-RequestId': id,
    },
    HttpStatusCode: 200,
  };
}

/**
 * Whether a `.sync`/`.waitForTaskToken` task's error says its start call failed: service integrations name the
 * errors of the service's API `<Service>.<Exception>` (AWS dg/concepts-error-handling.html, "Error names"; e.g.
 * `SQS.QueueDoesNotExistException`, `Lambda.ResourceNotFoundException`), while `States.*` errors (a timeout, a failed
 * child execution) and errors a callback sends come after the task was submitted.
 */
export function submitFailed(errorName: string): boolean {
  return !errorName.startsWith('States.') && /^[A-Za-z][A-Za-z0-9]*\.[A-Za-z][A-Za-z0-9]*$/.test(errorName);
}
