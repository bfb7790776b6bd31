/**
 * The execution driver (AWS API StartExecution / DescribeExecution / StopExecution / SendTask*): owns the clock,
 * cancellation, the top-level timeout and the terminal events; the pure per-state work lives in machine.ts/states.
 */
import { validateDefinition, type Diagnostic } from '@asl-studio/asl';
import { AslError } from './errors.js';
import { RealClock, SimulatedClock, type Clock } from './clock.js';
import { HistoryRecorder, JsonTooDeep, MAX_HISTORY_EVENTS, NOT_TRUNCATED, toJsonText } from './history.js';
import { compileMachine, runLane } from './machine.js';
import { Cancelled, CancelScope, LaneFailure, Runtime, type Lane } from './runtime.js';
import type { Execution, ExecutionOptions, ExecutionResult, HistoryEventType, RawMachine } from './types.js';
import { Vars } from './variables.js';

/** Thrown by {@link startExecution} and {@link testState} for a definition that does not validate. */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`Invalid state machine definition: ${diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`).join('; ')}`);
  }
}

/** AWS quota: an EXPRESS execution runs at most 5 minutes (AWS dg/express-limits.html). */
export const EXPRESS_MAX_MS = 5 * 60 * 1000;
/**
 * AWS quota: a STANDARD execution runs at most 1 year (AWS dg/limits.html: "If an execution runs for more than the
 * 1-year maximum, it will fail with a States.Timeout error"); 365 days here.
 */
export const STANDARD_MAX_MS = 365 * 24 * 60 * 60 * 1000;
/** Region, account and role ARN of every simulated execution (ARNs in the context object and history). */
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_ROLE_ARN = `arn:aws:iam::${DEFAULT_ACCOUNT}:role/StepFunctionsRole`;

/** The execution input's text for `ExecutionStarted`, even when it cannot be serialised (nested too deep). */
function inputTextOf(input: unknown): string {
  try {
    return toJsonText(input);
  } catch (e) {
    return e instanceof JsonTooDeep && e.text !== undefined ? e.text : 'null';
  }
}

/** Validates with `@asl-studio/asl` and throws {@link DefinitionError} on any error diagnostic. */
export function assertValid(definition: unknown): void {
  const diags = validateDefinition(definition).filter((d) => d.severity === 'error');
  if (diags.length) throw new DefinitionError(diags);
}

/**
 * Starts an execution of `definition` (AWS API Reference: StartExecution; semantics per the States Language spec).
 * Validates first: an invalid definition throws {@link DefinitionError}. The run is recorded as a GetExecutionHistory
 * event list (`result.history`, and live through `onEvent`). By default time is simulated: Wait, Retry back-off and
 * timeouts complete at once in virtual time.
 *
 * @example
 * const exec = startExecution(def, { input: { n: 1 }, taskHandlers: { Charge: async (i) => ({ ok: true }) } });
 * const { status, output, history } = await exec.result;
 */
export function startExecution(definition: RawMachine | object, options: ExecutionOptions = {}): Execution {
  assertValid(definition);
  return startUnchecked(definition as RawMachine, options);
}

/** {@link startExecution} without validation (for callers that validated already). */
export function startUnchecked(definition: RawMachine, options: ExecutionOptions = {}): Execution {
  let program;
  try {
    program = compileMachine(definition);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new DefinitionError([{ code: 'COMPILE_ERROR', severity: 'error', message: msg, range: { offset: 0, length: 0 }, line: 1, column: 1 }]);
  }
  const input = options.input === undefined ? {} : options.input;
  const name = options.name ?? globalThis.crypto.randomUUID();
  const smName = options.stateMachineName ?? 'StateMachine';
  const express = options.type === 'EXPRESS';
  const quotas = options.quotas !== 'off';
  const region = DEFAULT_REGION, account = DEFAULT_ACCOUNT;
  const startMs = options.startTime ? options.startTime.getTime() : Date.now();
  const clock: Clock = options.clock === 'real' ? new RealClock() : new SimulatedClock(startMs);
  const smArn = `arn:aws:states:${region}:${account}:stateMachine:${smName}`;
  const executionArn = express
    ? `arn:aws:states:${region}:${account}:express:${smName}:${name}:${globalThis.crypto.randomUUID()}`
    : `arn:aws:states:${region}:${account}:execution:${smName}:${name}`;
  const contextExecution: Record<string, unknown> = {
    Id: executionArn, Input: input, StartTime: new Date(clock.now()).toISOString(), Name: name, RoleArn: DEFAULT_ROLE_ARN,
  };
  if (!express) contextExecution.RedriveCount = 0;
  const rec = new HistoryRecorder(() => clock.now(), options.onEvent, quotas && !express ? MAX_HISTORY_EVENTS : Number.POSITIVE_INFINITY,
    options.history !== 'none');
  const root = new CancelScope();
  const mockCase = options.mockConfig && options.testCase !== undefined
    ? options.mockConfig.StateMachines?.[smName]?.TestCases?.[options.testCase]
    : undefined;
  const rt = new Runtime(rec, clock, root, quotas, contextExecution, { Id: smArn, Name: smName }, mockCase,
    options.mockConfig, options.taskHandlers, region, account);

  let settle!: (r: ExecutionResult) => void;
  const result = new Promise<ExecutionResult>((r) => { settle = r; });
  let done = false;
  const timers: { cancel(): void }[] = [];
  /** Records the terminal event and settles the result, once. */
  const finish = (r: Omit<ExecutionResult, 'history'>, type: HistoryEventType, prev: number, detailsKey: string, details: object): void => {
    if (done) return;
    // done before the event is recorded: an onEvent listener that reacts to it (e.g. by calling stop) finds the
    // execution finished instead of recording a second terminal event
    done = true;
    rt.closed = true;
    rec.add(type, prev, detailsKey, details);
    for (const t of timers) t.cancel();
    options.signal?.removeEventListener('abort', onAbort);
    root.cancel(new Cancelled(undefined));
    clock.dispose(new Cancelled(undefined));
    // history 'none' keeps no events in the result, also when an onEvent listener made the recorder build them
    settle({ ...r, history: options.history === 'none' ? [] : rec.events, ...(rec.truncated ? { historyTruncated: true } : {}) });
  };
  const lastId = (): number => rec.count;
  const terminate = (status: 'TIMED_OUT' | 'ABORTED', error?: string, cause?: string): void => {
    if (done) return;
    const d: Record<string, unknown> = {};
    if (error !== undefined) d.error = error;
    if (cause !== undefined) d.cause = cause;
    finish({ status, ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) },
      status === 'TIMED_OUT' ? 'ExecutionTimedOut' : 'ExecutionAborted', lastId(),
      status === 'TIMED_OUT' ? 'executionTimedOutEventDetails' : 'executionAbortedEventDetails', d);
  };
  const onAbort = (): void => {
    const reason = options.signal?.reason;
    terminate('ABORTED', undefined, reason instanceof Error ? undefined : typeof reason === 'string' ? reason : undefined);
  };

  const run = async (): Promise<void> => {
    let inputText: string;
    try {
      inputText = rt.payload(input, () => 'The execution input exceeds the maximum number of bytes service limit.');
    } catch (e) {
      const err = e as AslError;
      rec.add('ExecutionStarted', 0, 'executionStartedEventDetails', { input: inputTextOf(input), inputDetails: NOT_TRUNCATED, roleArn: DEFAULT_ROLE_ARN });
      finish({ status: 'FAILED', error: err.name, cause: err.causeText }, 'ExecutionFailed', 1, 'executionFailedEventDetails', { error: err.name, cause: err.causeText });
      return;
    }
    rec.add('ExecutionStarted', 0, 'executionStartedEventDetails', { input: inputText, inputDetails: NOT_TRUNCATED, roleArn: DEFAULT_ROLE_ARN });
    if (done) return; // stopped by an onEvent listener
    const limitS = typeof definition.TimeoutSeconds === 'number' ? definition.TimeoutSeconds : undefined;
    if (limitS !== undefined) {
      const t = clock.sleep(limitS * 1000);
      timers.push(t);
      t.promise.then(() => terminate('TIMED_OUT', 'States.Timeout', `The execution timed out after ${limitS} seconds.`), () => {});
    }
    if (!express && quotas) {
      // passive: only virtual-time jumps (Wait, Retry back-off, timeouts) can reach it; it never arms a real timer
      clock.setDeadline?.(startMs + STANDARD_MAX_MS, () => terminate('TIMED_OUT', 'States.Timeout', 'The execution exceeded its 1-year maximum duration.'));
    }
    if (express) {
      const cause = 'The Express execution exceeded its 5-minute maximum duration.';
      const t = clock.sleep(EXPRESS_MAX_MS);
      timers.push(t);
      t.promise.then(() => terminate('TIMED_OUT', 'States.Timeout', cause), () => {});
      // States that take no virtual time (a Pass/Choice loop) still take real time, on AWS as here: the limit holds
      // in real time too. The run loop yields to the event loop every few thousand transitions, so this timer fires.
      // Unreferenced: it must not keep a Node process alive (nor delay the CLI's stall detection).
      if (quotas) {
        const h = setTimeout(() => terminate('TIMED_OUT', 'States.Timeout', cause), EXPRESS_MAX_MS) as unknown as { unref?: () => void };
        h.unref?.();
        timers.push({ cancel: () => clearTimeout(h as unknown as ReturnType<typeof setTimeout>) });
      }
    }
    // The first state's Entered event has previousEventId 0 (HISTORY-FORMAT.md section 3).
    const lane: Lane = { prev: 0, vars: new Vars(), cancel: root };
    try {
      const output = await runLane(rt, lane, program, input);
      if (done) return;
      let outText: string;
      try {
        outText = rt.payload(output, () => 'The execution output exceeds the maximum number of bytes service limit.');
      } catch (e) {
        const err = e as AslError;
        finish({ status: 'FAILED', error: err.name, cause: err.causeText }, 'ExecutionFailed', lane.prev, 'executionFailedEventDetails', { error: err.name, cause: err.causeText });
        return;
      }
      finish({ status: 'SUCCEEDED', output }, 'ExecutionSucceeded', lane.prev, 'executionSucceededEventDetails', { output: outText, outputDetails: NOT_TRUNCATED });
    } catch (e) {
      if (done) return;
      if (e instanceof Cancelled) return;
      const f = e instanceof LaneFailure ? e
        : e instanceof AslError ? new LaneFailure(e.name, e.causeText, true)
        : new LaneFailure('States.Runtime', e instanceof Error ? e.message : String(e), true);
      const d: Record<string, unknown> = {};
      if (f.error !== undefined) d.error = f.error;
      if (f.cause !== undefined) d.cause = f.cause;
      finish({ status: 'FAILED', ...(f.error !== undefined ? { error: f.error } : {}), ...(f.cause !== undefined ? { cause: f.cause } : {}) },
        'ExecutionFailed', lane.prev, 'executionFailedEventDetails', d);
    }
  };

  if (options.signal?.aborted) {
    queueMicrotask(() => {
      rec.add('ExecutionStarted', 0, 'executionStartedEventDetails', { input: inputTextOf(input), inputDetails: NOT_TRUNCATED, roleArn: DEFAULT_ROLE_ARN });
      terminate('ABORTED');
    });
  } else {
    options.signal?.addEventListener('abort', onAbort);
    // run() handles its own failures; this is the last line of defence: nothing may escape as an unhandled rejection
    run().catch((e: unknown) => {
      if (done) return;
      const cause = e instanceof Error ? e.message : String(e);
      finish({ status: 'FAILED', error: 'States.Runtime', cause }, 'ExecutionFailed', rec.count, 'executionFailedEventDetails', { error: 'States.Runtime', cause });
    });
  }

  const callback = (token: string) => {
    const cb = rt.callbacks.get(token);
    if (!cb) {
      const e = new Error(`Task token '${token}' does not exist or is no longer pending.`);
      e.name = 'TaskDoesNotExist';
      throw e;
    }
    return cb;
  };
  return {
    result,
    executionArn,
    stop: (error?: string, cause?: string) => terminate('ABORTED', error, cause),
    sendTaskSuccess: (token, output) => callback(token).resolve(output),
    sendTaskFailure: (token, error, cause) => callback(token).reject(new AslError(error ?? 'States.TaskFailed', cause)),
    sendTaskHeartbeat: (token) => callback(token).heartbeat(),
    pendingTaskTokens: () => [...rt.callbacks.keys()],
  };
}
