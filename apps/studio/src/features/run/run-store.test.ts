/**
 * The run store's worker bridge with a fake Worker: events stream in under flow control and fold into the view;
 * a worker that ignores Stop is terminated after ABORT_GRACE_MS and the run is Aborted; a crashing worker gives a
 * Failed execution with its message.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startExecution } from '@asl-studio/engine';
import type { HistoryEvent } from './fold-history';
import type { FromWorker, RunRequest, ToWorker } from './worker-protocol';

type Mode = 'engine' | 'deaf' | 'crash';
let mode: Mode = 'engine';
const instances: FakeWorker[] = [];

/** Runs the engine in-process and speaks the worker protocol (events in batches of 200, acks honoured loosely). */
class FakeWorker {
  onmessage: ((m: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  acked = 0;
  private controller = new AbortController();
  constructor() {
    instances.push(this);
  }
  private emit(msg: FromWorker) {
    if (!this.terminated) setTimeout(() => this.onmessage?.({ data: msg } as MessageEvent<FromWorker>), 0);
  }
  postMessage(msg: ToWorker) {
    if (msg.type === 'ack') this.acked += msg.count;
    if (msg.type === 'abort' && mode === 'engine') this.controller.abort();
    if (msg.type !== 'start') return;
    if (mode === 'crash') {
      setTimeout(() => this.onerror?.({ message: 'Uncaught RangeError: boom', preventDefault() {} } as ErrorEvent), 0);
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
    const exec = startExecution(req.definition as never, {
      input: req.input,
      clock: req.clock,
      signal: this.controller.signal,
      onEvent: (e) => {
        batch.push(e as HistoryEvent);
        if (batch.length >= 200) flush();
        else timer ??= setTimeout(flush, 10);
      },
    });
    const r = await exec.result;
    if (timer) clearTimeout(timer);
    flush();
    this.emit({ type: 'done', runId, status: r.status, error: r.error, cause: r.cause });
  }
  terminate() {
    this.terminated = true;
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
    instances.length = 0;
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

  it('streams a 1,000-item Map into the view and acknowledges every event', async () => {
    mode = 'engine';
    const { startRun, useRunStore } = await import('./run-store');
    startRun({ definition: mapDef, input: { items: Array.from({ length: 1000 }, (_, i) => i) }, clock: 'simulated', quotas: 'off' });
    expect(useRunStore.getState().status).toBe('RUNNING');
    await until(() => useRunStore.getState().status !== 'RUNNING');
    const s = useRunStore.getState();
    expect(s.status).toBe('SUCCEEDED');
    expect(s.events.length).toBe(4006); // started, Map entered/started, 1000 × 4, Map succeeded/exited, succeeded
    expect(s.fold.view.visitsByName.P).toHaveLength(1000);
    expect(s.fold.view.stateStatus).toEqual({ Each: 'succeeded', P: 'succeeded' });
    expect(instances[0].acked).toBe(4006);
  });

  it('Stop aborts through the signal (ExecutionAborted from the engine)', async () => {
    mode = 'engine';
    const { startRun, stopRun, useRunStore } = await import('./run-store');
    startRun({ definition: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } }, input: {}, clock: 'real', quotas: 'off' });
    await until(() => useRunStore.getState().events.length >= 2);
    stopRun();
    await until(() => useRunStore.getState().status !== 'RUNNING');
    const s = useRunStore.getState();
    expect(s.status).toBe('ABORTED');
    expect(s.events[s.events.length - 1].type).toBe('ExecutionAborted');
    expect(s.events[s.events.length - 1].synthetic).toBeUndefined();
    expect(instances[0].terminated).toBe(false);
  });

  it('terminates a worker that does not answer Stop within the grace period and marks the run Aborted', async () => {
    mode = 'deaf';
    const { startRun, stopRun, useRunStore, ABORT_GRACE_MS } = await import('./run-store');
    startRun({ definition: mapDef, input: {}, clock: 'simulated', quotas: 'off' });
    await until(() => useRunStore.getState().events.length === 2);
    const t0 = Date.now();
    stopRun();
    await until(() => useRunStore.getState().status !== 'RUNNING', 3000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(ABORT_GRACE_MS - 20);
    const s = useRunStore.getState();
    expect(s.status).toBe('ABORTED');
    expect(instances[0].terminated).toBe(true);
    const last = s.events[s.events.length - 1];
    expect(last).toMatchObject({ id: 3, previousEventId: 2, type: 'ExecutionAborted', synthetic: true });
    expect(s.fold.view.stateStatus.Spin).toBe('failed');
  });

  it('a crashing worker gives a Failed execution with its message', async () => {
    mode = 'crash';
    const { startRun, useRunStore } = await import('./run-store');
    startRun({ definition: mapDef, input: {}, clock: 'simulated', quotas: 'off' });
    await until(() => useRunStore.getState().status !== 'RUNNING');
    const s = useRunStore.getState();
    expect(s.status).toBe('FAILED');
    expect(s.fold.view.error).toBe('WorkerError');
    expect(s.fold.view.cause).toContain('boom');
  });

  it('without Worker support the run fails instead of throwing', async () => {
    vi.stubGlobal('Worker', undefined);
    const { startRun, useRunStore } = await import('./run-store');
    expect(() => startRun({ definition: mapDef, input: {}, clock: 'simulated', quotas: 'off' })).not.toThrow();
    expect(useRunStore.getState().status).toBe('FAILED');
    expect(useRunStore.getState().fold.view.error).toBe('WorkerError');
  });

  it('replays a recorded history (AWS console export shape: epoch-second timestamps, decoded payloads)', async () => {
    const { loadHistory, useRunStore } = await import('./run-store');
    expect(loadHistory('nope')).toMatch(/Not JSON/);
    expect(loadHistory('{"foo": 1}')).toMatch(/Not an execution history/);
    const events = [
      { id: 1, previousEventId: 0, timestamp: 1700000000, type: 'ExecutionStarted', executionStartedEventDetails: { input: { a: 1 } } },
      { id: 2, previousEventId: 0, timestamp: 1700000000.5, type: 'PassStateEntered', stateEnteredEventDetails: { name: 'A', input: { a: 1 } } },
      { id: 3, previousEventId: 2, timestamp: 1700000001, type: 'PassStateExited', stateExitedEventDetails: { name: 'A', output: { a: 2 } } },
      { id: 4, previousEventId: 3, timestamp: 1700000001, type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: { a: 2 } } },
    ];
    expect(loadHistory(JSON.stringify({ events }), 'exported')).toBeUndefined();
    const s = useRunStore.getState();
    expect(s.status).toBe('SUCCEEDED');
    expect(s.started).toBe(true);
    expect(s.fold.view.stateStatus).toEqual({ A: 'succeeded' });
    expect(s.fold.view.visitsByName.A[0]).toMatchObject({ input: '{"a":1}', output: '{"a":2}' });
    expect(s.events[1].timestamp).toBe('2023-11-14T22:13:20.500Z');
  });
});
