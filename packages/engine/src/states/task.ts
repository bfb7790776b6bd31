/**
 * Task state (spec "Task State"; AWS dg/state-task.html, dg/connect-to-resource.html): runs one unit of work.
 *
 * The result comes, in order, from the Step Functions Local mock config (invocations counted per state name across
 * the execution, retries included), the task handler for the state name, a pending `.waitForTaskToken` callback, or a
 * default response of the integration's shape. History: `TaskScheduled`/`TaskStarted`/[`TaskSubmitted`]/
 * `TaskSucceeded|TaskFailed|TaskTimedOut` for service integrations, `LambdaFunction*` for a bare Lambda ARN,
 * `Activity*` for activities (HISTORY-FORMAT.md section 2).
 */
import { AslError } from '../errors.js';
import { NOT_TRUNCATED, toJsonText } from '../history.js';
import { defaultResponse, parseResource, submitFailed, submittedResponse, type ResourceInfo } from '../integrations.js';
import { MAX_PAYLOAD_BYTES, utf8Length } from '../runtime.js';
import {
  evalCtx, finishWithResult, jsonPathEffectiveInput, type CompiledState, type Outcome, type StateRun,
} from '../skeleton.js';
import type { MockedResponse, QueryLanguage, RawState } from '../types.js';
import { numberField } from './shared.js';

/** Whether a numeric Task field is given (literal, `<field>Path` or JSONata), as {@link numberField} reads it. */
function hasNumberField(raw: RawState, ql: QueryLanguage, field: string): boolean {
  const v = raw[field];
  return (ql === 'JSONata' && typeof v === 'string') || typeof v === 'number' || typeof raw[`${field}Path`] === 'string';
}

const RESOLVED = Promise.resolve();

interface Answer { result?: unknown; error?: AslError; source: 'mock-config' | 'handler' | 'callback' | 'default' }

/**
 * Compiles a Task state (spec "Task State"; AWS dg/state-task.html): the attempt is served by the mock config, a
 * handler, a `.waitForTaskToken` callback or a default response; `TimeoutSeconds` / `HeartbeatSeconds` (seconds) end
 * it with `States.Timeout` (a missed heartbeat too, which Catch/Retry `States.HeartbeatTimeout` also match).
 */
export function compileTask(raw: RawState, ql: QueryLanguage, _name: string): CompiledState['run'] {
  const info: ResourceInfo = parseResource(String(raw.Resource ?? ''));
  // an absent field costs nothing per attempt (no promise to await)
  const timeout = hasNumberField(raw, ql, 'TimeoutSeconds') ? numberField(raw, ql, 'TimeoutSeconds', 'integer', 1) : undefined;
  const heartbeat = hasNumberField(raw, ql, 'HeartbeatSeconds') ? numberField(raw, ql, 'HeartbeatSeconds', 'integer', 1) : undefined;
  const inputTooLarge = (): string => `The state/task '${info.arn}' has an input with a size exceeding the maximum number of bytes service limit.`;
  // The common attempt (JSONPath, no TimeoutSeconds/HeartbeatSeconds) starts synchronously and awaits in a small async
  // function whose awaits come first: V8's baseline code finds where an async function suspends and resumes by scanning
  // its code from the start, at every await.
  if (ql !== 'JSONata' && timeout === undefined && heartbeat === undefined) {
    return (x) => {
      const call: Call = { release: undefined, timer: undefined };
      let pending: Promise<Answer>;
      try {
        x.taskToken = info.pattern === 'token' ? globalThis.crypto.randomUUID() : undefined;
        const effective = jsonPathEffectiveInput(x, false);
        const args = x.cs.io.parameters ? x.cs.io.parameters.evaluate(evalCtx(x, effective)) : effective;
        if (x.inspect) x.inspect.afterParameters = args;
        pending = start(x, info, args, undefined, undefined, inputTooLarge, call);
      } catch (e) {
        return Promise.reject(e); // as an async body would: the failure is seen one microtask later
      }
      return complete(x, info, pending, call);
    };
  }
  return async (x) => {
    x.taskToken = info.pattern === 'token' ? globalThis.crypto.randomUUID() : undefined;
    let args: unknown;
    let effective: unknown;
    if (ql === 'JSONata') {
      effective = x.input;
      args = x.cs.io.arguments ? await x.cs.io.arguments.evaluate(evalCtx(x, x.input)) : x.input;
      if (x.inspect) x.inspect.afterArguments = args;
    } else {
      effective = jsonPathEffectiveInput(x, false);
      args = x.cs.io.parameters ? x.cs.io.parameters.evaluate(evalCtx(x, effective)) : effective;
      if (x.inspect) x.inspect.afterParameters = args;
    }
    const timeoutS = timeout === undefined ? undefined : await timeout(x, effective);
    const heartbeatS = heartbeat === undefined ? undefined : await heartbeat(x, effective);
    const call: Call = { release: undefined, timer: undefined };
    const pending = start(x, info, args, timeoutS, heartbeatS, inputTooLarge, call);
    // the same steps as complete(), inline: awaiting another async function here would add microtasks
    let answer: Answer;
    try {
      answer = await x.lane.cancel.wait(pending);
      call.timer?.cancel();
    } finally {
      call.release?.();
    }
    const output = await finishWithResult(x, settle(x, info, answer, call));
    return { output, next: x.cs.next };
  };
}

