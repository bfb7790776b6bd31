import { describe, expect, it } from 'vitest';
import { chain, run, types } from '../test/helpers.js';
import type { MockedResponse } from '../types.js';

const mock = (state: string, responses: Record<string, MockedResponse>) => ({
  mockConfig: { StateMachines: { SM: { TestCases: { T: { [state]: 'R' } } } }, MockedResponses: { R: responses } },
  stateMachineName: 'SM',
  testCase: 'T',
});
const boom: MockedResponse = { Throw: { Error: 'Boom', Cause: 'it broke' } };

// A Parallel whose only branch is a failing Task (AWS dg/state-parallel.html, "Error handling"), caught by the Parallel.
const def = (retry: boolean) => ({
  StartAt: 'P',
  States: {
    P: {
      Type: 'Parallel',
      Branches: [{ StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true } } }],
      ...(retry ? { Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 1 }] } : {}),
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
      End: true,
    },
    Caught: { Type: 'Pass', End: true },
  },
});

describe('Parallel: a branch failing in a Task', () => {
  it('records the failed Task state as aborted, off the chain, before ParallelStateFailed', async () => {
    const r = await run(def(false), { ...mock('Work', { '0': boom }) });
    expect(types(r.history)).toEqual([
      'ExecutionStarted', 'ParallelStateEntered P', 'ParallelStateStarted', 'TaskStateEntered Work', 'TaskScheduled',
      'TaskStarted', 'TaskFailed', 'TaskStateAborted', 'ParallelStateFailed', 'ParallelStateExited P',
      'PassStateEntered Caught', 'PassStateExited Caught', 'ExecutionSucceeded',
    ]);
    // TaskStateAborted and ParallelStateFailed both follow TaskFailed (#7)
    expect(chain(r.history).slice(7, 9)).toEqual([[8, 7], [9, 7]]);
    expect(r.output).toEqual({ Error: 'Boom', Cause: 'it broke' });
  });

  it('a retry of the Parallel starts again from the branch failure event', async () => {
    const r = await run(def(true), { ...mock('Work', { '0-1': boom }) });
    const started = r.history.filter((e) => e.type === 'ParallelStateStarted');
    expect(started.map((e) => [e.id, e.previousEventId])).toEqual([[3, 2], [9, 7]]);
    expect(r.history.filter((e) => e.type === 'TaskStateAborted')).toHaveLength(2);
  });
});

describe('EvaluationFailed', () => {
  it('is recorded once, in the iteration whose expression failed, not again by the Map', async () => {
    const d = {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map', Items: '{% [1] %}',
          ItemProcessor: { StartAt: 'Bad', States: { Bad: { Type: 'Pass', Output: { x: '{% $nothing %}' }, End: true } } },
          End: true,
        },
      },
    };
    const r = await run(d);
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.QueryEvaluationError');
    expect(types(r.history).slice(-4)).toEqual(['EvaluationFailed', 'MapIterationFailed M[0]', 'MapStateFailed', 'ExecutionFailed']);
    expect(r.history.filter((e) => e.type === 'EvaluationFailed')).toHaveLength(1);
  });
});
