/**
 * The history host (what the history worker runs) and the page's mirror of it: streaming a history through the host
 * in batches and applying its updates on the page side gives the same run view as the pure fold of the whole history
 * (statuses, path, counters, visits, every event's table row), one update in flight at a time; visits, events and
 * the export are answered on request; synthetic ends and replays.
 */
import { describe, expect, it } from 'vitest';
import { startExecution, type ExecutionOptions } from '@asl-studio/engine';
import { EventRows, ROW_MOCKED, ROW_SYNTHETIC } from './event-rows';
import { HistoryFold, foldHistory, type HistoryEvent } from './fold-history';
import { prettyJson } from './json-text';
import { CallbackTracker } from './callbacks';
import { RunHost, parseHistory, type EnginePort } from './run-host';
import { tokenMapMachine } from './test-machines';
import {
  applyRunUpdate,
  emptySummary,
  type EngineToHost,
  type FromHost,
  type HostQuery,
  type HostToEngine,
  type RunSummary,
  type VisitReply,
} from './worker-protocol';

import sampleDefinition from '../../../../../public/samples/order-fulfilment.asl.json';
import sampleInput from '../../../../../public/samples/order-fulfilment.input.json';
import mockConfig from '../../../../../public/samples/order-fulfilment.mocks.json';

/** A host with a fake engine port and a page-side mirror that applies (and, unless told not to, acknowledges) updates. */
function harness(opts: { autoAck?: boolean } = {}) {
  const autoAck = opts.autoAck ?? true;
  let clock = 0;
  const page = { view: emptySummary() as RunSummary, rows: new EventRows(), updates: 0, replies: [] as unknown[], replayed: [] as (string | undefined)[] };
  const pending: FromHost[] = [];
  const receive = (msg: FromHost) => {
    if (msg.type === 'update') {
      page.view = applyRunUpdate(page.view, page.rows, msg);
      page.updates++;
      if (autoAck) host.handle({ type: 'ack', runId: msg.runId, seq: msg.seq });
    } else if (msg.type === 'reply') page.replies.push(msg.result);
    else if (msg.type === 'replayed') page.replayed.push(msg.error);
  };
  // The clock jumps a second per reading: the publish interval never holds an update back.
  const host: RunHost = new RunHost(
    (msg) => (autoAck ? receive(msg) : pending.push(msg)),
    () => (clock += 1000),
  );
  const acks: number[] = [];
  const port: EnginePort & { closed: boolean } = {
    onmessage: null,
    closed: false,
    postMessage: (m: HostToEngine) => acks.push(m.count),
    close() {
      this.closed = true;
    },
  };
  const runId = 1;
  host.handle({ type: 'run', runId, port: port as unknown as MessagePort });
  const send = (msg: EngineToHost) => port.onmessage?.({ data: msg } as MessageEvent<EngineToHost>);
  const query = (q: HostQuery) => {
    host.handle({ type: 'query', qid: 1, runId, query: q });
    return page.replies.pop();
  };
  /** Without autoAck: delivers what the host posted so far (and acknowledges it). */
  const deliver = () => {
    const msgs = pending.splice(0);
    for (const m of msgs) {
      receive(m);
      if (m.type === 'update') host.handle({ type: 'ack', runId: m.runId, seq: m.seq });
    }
    return msgs.length;
  };
  return { host, page, port, acks, send, query, deliver, pending, runId };
}

/** Streams events into the host in batches of the given sizes (cycled). */
function stream(h: ReturnType<typeof harness>, events: HistoryEvent[], sizes = [1, 7, 200, 3, 50]) {
  let i = 0;
  let k = 0;
  while (i < events.length) {
    const n = sizes[k++ % sizes.length];
    h.send({ type: 'events', runId: h.runId, events: events.slice(i, i + n) });
    i += n;
  }
}

