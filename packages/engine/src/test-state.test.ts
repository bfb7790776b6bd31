import { describe, expect, it } from 'vitest';
import { testState } from './index.js';

const def = {
  StartAt: 'T',
  States: {
    T: {
      Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', InputPath: '$.in',
      Parameters: { FunctionName: 'f', 'Payload.$': '$' }, ResultSelector: { 'p.$': '$.Payload' }, ResultPath: '$.r',
      Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 2, MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }], Assign: { 'seen.$': '$.p' }, Next: 'N',
    },
    N: { Type: 'Succeed' },
    C: { Type: 'Pass', End: true },
  },
};

describe('testState (AWS TestState, DEBUG inspection)', () => {
  it('SUCCEEDED with nextState and every intermediate value', async () => {
    const r = await testState(def, 'T', { input: { in: { a: 1 } }, mock: { result: { Payload: { ok: true } } } });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.nextState).toBe('N');
    expect(r.output).toEqual({ in: { a: 1 }, r: { p: { ok: true } } });
    expect(r.inspectionData).toMatchObject({
      input: { in: { a: 1 } }, afterInputPath: { a: 1 }, afterParameters: { FunctionName: 'f', Payload: { a: 1 } },
      result: { Payload: { ok: true } }, afterResultSelector: { p: { ok: true } }, afterResultPath: { in: { a: 1 }, r: { p: { ok: true } } },
    });
    expect(r.variables).toEqual({ seen: { ok: true } });
  });

  it('RETRIABLE when a retrier matches (no retry happens)', async () => {
    const r = await testState(def, 'T', { input: { in: {} }, mock: { errorOutput: { error: 'Boom', cause: 'x' } } });
    expect(r).toMatchObject({ status: 'RETRIABLE', error: 'Boom', cause: 'x' });
    expect(r.inspectionData.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 2 });
  });

  it('CAUGHT_ERROR with the catcher output and Next', async () => {
    const r = await testState(def, 'T', { input: { in: {} }, mock: { errorOutput: { error: 'Other', cause: 'y' } } });
    expect(r).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'C', output: { Error: 'Other', Cause: 'y' }, error: 'Other' });
  });

  it('FAILED for an uncaught error, e.g. a Fail state', async () => {
    const r = await testState({ Type: 'Fail', Error: 'E', Cause: 'c' }, undefined, {});
    expect(r).toMatchObject({ status: 'FAILED', error: 'E', cause: 'c' });
  });

  it('reads input variables and tests a single JSONata state', async () => {
    const r = await testState({ Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $x + $states.input.y %}', Next: 'Z' }, undefined, { input: { y: 2 }, variables: { x: 40 } });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: 42, nextState: 'Z' });
  });

  it('finds a state nested in a Map processor', async () => {
    const m = { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', Result: 1, End: true } } }, End: true } } };
    expect((await testState(m, 'Inner', {})).output).toBe(1);
  });
});