/** The rest of an attempt once the call started: awaits the answer, records it, then the output half. */
async function complete(x: StateRun, info: ResourceInfo, pending: Promise<Answer>, call: Call): Promise<Outcome> {
  let answer: Answer;
  try {
    answer = await x.lane.cancel.wait(pending);
    call.timer?.cancel();
  } finally {
    // a handler or callback given up on (TimeoutSeconds, a stopped lane) must not hold virtual time any longer
    call.release?.();
  }
  const output = await finishWithResult(x, settle(x, info, answer, call));
  return { output, next: x.cs.next };
}

/** What one attempt leaves to clean up: the handler's or callback's hold on virtual time, the TimeoutSeconds timer. */
interface Call { release: (() => void) | undefined; timer: { cancel(): void } | undefined; args?: unknown }

/**
 * The synchronous start of an attempt: `…Scheduled`/`…Started` events, then the call; returns the answer, raced
 * against TimeoutSeconds on the execution clock.
 */
function start(x: StateRun, info: ResourceInfo, args: unknown, timeoutS: number | undefined, heartbeatS: number | undefined,
  inputTooLarge: () => string, call: Call): Promise<Answer> {
  const { rt, lane } = x;
  const argsText = rt.payload(args, inputTooLarge);
  // the details only when the events are kept
  if (!rt.rec.keep) {
    if (info.kind === 'lambda-function') {
      rt.emit(lane, 'LambdaFunctionScheduled');
      rt.emit(lane, 'LambdaFunctionStarted');
    } else if (info.kind === 'activity') {
      rt.emit(lane, 'ActivityScheduled');
      rt.emit(lane, 'ActivityStarted');
    } else {
      rt.emit(lane, 'TaskScheduled');
      rt.emit(lane, 'TaskStarted');
    }
  } else if (info.kind === 'lambda-function') {
    const d: Record<string, unknown> = { input: argsText, inputDetails: NOT_TRUNCATED, resource: info.arn };
    if (timeoutS !== undefined) d.timeoutInSeconds = timeoutS;
    rt.emit(lane, 'LambdaFunctionScheduled', 'lambdaFunctionScheduledEventDetails', d);
    rt.emit(lane, 'LambdaFunctionStarted');
  } else if (info.kind === 'activity') {
    const d: Record<string, unknown> = { input: argsText, inputDetails: NOT_TRUNCATED, resource: info.arn };
    if (timeoutS !== undefined) d.timeoutInSeconds = timeoutS;
    if (heartbeatS !== undefined) d.heartbeatInSeconds = heartbeatS;
    rt.emit(lane, 'ActivityScheduled', 'activityScheduledEventDetails', d);
    rt.emit(lane, 'ActivityStarted', 'activityStartedEventDetails', { workerName: 'asl-studio' });
  } else {
    const d: Record<string, unknown> = { resource: info.resource, resourceType: info.resourceType, region: rt.region, parameters: argsText };
    if (timeoutS !== undefined) d.timeoutInSeconds = timeoutS;
    if (heartbeatS !== undefined) d.heartbeatInSeconds = heartbeatS;
    rt.emit(lane, 'TaskScheduled', 'taskScheduledEventDetails', d);
    rt.emit(lane, 'TaskStarted', 'taskStartedEventDetails', { resource: info.resource, resourceType: info.resourceType });
  }
  lane.current = 'Task';
  if (info.pattern !== 'request') call.args = args; // the TaskSubmitted output echoes parts of the request
  const release: Release = {};
  const pending = invoke(x, info, args, heartbeatS, release);
  call.release = release.fn;
  if (timeoutS === undefined) return pending;
  const t = rt.clock.sleep(timeoutS * 1000);
  call.timer = t;
  return Promise.race([
    pending,
    t.promise.then((): Answer => ({ error: new AslError('States.Timeout'), source: 'default' })),
  ]);
}