/** The page's view equals the pure fold of the history, and every table row matches its event. */
function expectMirrors(page: { view: RunSummary; rows: EventRows }, history: HistoryEvent[]) {
  const fold = new HistoryFold();
  fold.push(history);
  const v = fold.view;
  expect(page.view.status).toBe(v.status);
  expect(page.view.stateStatus).toEqual(v.stateStatus);
  expect(page.view.edges).toEqual(v.edges);
  expect(page.view.startTargets).toEqual(v.startTargets);
  expect(page.view.endSources).toEqual(v.endSources);
  expect(page.view.eventCount).toBe(v.eventCount);
  expect(page.view.stateTransitions).toBe(v.stateTransitions);
  expect(page.view.failedState).toBe(v.failedState);
  expect(page.view.error).toBe(v.error);
  expect(page.view.cause).toBe(v.cause);
  expect(page.view.input).toBe(v.input === undefined ? undefined : prettyJson(v.input));
  expect(page.view.output).toBe(v.output === undefined ? undefined : prettyJson(v.output));
  expect(Object.keys(page.view.visits).sort()).toEqual(Object.keys(v.visitsByName).sort());
  for (const [name, list] of Object.entries(v.visitsByName)) {
    expect(page.view.visits[name]).toEqual({ count: list.length, lastKey: list[list.length - 1].key });
  }
  expect(page.rows.length).toBe(history.length);
  history.forEach((e, i) => {
    expect(page.rows.id(i)).toBe(e.id);
    expect(page.rows.type(i)).toBe(e.type);
    const owner = fold.ownerOf(e.id);
    expect(page.rows.stepKey(i)).toBe(owner);
    expect(page.rows.step(i)).toBe(owner ? fold.visit(owner)!.name : '');
    expect(page.rows.time(i)).toBe(Date.parse(e.timestamp));
  });
}

async function engineRun(definition: unknown, options: ExecutionOptions = {}) {
  const live: HistoryEvent[] = [];
  const exec = startExecution(definition as Parameters<typeof startExecution>[0], { ...options, onEvent: (e) => live.push(e as HistoryEvent) });
  const result = await exec.result;
  return { result, live };
}

const mapDef = () => ({
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'Payload.$': '$' }, End: true } } },
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
});

