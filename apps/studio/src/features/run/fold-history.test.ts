import { describe, expect, it } from 'vitest';
import { foldHistory, HistoryFold, isEdgeTaken, type HistoryEvent } from './fold-history';

/** Builds a history: each call appends an event; `prev` defaults to the previous event's id. */
function history() {
  const events: HistoryEvent[] = [];
  const add = (type: string, details?: Record<string, unknown>, prev?: number): number => {
    const id = events.length + 1;
    const e: HistoryEvent = { id, previousEventId: prev ?? id - 1, timestamp: new Date(1700000000000 + id).toISOString(), type };
    if (details) {
      const key = type.endsWith('StateEntered')
        ? 'stateEnteredEventDetails'
        : type.endsWith('StateExited')
          ? 'stateExitedEventDetails'
          : type[0].toLowerCase() + type.slice(1) + 'EventDetails';
      e[key] = details;
    }
    events.push(e);
    return id;
  };
  const entered = (type: string, name: string, input: unknown = {}, prev?: number) =>
    add(`${type}StateEntered`, { name, input: JSON.stringify(input), inputDetails: { truncated: false } }, prev);
  const exited = (type: string, name: string, output: unknown = {}, prev?: number) =>
    add(`${type}StateExited`, { name, output: JSON.stringify(output), outputDetails: { truncated: false } }, prev);
  const task = (out: unknown, prev?: number) => {
    add('TaskScheduled', { resource: 'invoke', resourceType: 'lambda', region: 'us-east-1', parameters: '{}' }, prev);
    add('TaskStarted', { resource: 'invoke', resourceType: 'lambda' });
    return add('TaskSucceeded', { resource: 'invoke', resourceType: 'lambda', output: JSON.stringify(out) });
  };
  return { events, add, entered, exited, task };
}

