/**
 * Task tokens of `.waitForTaskToken` tasks: the execution worker's tracker attributes the engine's pending tokens to
 * the attempts waiting on them (by the token in their parameters, else in scheduling order), including concurrent Map
 * iterations and tokens that go away; SendTask* calls and their errors (`TaskDoesNotExist`); the history worker's view
 * of the tokens (state, iteration, enclosing state); the output check of Send success.
 */
import { describe, expect, it } from 'vitest';
import { startExecution } from '@asl-studio/engine';
import {
  CallbackTracker,
  answerCallback,
  callbackWhere,
  checkCallbackOutput,
  isTokenTaskScheduled,
  resolveCallbacks,
  type CallbackTarget,
  type PendingToken,
} from './callbacks';
import { HistoryFold, type HistoryEvent } from './fold-history';
import { tokenMapMachine } from './test-machines';

const ts = new Date(0).toISOString();
const ev = (id: number, type: string, extra: Record<string, unknown> = {}): HistoryEvent => ({ id, previousEventId: id - 1, timestamp: ts, type, ...extra });
const scheduled = (id: number, resource: string, parameters = '{}') =>
  ev(id, 'TaskScheduled', { taskScheduledEventDetails: { resource, resourceType: 'sqs', region: 'us-east-1', parameters } });

/** A Map of `.waitForTaskToken` SQS tasks (token in the message body). */
const mapMachine = tokenMapMachine({
  Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
  Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q', MessageBody: { 'item.$': '$', 'token.$': '$$.Task.Token' } },
  HeartbeatSeconds: 600,
});

/** Runs a machine with the tracker wired as the execution worker wires it; returns the execution and the lists sent. */
function tracked(def: unknown, input: unknown) {
  const tracker = new CallbackTracker();
  const events: HistoryEvent[] = [];
  const sent: PendingToken[][] = [];
  let queued = false;
  const check = () => {
    queued = false;
    const p = tracker.reconcile(exec.pendingTaskTokens());
    if (p) sent.push(p);
  };
  const exec = startExecution(def as never, {
    input,
    onEvent: (e) => {
      events.push(e as HistoryEvent);
      tracker.observe(e as HistoryEvent);
      if (!queued) {
        queued = true;
        queueMicrotask(check);
      }
    },
  });
  return { exec, events, sent, tracker, check };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('CallbackTracker', () => {
  it('attributes each concurrent Map iteration’s token to its own TaskScheduled, and forgets answered ones', async () => {
    const { exec, events, sent, tracker, check } = tracked(mapMachine, { items: ['a', 'b', 'c'] });
    await settle();
    const pending = tracker.pending;
    expect(pending).toHaveLength(3);
    expect(sent).toHaveLength(1);
    for (const p of pending) {
      const e = events.find((x) => x.id === p.eventId)!;
      expect(e.type).toBe('TaskScheduled');
      expect(String((e.taskScheduledEventDetails as { parameters: string }).parameters)).toContain(p.token);
    }
    // Answer the middle one: the list shrinks to the other two, in order.
    exec.sendTaskSuccess(pending[1].token, { ok: 'b' });
    check();
    expect(sent.at(-1)!.map((p) => p.token)).toEqual([pending[0].token, pending[2].token]);
    for (const p of [pending[0], pending[2]]) exec.sendTaskSuccess(p.token, { ok: true });
    const r = await exec.result;
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual([{ ok: true }, { ok: 'b' }, { ok: true }]);
    await settle();
    expect(tracker.pending).toEqual([]);
  });

  it('falls back to scheduling order when the parameters do not carry the token', () => {
    const t = new CallbackTracker();
    t.observe(scheduled(6, 'sendMessage.waitForTaskToken'));
    t.observe(scheduled(10, 'invoke.waitForTaskToken'));
    expect(t.reconcile(['tok-a', 'tok-b'])).toEqual([
      { token: 'tok-a', eventId: 6 },
      { token: 'tok-b', eventId: 10 },
    ]);
    // Unchanged list: nothing to send.
    expect(t.reconcile(['tok-a', 'tok-b'])).toBeUndefined();
  });

  it('prefers the attempt whose parameters carry the token; ignores attempts answered without one', () => {
    const t = new CallbackTracker();
    t.observe(scheduled(3, 'sendMessage')); // not a callback task
    t.observe(scheduled(6, 'sendMessage.waitForTaskToken', '{"token":"tok-late"}'));
    t.observe(scheduled(9, 'sendMessage.waitForTaskToken', '{"token":"tok-early"}'));
    expect(t.reconcile(['tok-early', 'tok-late'])).toEqual([
      { token: 'tok-early', eventId: 9 },
      { token: 'tok-late', eventId: 6 },
    ]);
    // A mocked attempt (no token) is forgotten at the next reconcile: a later token does not go to it.
    t.observe(scheduled(20, 'sendMessage.waitForTaskToken'));
    expect(t.reconcile([])).toEqual([]);
    t.observe(scheduled(30, 'sendMessage.waitForTaskToken'));
    expect(t.reconcile(['tok-new'])).toEqual([{ token: 'tok-new', eventId: 30 }]);
  });

  it('recognises .waitForTaskToken TaskScheduled events only', () => {
    expect(isTokenTaskScheduled(scheduled(1, 'invoke.waitForTaskToken'))).toBe(true);
    expect(isTokenTaskScheduled(scheduled(1, 'startExecution.sync:2'))).toBe(false);
    expect(isTokenTaskScheduled(ev(1, 'TaskStarted', { taskStartedEventDetails: { resource: 'invoke.waitForTaskToken' } }))).toBe(false);
  });
});

describe('answerCallback', () => {
  it('SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat on a live execution; TaskDoesNotExist for unknown tokens', async () => {
    const def = {
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'approver', Payload: { 'token.$': '$$.Task.Token' } },
          Catch: [{ ErrorEquals: ['Human.Rejected'], Next: 'Rejected' }],
          End: true,
        },
        Rejected: { Type: 'Pass', Result: 'rejected', End: true },
      },
    };
    const { exec, tracker } = tracked(def, {});
    await settle();
    const [p] = tracker.pending;
    expect(answerCallback(exec, { type: 'sendTaskHeartbeat', token: p.token })).toEqual({ ok: true });
    const unknown = answerCallback(exec, { type: 'sendTaskSuccess', token: 'no-such-token', output: {} });
    expect(unknown).toMatchObject({ ok: false, error: 'TaskDoesNotExist' });
    expect(answerCallback(exec, { type: 'sendTaskFailure', token: p.token, error: 'Human.Rejected', cause: 'no' })).toEqual({ ok: true });
    // Answered: the token is gone.
    expect(answerCallback(exec, { type: 'sendTaskSuccess', token: p.token, output: {} })).toMatchObject({ ok: false, error: 'TaskDoesNotExist' });
    const r = await exec.result;
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toBe('rejected');
  });

  it('passes an empty error as none (States.TaskFailed) and reports a run that is gone', () => {
    const calls: unknown[][] = [];
    const target: CallbackTarget = {
      sendTaskSuccess: (...a) => calls.push(['success', ...a]),
      sendTaskFailure: (...a) => calls.push(['failure', ...a]),
      sendTaskHeartbeat: (...a) => calls.push(['heartbeat', ...a]),
    };
    answerCallback(target, { type: 'sendTaskFailure', token: 't', error: '', cause: '' });
    expect(calls).toEqual([['failure', 't', undefined, undefined]]);
    expect(answerCallback(undefined, { type: 'sendTaskHeartbeat', token: 't' })).toMatchObject({ ok: false, error: 'TaskDoesNotExist' });
    const throwsPlain: CallbackTarget = { ...target, sendTaskHeartbeat: () => { throw new Error('boom'); } };
    expect(answerCallback(throwsPlain, { type: 'sendTaskHeartbeat', token: 't' })).toEqual({ ok: false, error: 'Error', message: 'boom' });
  });
});