/** The synchronous end of an attempt: the result's events; throws the attempt's error (its failure event recorded). */
function settle(x: StateRun, info: ResourceInfo, a: Answer, call: Call): unknown {
  const { rt, lane } = x;
  let answer = a;
  if (answer.error?.name === 'States.HeartbeatTimeout') {
    // a mock or handler reporting a missed heartbeat: AWS records it as States.Timeout (see errorMatches)
    const e = new AslError('States.Timeout', answer.error.causeText);
    (e as any).heartbeat = true;
    answer = { error: e, source: answer.source };
  }
  // A `.sync`/`.waitForTaskToken` task records TaskSubmitted once its start call succeeded: before its result, and
  // before a failure of the job or callback (a child execution failing, SendTaskFailure, a timeout); not when the
  // start call itself failed (a `<Service>.<Exception>` error from a mock or handler).
  if ((info.pattern === 'sync' || info.pattern === 'token') && info.kind === 'service'
    && (!answer.error || answer.source === 'callback' || !submitFailed(answer.error.name))) {
    if (!rt.rec.keep) rt.emit(lane, 'TaskSubmitted');
    else rt.emit(lane, 'TaskSubmitted', 'taskSubmittedEventDetails', { output: toJsonText(submittedResponse(info, answer.result, call.args, rt.clock.now())), outputDetails: NOT_TRUNCATED, resource: info.resource, resourceType: info.resourceType });
  }
  let resultText: string | undefined;
  if (!answer.error) {
    resultText = rt.quotas || rt.rec.keep ? toJsonText(answer.result) : '';
    if (rt.quotas && utf8Length(resultText) > MAX_PAYLOAD_BYTES) {
      answer = { error: new AslError('States.DataLimitExceeded', `The state/task '${info.arn}' returned a result with a size exceeding the maximum number of bytes service limit.`), source: answer.source };
    }
  }
  if (answer.error) {
    recordFailure(x, info, answer);
    throw answer.error;
  }
  if (!rt.rec.keep) {
    rt.emit(lane, info.kind === 'lambda-function' ? 'LambdaFunctionSucceeded' : info.kind === 'activity' ? 'ActivitySucceeded' : 'TaskSucceeded');
  } else if (info.kind === 'lambda-function') {
    tag(rt.emit(lane, 'LambdaFunctionSucceeded', 'lambdaFunctionSucceededEventDetails', { output: resultText, outputDetails: NOT_TRUNCATED }), x, answer);
  } else if (info.kind === 'activity') {
    tag(rt.emit(lane, 'ActivitySucceeded', 'activitySucceededEventDetails', { output: resultText, outputDetails: NOT_TRUNCATED }), x, answer);
  } else {
    tag(rt.emit(lane, 'TaskSucceeded', 'taskSucceededEventDetails', { resource: info.resource, resourceType: info.resourceType, output: resultText, outputDetails: NOT_TRUNCATED }), x, answer);
  }
  return answer.result;
}

