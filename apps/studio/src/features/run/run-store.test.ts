/**
 * The run store with fake workers: the history worker is the real RunHost in-process, the execution worker runs the
 * engine in-process and speaks the port protocol. Events stream in under flow control and reach the page as updates;
 * a worker that ignores Stop is terminated after ABORT_GRACE_MS and the run is Aborted; a crashing worker gives a
 * Failed execution with its message; without workers the run fails instead of throwing; recorded histories replay;
 * the request's type (Standard / Express) reaches the engine and the execution ARN comes back.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startExecution } from '@asl-studio/engine';
import type { HistoryEvent } from './fold-history';
import { CallbackTracker, answerCallback } from './callbacks';
import { executionOptions } from './execution-options';
import { RunHost } from './run-host';
import type { EngineToHost, EngineToPage, FromHost, HostToEngine, RunRequest, ToEngine, ToHost, VisitReply } from './worker-protocol';

type Mode = 'engine' | 'deaf' | 'crash';
let mode: Mode = 'engine';
const engines: FakeEngine[] = [];

/** Delivers a message asynchronously, as postMessage does. */
const later = (f: () => void) => setTimeout(f, 0);

/** The history worker: the real host, in-process. */
class FakeHost {
  onmessage: ((m: MessageEvent<FromHost>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  private host = new RunHost((msg) => later(() => this.onmessage?.({ data: msg } as MessageEvent<FromHost>)));
  postMessage(msg: ToHost) {
    later(() => this.host.handle(msg));
  }
  terminate() {}
}

/**
 * The execution worker: runs the engine in-process and posts events over the run's port (acks honoured loosely),
 * tracks pending task tokens and answers SendTask* messages as execution.worker.ts does.
 */
class FakeEngine {
  onmessage: ((m: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  acked = 0;
  /** Ignores SendTask* messages (an engine that never yields). */
  mute = false;
  private controller = new AbortController();
  private port: MessagePort | undefined;
  private exec: ReturnType<typeof startExecution> | undefined;
  private tracker = new CallbackTracker();
  private runId = 0;
  private checkTokens() {
    const p = this.exec ? this.tracker.reconcile(this.exec.pendingTaskTokens()) : undefined;
    if (p) this.emit({ type: 'callbacks', runId: this.runId, pending: p });
  }
  constructor() {
    engines.push(this);
  }
  private emit(msg: EngineToHost) {
    if (!this.terminated) this.port?.postMessage(msg);
  }
  postMessage(msg: ToEngine) {
    if (msg.type === 'abort' && mode === 'engine') this.controller.abort();
    if (msg.type === 'sendTaskSuccess' || msg.type === 'sendTaskFailure' || msg.type === 'sendTaskHeartbeat') {
      if (this.mute) return;
      const outcome = answerCallback(msg.runId === this.runId ? this.exec : undefined, msg);
      this.checkTokens();
      const reply: EngineToPage = { type: 'callbackResult', runId: msg.runId, cid: msg.cid, outcome };
      later(() => this.onmessage?.({ data: reply } as MessageEvent));
      return;
    }
    if (msg.type !== 'start') return;
    this.runId = msg.runId;
    this.port = msg.port;
    this.port.onmessage = (m: MessageEvent<HostToEngine>) => {
      if (m.data.type === 'ack') this.acked += m.data.count;
    };
    if (mode === 'crash') {
      later(() => this.onerror?.({ message: 'Uncaught RangeError: boom', preventDefault() {} } as ErrorEvent));
      return;
    }
    if (mode === 'deaf') {
      // Sends a few events, then never answers again (an engine that never yields).
      this.emit({
        type: 'events',
        runId: msg.runId,
        events: [
          { id: 1, previousEventId: 0, timestamp: new Date().toISOString(), type: 'ExecutionStarted', executionStartedEventDetails: { input: '{}' } },
          { id: 2, previousEventId: 0, timestamp: new Date().toISOString(), type: 'PassStateEntered', stateEnteredEventDetails: { name: 'Spin', input: '{}' } },
        ],
      });
      return;
    }
    void this.run(msg.runId, msg.request);
  }
  private async run(runId: number, req: RunRequest) {
    let batch: HistoryEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      if (batch.length) this.emit({ type: 'events', runId, events: batch });
      batch = [];
    };
    const exec = startExecution(req.definition as never, executionOptions(req, {
      signal: this.controller.signal,
      onEvent: (e) => {
        this.tracker.observe(e as HistoryEvent);
        queueMicrotask(() => this.checkTokens());
        batch.push(e as HistoryEvent);
        if (batch.length >= 200) flush();
        else timer ??= setTimeout(flush, 10);
      },
    }));
    this.exec = exec;
    const started: EngineToPage = { type: 'started', runId, executionArn: exec.executionArn };
    later(() => this.onmessage?.({ data: started } as MessageEvent));
    const r = await exec.result;
    this.exec = undefined;
    if (timer) clearTimeout(timer);
    flush();
    this.emit({ type: 'done', runId, status: r.status, error: r.error, cause: r.cause, output: r.output === undefined ? undefined : JSON.stringify(r.output) });
  }
  terminate() {
    this.terminated = true;
  }
}

class FakeWorker {
  constructor(url: URL | string) {
    return String(url).includes('history.worker') ? new FakeHost() : new FakeEngine();
  }
}

async function until(check: () => boolean, ms = 5000) {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('run store', () => {
  beforeEach(() => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.resetModules();
    engines.length = 0;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const mapDef = {
    StartAt: 'Each',
    States: {
      Each: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true },
    },
  };

  it('streams a 1,000-item Map into the view and the events table; the history worker acknowledges every event', async () => {
    mode = 'engine';
    const { startRun, useRunStore, queryRun } = await import('./run-store');
    startRun({ definition: mapDef, input: { items: Array.from({ length: 1000 }, (_, i) => i) }, clock: 'simulated', quotas: 'off' });
    expect(useRunStore.getState().status).toBe('RUNNING');
    await until(() => useRunStore.getState().status !== 'RUNNING');
    const s = useRunStore.getState();
    expect(s.status).toBe('SUCCEEDED');
    expect(s.rows.length).toBe(4006); // started, Map entered/started, 1000 × 4, Map succeeded/exited, succeeded
    expect(s.view.visits.P.count).toBe(1000);
    expect(s.view.stateStatus).toEqual({ Each: 'succeeded', P: 'succeeded' });
    expect(s.rows.type(s.rows.length - 1)).toBe('ExecutionSucceeded');
    await until(() => engines[0].acked === 4006);
    // A visit's data is asked from the history worker.
    const reply = (await queryRun({ kind: 'visit', name: 'P', iteration: 500 })) as VisitReply;
    expect(reply.visit.input).toBe('500');
    expect(reply.count).toBe(1000);
  });

  it('runs the requested type: Express, then Standard (the ARN the engine made, $$.Execution.RedriveCount)', async () => {
    mode = 'engine';
    const { startRun, useRunStore } = await import('./run-store');
    const def = { StartAt: 'Ctx', States: { Ctx: { Type: 'Pass', Parameters: { 'ctx.$': '$$.Execution' }, End: true } } };
    for (const type of ['EXPRESS', 'STANDARD'] as const) {
      startRun({ definition: def, input: {}, name: `as-${type}`, stateMachineName: 'Orders', type, clock: 'simulated', quotas: 'aws' });
      expect(useRunStore.getState().request?.type).toBe(type);
      expect(useRunStore.getState().executionArn).toBeUndefined(); // the previous run's ARN is gone
      await until(() => useRunStore.getState().status !== 'RUNNING' && useRunStore.getState().executionArn !== undefined);
      const s = useRunStore.getState();
      expect(s.status).toBe('SUCCEEDED');
      const ctx = JSON.parse(s.view.output!).ctx as Record<string, unknown>;
      expect(ctx.Id).toBe(s.executionArn);
      if (type === 'EXPRESS') {
        expect(s.executionArn).toMatch(/:express:Orders:as-EXPRESS:[0-9a-f-]{36}$/);
        expect(ctx).not.toHaveProperty('RedriveCount');
      } else {
        expect(s.executionArn).toMatch(/:execution:Orders:as-STANDARD$/);
        expect(ctx.RedriveCount).toBe(0);
      }
    }
  });

  it('Stop aborts through the signal (ExecutionAborted from the engine)', async () => {
    mode = 'engine';
    const { startRun, stopRun, useRunStore } = await import('./run-store');
    startRun({ definition: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } }, input: {}, clock: 'real', quotas: 'off' });
    await until(() => useRunStore.getState().rows.length >= 2);
    stopRun();
    await until(() => useRunStore.getState().status !== 'RUNNING');
    const s = useRunStore.getState();
    expect(s.status).toBe('ABORTED');
    const last = s.rows.length - 1;
    expect(s.rows.type(last)).toBe('ExecutionAborted');
    expect(s.rows.flags(last)).toBe(0); // the engine's event, not a synthetic one
    expect(engines[0].terminated).toBe(false);
  });

  it('terminates a worker that does not answer Stop within the grace period and marks the run Aborted', async () => {
    mode = 'deaf';
    const { startRun, stopRun, useRunStore, ABORT_GRACE_MS } = await import('./run-store');
    startRun({ definition: mapDef, input: {}, clock: 'simulated', quotas: 'off' });
    await until(() => useRunStore.getState().rows.length === 2);
    const t0 = Date.now();
    stopRun();
    await until(() => useRunStore.getState().status !== 'RUNNING', 3000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(ABORT_GRACE_MS - 20);
    const s = useRunStore.getState();
    expect(s.status).toBe('ABORTED');
    expect(engines[0].terminated).toBe(true);
    expect(s.rows.id(2)).toBe(3);
    expect(s.rows.type(2)).toBe('ExecutionAborted');
    expect(s.rows.flags(2) & 2).toBe(2); // synthetic
    expect(s.view.stateStatus.Spin).toBe('failed');
  });

  it('a crashing worker gives a Failed execution with its message', async () => {
    mode = 'crash';
    const { startRun, useRunStore } = await import('./run-store');
    startRun({ definition: mapDef, input: {}, clock: 'simulated', quotas: 'off' });
    await until(() => useRunStore.getState().status !== 'RUNNING');
    const s = useRunStore.getState();
    expect(s.status).toBe('FAILED');
    expect(s.view.error).toBe('WorkerError');
    expect(s.view.cause).toContain('boom');
  });

  it('without Worker support the run fails instead of throwing (the history is folded in-process)', async () => {
    vi.stubGlobal('Worker', undefined);
    const { startRun, useRunStore } = await import('./run-store');
    expect(() => startRun({ definition: mapDef, input: {}, clock: 'simulated', quotas: 'off' })).not.toThrow();
    await until(() => useRunStore.getState().status !== 'RUNNING');
    expect(useRunStore.getState().status).toBe('FAILED');
    expect(useRunStore.getState().view.error).toBe('WorkerError');
  });

  it('replays a recorded history (AWS console export shape: epoch-second timestamps, decoded payloads)', async () => {
    const { loadHistory, useRunStore, queryRun } = await import('./run-store');
    expect(await loadHistory('nope')).toMatch(/Not JSON/);
    expect(await loadHistory('{"foo": 1}')).toMatch(/Not an execution history/);
    expect(useRunStore.getState().started).toBe(false);
    const events = [
      { id: 1, previousEventId: 0, timestamp: 1700000000, type: 'ExecutionStarted', executionStartedEventDetails: { input: { a: 1 } } },
      { id: 2, previousEventId: 0, timestamp: 1700000000.5, type: 'PassStateEntered', stateEnteredEventDetails: { name: 'A', input: { a: 1 } } },
      { id: 3, previousEventId: 2, timestamp: 1700000001, type: 'PassStateExited', stateExitedEventDetails: { name: 'A', output: { a: 2 } } },
      { id: 4, previousEventId: 3, timestamp: 1700000001, type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: { a: 2 } } },
    ];
    expect(await loadHistory(JSON.stringify({ events }), 'exported')).toBeUndefined();
    await until(() => useRunStore.getState().status !== 'RUNNING');
    const s = useRunStore.getState();
    expect(s.status).toBe('SUCCEEDED');
    expect(s.started).toBe(true);
    expect(s.view.stateStatus).toEqual({ A: 'succeeded' });
    const reply = (await queryRun({ kind: 'visit', name: 'A' })) as VisitReply;
    expect(JSON.parse(reply.visit.input!)).toEqual({ a: 1 });
    expect(JSON.parse(reply.visit.output!)).toEqual({ a: 2 });
    expect(new Date(s.rows.time(1)).toISOString()).toBe('2023-11-14T22:13:20.500Z');
  });

  const approval = (catchRejected: boolean) => ({
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/1/approvals', MessageBody: { 'token.$': '$$.Task.Token' } },
        ...(catchRejected ? { Catch: [{ ErrorEquals: ['Human.Rejected'], ResultPath: '$.rejection', Next: 'Rejected' }] } : {}),
        End: true,
      },
      ...(catchRejected ? { Rejected: { Type: 'Pass', End: true } } : {}),
    },
  });

  it('a .waitForTaskToken task waits in the view until SendTaskSuccess; the run succeeds with that output', async () => {
    mode = 'engine';
    const { startRun, useRunStore, sendTaskSuccess, sendTaskHeartbeat } = await import('./run-store');
    startRun({ definition: approval(false), input: {}, clock: 'simulated', quotas: 'aws' });
    await until(() => useRunStore.getState().view.callbacks.length === 1);
    const [c] = useRunStore.getState().view.callbacks;
    expect(c).toMatchObject({ stateName: 'Ask', iterationPath: [], resource: 'sqs:sendMessage.waitForTaskToken' });
    expect(useRunStore.getState().status).toBe('RUNNING');
    expect(useRunStore.getState().view.stateStatus.Ask).toBe('running');
    // An unknown token is refused (the API's TaskDoesNotExist); the run goes on.
    const unknown = await sendTaskSuccess('not-a-token', {});
    expect(unknown).toMatchObject({ ok: false, error: 'TaskDoesNotExist' });
    expect(await sendTaskHeartbeat(c.token)).toEqual({ ok: true });
    expect(await sendTaskSuccess(c.token, { approved: true, by: 'me' })).toEqual({ ok: true });
    await until(() => useRunStore.getState().status !== 'RUNNING');
    const s = useRunStore.getState();
    expect(s.status).toBe('SUCCEEDED');
    expect(JSON.parse(s.view.output!)).toEqual({ approved: true, by: 'me' });
    expect(s.view.callbacks).toEqual([]);
    // Once the run is over, calls are refused without reaching a worker.
    expect(await sendTaskSuccess(c.token, {})).toMatchObject({ ok: false, error: 'TaskDoesNotExist' });
  });

  it('SendTaskFailure fails the task with the given error: uncaught → FAILED, caught → the Catcher’s path', async () => {
    mode = 'engine';
    const { startRun, useRunStore, sendTaskFailure } = await import('./run-store');
    for (const caught of [false, true]) {
      startRun({ definition: approval(caught), input: { order: 1 }, clock: 'simulated', quotas: 'aws' });
      await until(() => useRunStore.getState().view.callbacks.length === 1);
      const [c] = useRunStore.getState().view.callbacks;
      expect(await sendTaskFailure(c.token, 'Human.Rejected', 'Not this time')).toEqual({ ok: true });
      await until(() => useRunStore.getState().status !== 'RUNNING');
      const s = useRunStore.getState();
      if (caught) {
        expect(s.status).toBe('SUCCEEDED');
        expect(JSON.parse(s.view.output!)).toEqual({ order: 1, rejection: { Error: 'Human.Rejected', Cause: 'Not this time' } });
        expect(s.view.stateStatus).toMatchObject({ Ask: 'caught', Rejected: 'succeeded' });
      } else {
        expect(s.status).toBe('FAILED');
        expect(s.view.error).toBe('Human.Rejected');
        expect(s.view.cause).toBe('Not this time');
      }
      expect(s.view.callbacks).toEqual([]);
    }
  });

  it('a SendTask* call the worker never answers settles with WorkerError once Stop terminates the worker', async () => {
    mode = 'engine';
    const { startRun, useRunStore, sendTaskHeartbeat, stopRun } = await import('./run-store');
    startRun({ definition: approval(false), input: {}, clock: 'simulated', quotas: 'aws' });
    await until(() => useRunStore.getState().view.callbacks.length === 1);
    const [c] = useRunStore.getState().view.callbacks;
    engines[0].mute = true;
    mode = 'deaf'; // ignores Stop too
    const pending = sendTaskHeartbeat(c.token);
    stopRun();
    expect(await pending).toMatchObject({ ok: false, error: 'WorkerError' });
    await until(() => useRunStore.getState().status !== 'RUNNING');
    expect(useRunStore.getState().status).toBe('ABORTED');
    expect(useRunStore.getState().view.callbacks).toEqual([]);
  });
});