describe('resolveCallbacks', () => {
  it('names the waiting state, its Map iteration and enclosing state; leaves out tokens whose events are not folded yet', async () => {
    const { events, tracker } = tracked(mapMachine, { items: ['a', 'b'] });
    await settle();
    const fold = new HistoryFold();
    fold.push(events);
    const src = {
      event: (id: number) => events.find((e) => e.id === id),
      visitOf: (id: number) => fold.visit(fold.ownerOf(id)),
      visit: (key: number) => fold.visit(key),
    };
    const list = resolveCallbacks(tracker.pending, src);
    expect(list.map((c) => [c.stateName, c.iterationPath, c.parentName, c.parentType, c.resource, c.heartbeatSeconds])).toEqual([
      ['Approve', [0], 'Fan', 'Map', 'sqs:sendMessage.waitForTaskToken', 600],
      ['Approve', [1], 'Fan', 'Map', 'sqs:sendMessage.waitForTaskToken', 600],
    ]);
    expect(list[0].token).toBe(tracker.pending[0].token);
    expect(fold.visit(list[0].visitKey)?.name).toBe('Approve');
    expect(callbackWhere(list[1])).toBe('iteration 1 · in Map Fan');
    expect(resolveCallbacks([{ token: 'x', eventId: 9999 }], src)).toEqual([]);
  });
});

describe('checkCallbackOutput', () => {
  it.each([
    ['{}', true, 'the default'],
    ['{"approved": true}', true, 'an object'],
    ['"yes"', true, 'any JSON value, as SendTaskSuccess takes'],
    ['{approved: true}', false, 'not JSON: unquoted key'],
    ['', false, 'empty'],
  ])('%s → ok %s (%s)', (text, ok) => {
    const r = checkCallbackOutput(text);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.message).toMatch(/JSON/);
  });
});