describe('foldHistory', () => {
  it('is NOT_STARTED with no events, and every state idle', () => {
    const v = foldHistory([]);
    expect(v.status).toBe('NOT_STARTED');
    expect(v.stateStatus).toEqual({});
  });

  it('folds a straight-line run: statuses, input/output per state, path, execution output', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{"a":1}', roleArn: 'r' }, 0);
    h.entered('Pass', 'A', { a: 1 }, 0);
    h.exited('Pass', 'A', { a: 2 });
    h.entered('Task', 'B', { a: 2 });
    h.task({ ok: true });
    h.exited('Task', 'B', { ok: true });
    h.entered('Succeed', 'C', { ok: true });
    h.exited('Succeed', 'C', { ok: true });
    h.add('ExecutionSucceeded', { output: '{"ok":true}' });
    const v = foldHistory(h.events);
    expect(v.status).toBe('SUCCEEDED');
    expect(v.output).toBe('{"ok":true}');
    expect(v.stateStatus).toEqual({ A: 'succeeded', B: 'succeeded', C: 'succeeded' });
    expect(v.visitsByName.A[0]).toMatchObject({ input: '{"a":1}', output: '{"a":2}', status: 'succeeded' });
    expect(v.visitsByName.B[0]).toMatchObject({ attempts: 1, result: '{"ok":true}', output: '{"ok":true}' });
    expect(v.visitsByName.B[0].eventIds).toHaveLength(5);
    expect(v.stateTransitions).toBe(3);
    expect(isEdgeTaken(v, '__start', 'A')).toBe(true);
    expect(isEdgeTaken(v, 'A', 'B')).toBe(true);
    expect(isEdgeTaken(v, 'B', 'C')).toBe(true);
    expect(isEdgeTaken(v, 'C', '__end')).toBe(true);
    expect(isEdgeTaken(v, 'A', 'C')).toBe(false);
    expect(isEdgeTaken(v, 'B', '__end')).toBe(false);
  });

  it('shows a running state while the run is in progress; unreached states stay idle', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Pass', 'A', {}, 0);
    h.exited('Pass', 'A');
    h.entered('Wait', 'W');
    const v = foldHistory(h.events);
    expect(v.status).toBe('RUNNING');
    expect(v.stateStatus).toEqual({ A: 'succeeded', W: 'running' });
    expect(v.stateStatus.Never).toBeUndefined();
  });

  it('marks a Task retrying after TaskFailed + TaskScheduled, succeeded once it exits; keeps the last error', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Task', 'T', {}, 0);
    h.add('TaskScheduled', { resource: 'invoke', resourceType: 'lambda', parameters: '{}' });
    h.add('TaskStarted', { resource: 'invoke', resourceType: 'lambda' });
    h.add('TaskFailed', { resource: 'invoke', resourceType: 'lambda', error: 'Busy', cause: 'try later' });
    const f = new HistoryFold();
    f.push(h.events);
    // Failed, still open, run going on: waiting for the retry back-off.
    expect(f.view.stateStatus.T).toBe('retrying');
    const mark = h.events.length;
    h.task({ ok: 1 });
    f.push(h.events.slice(mark, mark + 1));
    expect(f.view.stateStatus.T).toBe('retrying');
    const mark2 = h.events.length;
    h.exited('Task', 'T', { ok: 1 });
    h.add('ExecutionSucceeded', { output: '{"ok":1}' });
    f.push(h.events.slice(mark + 1, mark2).concat(h.events.slice(mark2)));
    expect(f.view.stateStatus.T).toBe('succeeded');
    expect(f.view.visitsByName.T[0]).toMatchObject({ attempts: 2, error: 'Busy', cause: 'try later', status: 'succeeded' });
    expect(f.view.status).toBe('SUCCEEDED');
  });

  it('marks a caught Task orange, follows the Catch edge, and a Fail state red with the execution error', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Task', 'Pay', {}, 0);
    h.add('TaskScheduled', { resource: 'invoke', resourceType: 'lambda', parameters: '{}' });
    h.add('TaskStarted', { resource: 'invoke', resourceType: 'lambda' });
    h.add('TaskFailed', { resource: 'invoke', resourceType: 'lambda', error: 'Payment.Declined', cause: 'no funds' });
    h.exited('Task', 'Pay', { error: { Error: 'Payment.Declined' } });
    h.entered('Fail', 'Failed', {});
    h.add('ExecutionFailed', { error: 'OrderFailed', cause: 'could not pay' });
    const v = foldHistory(h.events);
    expect(v.status).toBe('FAILED');
    expect(v.error).toBe('OrderFailed');
    expect(v.cause).toBe('could not pay');
    expect(v.stateStatus).toEqual({ Pay: 'caught', Failed: 'failed' });
    expect(v.visitsByName.Pay[0]).toMatchObject({ error: 'Payment.Declined', cause: 'no funds' });
    expect(v.visitsByName.Failed[0]).toMatchObject({ error: 'OrderFailed', cause: 'could not pay' });
    expect(v.failedState).toBe('Failed');
    expect(isEdgeTaken(v, 'Pay', 'Failed')).toBe(true);
    expect(isEdgeTaken(v, 'Failed', '__end')).toBe(false);
  });

  it('a failure followed by the execution failure is failed, not retrying', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Task', 'T', {}, 0);
    h.add('TaskScheduled', { resource: 'invoke', resourceType: 'lambda', parameters: '{}' });
    h.add('TaskStarted', { resource: 'invoke', resourceType: 'lambda' });
    h.add('TaskFailed', { resource: 'invoke', resourceType: 'lambda', error: 'Boom', cause: 'bad' });
    const f = new HistoryFold();
    f.push(h.events);
    expect(f.view.stateStatus.T).toBe('retrying');
    const n = h.events.length;
    h.add('ExecutionFailed', { error: 'Boom', cause: 'bad' });
    f.push(h.events.slice(n));
    expect(f.view.stateStatus.T).toBe('failed');
  });

  it('marks a Task that fails the execution red with its error and cause', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Task', 'T', {}, 0);
    h.add('TaskScheduled', { resource: 'invoke', resourceType: 'lambda', parameters: '{}' });
    h.add('TaskStarted', { resource: 'invoke', resourceType: 'lambda' });
    h.add('TaskFailed', { resource: 'invoke', resourceType: 'lambda', error: 'Boom', cause: 'bad' });
    h.add('ExecutionFailed', { error: 'Boom', cause: 'bad' });
    const v = foldHistory(h.events);
    expect(v.stateStatus.T).toBe('failed');
    expect(v.failedState).toBe('T');
    expect(v.visitsByName.T[0]).toMatchObject({ status: 'failed', error: 'Boom', cause: 'bad', closed: true });
  });

  it('records each Map iteration as a visit with its index; inner start/end edges are taken', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Map', 'M', { items: [1, 2, 3] }, 0);
    let last = h.add('MapStateStarted', { length: 3 });
    const started = last;
    for (let i = 0; i < 3; i++) {
      h.add('MapIterationStarted', { name: 'M', index: i }, i === 0 ? started : last);
      h.entered('Pass', 'Inner', i);
      last = h.exited('Pass', 'Inner', i * 10);
      last = h.add('MapIterationSucceeded', { name: 'M', index: i }, last);
    }
    h.add('MapStateSucceeded', undefined, last);
    h.exited('Map', 'M', [0, 10, 20], last);
    h.add('ExecutionSucceeded', { output: '[0,10,20]' });
    const v = foldHistory(h.events);
    expect(v.status).toBe('SUCCEEDED');
    expect(v.stateStatus).toEqual({ M: 'succeeded', Inner: 'succeeded' });
    expect(v.visitsByName.Inner.map((x) => [x.iteration, x.input, x.output])).toEqual([
      [0, '0', '0'],
      [1, '1', '10'],
      [2, '2', '20'],
    ]);
    expect(v.visitsByName.Inner[0].parent).toBe(v.visitsByName.M[0].key);
    expect(v.visitsByName.M[0]).toMatchObject({ mapLength: 3, iterationsSucceeded: 3, output: '[0,10,20]' });
    expect(isEdgeTaken(v, '__start:States/M/ItemProcessor', 'Inner')).toBe(true);
    expect(isEdgeTaken(v, 'Inner', '__end:States/M/ItemProcessor')).toBe(true);
    expect(isEdgeTaken(v, 'M', '__end')).toBe(true);
    expect(isEdgeTaken(v, 'Inner', 'Inner')).toBe(false);
  });

  it('a failing Map iteration fails the Map and the execution; the inner Fail state is the failed state', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Map', 'M', {}, 0);
    const started = h.add('MapStateStarted', { length: 2 });
    h.add('MapIterationStarted', { name: 'M', index: 0 }, started);
    h.entered('Fail', 'Bad', 0);
    h.add('MapIterationFailed', { name: 'M', index: 0 });
    h.add('MapStateFailed');
    h.add('ExecutionFailed', { error: 'Custom', cause: 'it broke' });
    const v = foldHistory(h.events);
    expect(v.stateStatus).toEqual({ M: 'failed', Bad: 'failed' });
    expect(v.failedState).toBe('Bad');
    expect(v.visitsByName.Bad[0]).toMatchObject({ iteration: 0, error: 'Custom', cause: 'it broke' });
    expect(v.visitsByName.M[0]).toMatchObject({ iterationsFailed: 1, error: 'Custom' });
  });

  it('a Parallel whose branch fails and is caught: branch task red, Parallel orange, catch path highlighted', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Parallel', 'P', {}, 0);
    const ps = h.add('ParallelStateStarted', undefined);
    h.entered('Pass', 'B1', {}, ps);
    h.entered('Task', 'B2', {}, ps);
    h.exited('Pass', 'B1', 1, ps + 1);
    h.add('TaskScheduled', { resource: 'invoke', resourceType: 'lambda', parameters: '{}' }, ps + 2);
    h.add('TaskStarted', { resource: 'invoke', resourceType: 'lambda' });
    const tf = h.add('TaskFailed', { resource: 'invoke', resourceType: 'lambda', error: 'Inventory.OutOfStock', cause: 'none left' });
    h.add('ParallelStateFailed', undefined, tf);
    h.exited('Parallel', 'P', { error: {} });
    h.entered('Pass', 'Refund', {});
    h.exited('Pass', 'Refund', {});
    h.add('ExecutionSucceeded', { output: '{}' });
    const v = foldHistory(h.events);
    expect(v.stateStatus).toEqual({ P: 'caught', B1: 'succeeded', B2: 'failed', Refund: 'succeeded' });
    expect(v.visitsByName.P[0]).toMatchObject({ error: 'Inventory.OutOfStock', cause: 'none left' });
    expect(v.visitsByName.B1[0].parent).toBe(v.visitsByName.P[0].key);
    expect(v.visitsByName.B2[0].parent).toBe(v.visitsByName.P[0].key);
    expect(isEdgeTaken(v, 'P', 'Refund')).toBe(true);
    expect(isEdgeTaken(v, '__start:States/P/Branches/0', 'B1')).toBe(true);
  });

  it('an aborted run leaves the state it stopped in marked failed with States.Aborted', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Wait', 'W', {}, 0);
    h.add('ExecutionAborted', undefined);
    const v = foldHistory(h.events);
    expect(v.status).toBe('ABORTED');
    expect(v.error).toBe('States.Aborted');
    expect(v.stateStatus.W).toBe('failed');
    expect(v.visitsByName.W[0].status).toBe('aborted');
    expect(v.failedState).toBe('W');
  });

  it('a state that fails the execution without a failure event of its own is marked failed', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Pass', 'Items', {}, 0);
    h.add('ExecutionFailed', { error: 'States.IntrinsicFailure', cause: 'too many' });
    const v = foldHistory(h.events);
    expect(v.stateStatus.Items).toBe('failed');
    expect(v.failedState).toBe('Items');
    expect(v.visitsByName.Items[0]).toMatchObject({ error: 'States.IntrinsicFailure', cause: 'too many' });
  });

  it('a timed-out run is TIMED_OUT', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Wait', 'W', {}, 0);
    h.add('ExecutionTimedOut', { error: 'States.Timeout', cause: 'too slow' });
    const v = foldHistory(h.events);
    expect(v.status).toBe('TIMED_OUT');
    expect(v.error).toBe('States.Timeout');
  });

  it('EvaluationFailed marks the state failed with the evaluation error', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Pass', 'P', {}, 0);
    h.add('EvaluationFailed', { error: 'States.QueryEvaluationError', cause: 'bad expr', state: 'P', location: 'Output' }, 0);
    h.add('ExecutionFailed', { error: 'States.QueryEvaluationError', cause: 'bad expr' });
    const v = foldHistory(h.events);
    expect(v.stateStatus.P).toBe('failed');
    expect(v.visitsByName.P[0]).toMatchObject({ error: 'States.QueryEvaluationError', cause: 'bad expr' });
  });

  it('flags Task results that came from a default response as mocked', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Task', 'T', {}, 0);
    h.add('TaskScheduled', { resource: 'invoke', resourceType: 'lambda', parameters: '{}' });
    h.add('TaskStarted', { resource: 'invoke', resourceType: 'lambda' });
    const id = h.add('TaskSucceeded', { resource: 'invoke', resourceType: 'lambda', output: '{}' });
    h.events[id - 1].resultSource = 'default';
    h.exited('Task', 'T', {});
    expect(foldHistory(h.events).visitsByName.T[0]).toMatchObject({ mocked: true, resultSource: 'default' });
  });

  it('gives the same view however the history is split into batches', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Map', 'M', {}, 0);
    let last = h.add('MapStateStarted', { length: 20 });
    const started = last;
    for (let i = 0; i < 20; i++) {
      h.add('MapIterationStarted', { name: 'M', index: i }, i === 0 ? started : last);
      h.entered('Task', 'T', i);
      if (i % 3 === 0) {
        h.add('TaskScheduled', { resource: 'invoke', resourceType: 'lambda', parameters: '{}' });
        h.add('TaskStarted', { resource: 'invoke', resourceType: 'lambda' });
        h.add('TaskFailed', { resource: 'invoke', resourceType: 'lambda', error: 'E', cause: 'c' });
        h.task(i, h.events.length);
      } else h.task(i);
      last = h.exited('Task', 'T', i);
      last = h.add('MapIterationSucceeded', { name: 'M', index: i }, last);
    }
    h.add('MapStateSucceeded', undefined, last);
    h.exited('Map', 'M', [], last);
    h.add('ExecutionSucceeded', { output: '[]' });
    const whole = foldHistory(h.events);
    for (const size of [1, 7, 50]) {
      const f = new HistoryFold();
      for (let i = 0; i < h.events.length; i += size) f.push(h.events.slice(i, i + size));
      expect(JSON.stringify(f.view)).toBe(JSON.stringify(whole));
    }
    expect(whole.visitsByName.T).toHaveLength(20);
    expect(whole.visitsByName.T.filter((x) => x.attempts === 2)).toHaveLength(7);
    expect(whole.stateStatus).toEqual({ M: 'succeeded', T: 'succeeded' });
  });

  it('folds 100,000 events quickly', () => {
    const h = history();
    h.add('ExecutionStarted', { input: '{}' }, 0);
    h.entered('Map', 'M', {}, 0);
    let last = h.add('MapStateStarted', { length: 25000 });
    const started = last;
    for (let i = 0; i < 25000; i++) {
      h.add('MapIterationStarted', { name: 'M', index: i }, i === 0 ? started : last);
      h.entered('Pass', 'P', i);
      last = h.exited('Pass', 'P', i);
      last = h.add('MapIterationSucceeded', { name: 'M', index: i }, last);
    }
    const t0 = performance.now();
    const v = foldHistory(h.events);
    const ms = performance.now() - t0;
    expect(v.visitsByName.P).toHaveLength(25000);
    expect(v.stateStatus.M).toBe('running');
    expect(ms).toBeLessThan(2000);
  });
});