describe('RunHost + page mirror', () => {
  it.each(['HappyPath', 'PaymentRetried', 'PaymentDeclined', 'OutOfStock', 'InvalidOrder'])(
    'the sample under %s: the page view equals the fold of the history',
    async (testCase) => {
      const mocks = mockConfig as ExecutionOptions['mockConfig'];
      const { live } = await engineRun(sampleDefinition, { input: sampleInput, mockConfig: mocks, stateMachineName: 'OrderFulfilment', testCase });
      const h = harness();
      stream(h, live);
      h.send({ type: 'done', runId: h.runId, status: 'SUCCEEDED' });
      expectMirrors(h.page, live);
      expect(h.acks.reduce((a, b) => a + b, 0)).toBe(live.length);
      expect(h.port.closed).toBe(true);
    },
  );

  it('a 1,000-item Map with a Task: view, rows (iterations, mocked flag) and acknowledgements', async () => {
    const { live, result } = await engineRun(mapDef(), { input: { items: Array.from({ length: 1000 }, (_, i) => i) }, quotas: 'off' });
    expect(result.status).toBe('SUCCEEDED');
    const h = harness();
    stream(h, live, [200]);
    h.send({ type: 'done', runId: h.runId, status: 'SUCCEEDED', output: '[]' });
    expectMirrors(h.page, live);
    expect(h.page.view.visits.Work.count).toBe(1000);
    // Rows carry the iteration path and the "mocked" flag of default Task responses.
    const firstScheduled = live.findIndex((e) => e.type === 'TaskSucceeded');
    expect(h.page.rows.flags(firstScheduled) & ROW_MOCKED).toBe(ROW_MOCKED);
    const iterations = new Set<string>();
    for (let i = 0; i < h.page.rows.length; i++) if (h.page.rows.step(i) === 'Work') iterations.add(h.page.rows.iteration(i)!);
    expect(iterations.size).toBe(1000);
    // The synthetic terminal is not added when the history ended with one.
    expect(h.page.rows.length).toBe(live.length);
  });

  it('keeps one update in flight and coalesces what arrives meanwhile', async () => {
    const { live } = await engineRun(mapDef(), { input: { items: Array.from({ length: 300 }, (_, i) => i) }, quotas: 'off' });
    const h = harness({ autoAck: false });
    stream(h, live, [50]);
    // Many batches, one update posted (the page has not acknowledged it).
    expect(h.pending.filter((m) => m.type === 'update')).toHaveLength(1);
    let rounds = 0;
    while (h.deliver() > 0) rounds++;
    expect(rounds).toBeLessThanOrEqual(2);
    expectMirrors(h.page, live);
  });

  it('answers visit (by key, position, iteration), event and export queries', async () => {
    const { live } = await engineRun(mapDef(), { input: { items: Array.from({ length: 20 }, (_, i) => i * 10) }, quotas: 'off' });
    const h = harness();
    stream(h, live);
    const last = h.query({ kind: 'visit', name: 'Work' }) as VisitReply;
    expect(last.count).toBe(20);
    expect(last.pos).toBe(19);
    expect(last.visit).not.toHaveProperty('eventIds');
    expect(last.visit.eventCount).toBeGreaterThan(1);
    const third = h.query({ kind: 'visit', name: 'Work', pos: 2 }) as VisitReply;
    expect(third.pos).toBe(2);
    const byKey = h.query({ kind: 'visit', name: 'Work', key: third.visit.key }) as VisitReply;
    expect(byKey.pos).toBe(2);
    const it7 = h.query({ kind: 'visit', name: 'Work', iteration: 7 }) as VisitReply;
    expect(it7.visit.iteration).toBe(7);
    expect(it7.visit.input).toBe('70');
    expect(JSON.parse(it7.visit.output!)).toMatchObject({ Payload: 70 });
    expect(it7.visit.output).toContain('\n  '); // pretty-printed for the page
    expect(h.query({ kind: 'visit', name: 'Work', iteration: 99 })).toBeUndefined();
    expect(h.query({ kind: 'visit', name: 'Nope' })).toBeUndefined();

    const entered = live.find((e) => e.type === 'TaskStateEntered')!;
    const json = JSON.parse(h.query({ kind: 'event', id: entered.id }) as string);
    expect(json).toMatchObject({ id: entered.id, type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'Work' } });
    expect(typeof json.stateEnteredEventDetails.input).not.toBe('string'); // decoded for reading

    const blob = h.query({ kind: 'export' }) as Blob;
    expect(JSON.parse(await blob.text())).toEqual({ events: live });

    // A question about another run gets no answer.
    h.host.handle({ type: 'query', qid: 2, runId: 99, query: { kind: 'visit', name: 'Work' } });
    expect(h.page.replies.pop()).toBeUndefined();
  });

  it('records the result as a synthetic event when the engine’s history did not end with one, and worker errors', () => {
    const h = harness();
    const t = new Date().toISOString();
    h.send({
      type: 'events',
      runId: h.runId,
      events: [
        { id: 1, previousEventId: 0, timestamp: t, type: 'ExecutionStarted', executionStartedEventDetails: { input: '{}' } },
        { id: 2, previousEventId: 1, timestamp: t, type: 'PassStateEntered', stateEnteredEventDetails: { name: 'A', input: '{}' } },
      ],
    });
    h.send({ type: 'error', runId: h.runId, error: 'States.Runtime', message: 'boom' });
    expect(h.page.view.status).toBe('FAILED');
    expect(h.page.view.error).toBe('States.Runtime');
    expect(h.page.view.cause).toBe('boom');
    expect(h.page.view.stateStatus.A).toBe('failed');
    expect(h.page.rows.length).toBe(3);
    expect(h.page.rows.flags(2) & ROW_SYNTHETIC).toBe(ROW_SYNTHETIC);
    expect(h.page.rows.type(2)).toBe('ExecutionFailed');
  });

  it('ends a run whose execution worker is gone (drop: at once, in-flight events ignored)', () => {
    const h = harness();
    const t = new Date().toISOString();
    h.send({
      type: 'events',
      runId: h.runId,
      events: [
        { id: 1, previousEventId: 0, timestamp: t, type: 'ExecutionStarted', executionStartedEventDetails: { input: '{}' } },
        { id: 2, previousEventId: 0, timestamp: t, type: 'PassStateEntered', stateEnteredEventDetails: { name: 'Spin', input: '{}' } },
      ],
    });
    h.host.handle({ type: 'end', runId: h.runId, event: 'ExecutionAborted', details: { error: 'States.Aborted', cause: 'terminated' }, drop: true });
    expect(h.port.closed).toBe(true);
    expect(h.page.view.status).toBe('ABORTED');
    expect(h.page.view.stateStatus.Spin).toBe('failed');
    expect(h.page.rows.id(2)).toBe(3);
    expect(h.page.rows.flags(2) & ROW_SYNTHETIC).toBe(ROW_SYNTHETIC);
    // Later events from the dead worker's port are ignored, and a second end too.
    h.send({ type: 'events', runId: h.runId, events: [{ id: 3, previousEventId: 2, timestamp: t, type: 'PassStateExited' }] });
    h.host.handle({ type: 'end', runId: h.runId, event: 'ExecutionFailed', details: {}, drop: true });
    expect(h.page.rows.length).toBe(3);
    expect(h.page.view.status).toBe('ABORTED');
  });

  it('replays a recorded history, and refuses what is not one without touching the current run', () => {
    const h = harness();
    h.host.handle({ type: 'replay', runId: 2, text: 'nope' });
    expect(h.page.replayed.pop()).toMatch(/Not JSON/);
    h.host.handle({ type: 'replay', runId: 2, text: '{"foo": 1}' });
    expect(h.page.replayed.pop()).toMatch(/Not an execution history/);
    const events = [
      { id: 1, previousEventId: 0, timestamp: 1700000000, type: 'ExecutionStarted', executionStartedEventDetails: { input: { a: 1 } } },
      { id: 2, previousEventId: 0, timestamp: 1700000000.5, type: 'PassStateEntered', stateEnteredEventDetails: { name: 'A', input: { a: 1 } } },
      { id: 3, previousEventId: 2, timestamp: 1700000001, type: 'PassStateExited', stateExitedEventDetails: { name: 'A', output: { a: 2 } } },
      { id: 4, previousEventId: 3, timestamp: 1700000001, type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: { a: 2 } } },
    ];
    const page = { view: emptySummary(), rows: new EventRows() };
    const host = new RunHost((m) => {
      if (m.type === 'update') page.view = applyRunUpdate(page.view, page.rows, m);
    });
    host.handle({ type: 'replay', runId: 5, text: JSON.stringify({ events }) });
    expect(page.view.status).toBe('SUCCEEDED');
    expect(page.view.stateStatus).toEqual({ A: 'succeeded' });
    expect(page.rows.time(1)).toBe(Date.parse('2023-11-14T22:13:20.500Z'));
    const parsed = parseHistory(JSON.stringify(events));
    expect('events' in parsed && foldHistory(parsed.events).visitsByName.A[0]).toMatchObject({ input: '{"a":1}', output: '{"a":2}' });
  });

  it('EventRows: lookup by id and filtering by type, state or id', async () => {
    const { live } = await engineRun(mapDef(), { input: { items: [1, 2, 3, 4, 5] }, quotas: 'off' });
    const h = harness();
    stream(h, live);
    const rows = h.page.rows;
    expect(rows.indexOfId(live[10].id)).toBe(10);
    expect(rows.indexOfId(99999)).toBe(-1);
    expect(rows.filter('taskscheduled')).toHaveLength(5);
    expect(rows.filter('work').length).toBe(live.filter((_, i) => rows.step(i) === 'Work').length);
    expect([...rows.filter('3')]).toEqual([2]);
  });

  it('pending task tokens: shown once their TaskScheduled is folded, with state and Map iteration; cleared when answered or the run ends', async () => {
    const def = tokenMapMachine({
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'f', Payload: { 'token.$': '$$.Task.Token' } },
    });
    const live: HistoryEvent[] = [];
    const tracker = new CallbackTracker();
    const exec = startExecution(def as never, {
      input: { items: [1, 2] },
      onEvent: (e) => {
        live.push(e as HistoryEvent);
        tracker.observe(e as HistoryEvent);
      },
    });
    await new Promise((r) => setTimeout(r, 5));
    const pending = tracker.reconcile(exec.pendingTaskTokens())!;
    expect(pending).toHaveLength(2);
    const h = harness();
    // The token list overtakes the events: nothing to show until its TaskScheduled is folded.
    h.send({ type: 'callbacks', runId: h.runId, pending });
    expect(h.page.view.callbacks).toEqual([]);
    stream(h, live.slice());
    const shown = h.page.view.callbacks;
    expect(shown.map((c) => [c.token, c.stateName, c.iterationPath, c.parentName, c.resource])).toEqual([
      [pending[0].token, 'Approve', [0], 'Fan', 'lambda:invoke.waitForTaskToken'],
      [pending[1].token, 'Approve', [1], 'Fan', 'lambda:invoke.waitForTaskToken'],
    ]);
    const updates = h.page.updates;
    // The same list again posts nothing.
    h.send({ type: 'callbacks', runId: h.runId, pending });
    expect(h.page.updates).toBe(updates);
    // One answered: the list shrinks.
    exec.sendTaskSuccess(pending[0].token, { ok: 1 });
    h.send({ type: 'callbacks', runId: h.runId, pending: tracker.reconcile(exec.pendingTaskTokens())! });
    expect(h.page.view.callbacks.map((c) => c.token)).toEqual([pending[1].token]);
    // The run ends (aborted) with a token still pending: the page's list is emptied.
    exec.stop();
    await exec.result;
    const seen = h.page.rows.length;
    stream(h, live.slice(seen));
    h.send({ type: 'done', runId: h.runId, status: 'ABORTED' });
    expect(h.page.view.status).toBe('ABORTED');
    expect(h.page.view.callbacks).toEqual([]);
  });
});