/** Marks the result event with where the answer came from (`resultSource`, not an AWS field; outside the details). */
function tag(id: number, x: StateRun, a: Answer): void {
  const e = x.rt.rec.keep ? x.rt.rec.events[id - 1] : undefined;
  if (e && e.id === id) e.resultSource = a.source;
}

function recordFailure(x: StateRun, info: ResourceInfo, a: Answer): void {
  const { rt, lane } = x;
  const err = a.error!;
  (err as any).fromTask = true;
  (err as any).prefixed = true;
  const timedOut = err.name === 'States.Timeout' || err.name === 'States.HeartbeatTimeout';
  if (!rt.rec.keep) {
    if (info.kind === 'lambda-function') rt.emit(lane, timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed');
    else if (info.kind === 'activity') rt.emit(lane, timedOut ? 'ActivityTimedOut' : 'ActivityFailed');
    else rt.emit(lane, timedOut ? 'TaskTimedOut' : 'TaskFailed');
    return;
  }
  const d: Record<string, unknown> = {};
  if (info.kind === 'service') { d.resource = info.resource; d.resourceType = info.resourceType; }
  d.error = err.name;
  if (err.causeText !== undefined) d.cause = err.causeText;
  let id: number;
  if (info.kind === 'lambda-function') {
    id = timedOut ? rt.emit(lane, 'LambdaFunctionTimedOut', 'lambdaFunctionTimedOutEventDetails', d)
      : rt.emit(lane, 'LambdaFunctionFailed', 'lambdaFunctionFailedEventDetails', d);
  } else if (info.kind === 'activity') {
    id = timedOut ? rt.emit(lane, 'ActivityTimedOut', 'activityTimedOutEventDetails', d)
      : rt.emit(lane, 'ActivityFailed', 'activityFailedEventDetails', d);
  } else {
    id = timedOut ? rt.emit(lane, 'TaskTimedOut', 'taskTimedOutEventDetails', d)
      : rt.emit(lane, 'TaskFailed', 'taskFailedEventDetails', d);
  }
  tag(id, x, a);
}

/** Picks the mocked response for an invocation index: key "n" or inclusive range "a-b". */
export function pickMockResponse(responses: Record<string, MockedResponse>, n: number): MockedResponse | undefined {
  if (n.toString() in responses) return responses[n.toString()];
  for (const [k, v] of Object.entries(responses)) {
    const m = /^(\d+)-(\d+)$/.exec(k.trim());
    if (m && n >= Number(m[1]) && n <= Number(m[2])) return v;
  }
  return undefined;
}

/** Converts what a handler threw into an ASL error: Error name → error, message → cause. */
export function handlerError(e: unknown): AslError {
  if (e instanceof AslError) return e;
  if (e instanceof Error) return new AslError(typeof e.name === 'string' && e.name ? e.name : 'Error', String(e.message));
  if (typeof e === 'string') return new AslError('States.TaskFailed', e);
  let cause: string;
  try { cause = toJsonText(e); } catch { cause = Object.prototype.toString.call(e); } // a BigInt, a circular object…
  return new AslError('States.TaskFailed', cause);
}

/** Ends the wait for a handler or callback that is still in flight when the Task stops waiting for it. */
interface Release { fn?: () => void }

/**
 * The answer for one attempt, as a promise that settles one microtask after the handler's own promise (or at once):
 * not an async function, so an attempt costs no generator and no extra await.
 */
function invoke(x: StateRun, info: ResourceInfo, args: unknown, heartbeatS: number | undefined, release: Release): Promise<Answer> {
  const { rt, cs } = x;
  const n = rt.invocations.get(cs.name) ?? 0;
  rt.invocations.set(cs.name, n + 1);
  const mockName = rt.mockCase?.[cs.name];
  if (mockName !== undefined) {
    const responses = rt.mockConfig?.MockedResponses?.[mockName];
    const r = responses ? pickMockResponse(responses, n) : undefined;
    if (!r) {
      const e = new AslError('States.Runtime', `No mocked response '${mockName}' for invocation #${n} of state '${cs.name}'.`);
      return Promise.resolve({ error: e, source: 'mock-config' });
    }
    if ('Throw' in r) return Promise.resolve({ error: new AslError(r.Throw.Error, r.Throw.Cause), source: 'mock-config' });
    return Promise.resolve({ result: r.Return, source: 'mock-config' });
  }
  const handler = rt.taskHandlers?.[cs.name];
  if (handler) {
    const end = rt.clock.beginExternal();
    release.fn = end;
    const ctx = { stateName: cs.name, resource: info.arn, taskToken: x.taskToken };
    return new Promise<Answer>((resolve) => {
      // The handler runs in a microtask of its own, not on the engine's stack: an Error it creates captures a stack
      // trace of its own frames only (walking the engine's frames cost ~25 µs per Error; retry-heavy runs create
      // thousands). Its answer arrives as before, one microtask after its promise settles.
      RESOLVED.then(() => {
        let r: unknown;
        try {
          r = handler(args, ctx);
        } catch (e) {
          end();
          resolve({ error: handlerError(e), source: 'handler' });
          return;
        }
        Promise.resolve(r).then(
          (result) => { end(); resolve({ result: result === undefined ? null : result, source: 'handler' }); },
          (e: unknown) => { end(); resolve({ error: handlerError(e), source: 'handler' }); },
        );
      });
    });
  }
  if (info.pattern === 'token' && x.taskToken !== undefined) {
    return awaitCallback(x, x.taskToken, heartbeatS, release);
  }
  return Promise.resolve({
    result: defaultResponse(info, args, { executionArn: String(rt.contextExecution.Id), now: rt.clock.now(), region: rt.region, account: rt.account }),
    source: 'default',
  });
}

/** Waits for SendTaskSuccess/Failure (AWS dg/connect-to-resource.html#connect-wait-token); heartbeats reset HeartbeatSeconds. */
function awaitCallback(x: StateRun, token: string, heartbeatS: number | undefined, release: Release): Promise<Answer> {
  const { rt } = x;
  return new Promise<Answer>((resolve) => {
    const end = rt.clock.beginExternal();
    let hb: { cancel(): void } | undefined;
    const arm = () => {
      hb?.cancel();
      if (heartbeatS === undefined) return;
      const t = rt.clock.sleep(heartbeatS * 1000);
      hb = t;
      t.promise.then(() => {
        // recorded as States.Timeout; Catch/Retry `States.HeartbeatTimeout` match it too (errorMatches)
        const e = new AslError('States.Timeout');
        (e as any).heartbeat = true;
        finish({ error: e, source: 'callback' });
      }, () => {});
    };
    const finish = (a: Answer) => {
      if (!rt.callbacks.has(token)) return;
      rt.callbacks.delete(token);
      hb?.cancel();
      end();
      resolve(a);
    };
    rt.callbacks.set(token, {
      resolve: (output) => finish({ result: output, source: 'callback' }),
      reject: (err) => finish({ error: err, source: 'callback' }),
      heartbeat: arm,
    });
    release.fn = () => finish({ error: new AslError('States.Timeout'), source: 'callback' });
    arm();
  });
}
