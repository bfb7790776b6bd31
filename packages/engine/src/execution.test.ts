import { describe, expect, it, vi } from 'vitest';
import { DefinitionError, startExecution } from './index.js';
import { chain, run, types } from './test/helpers.js';

const pass = (extra: object = {}) => ({ Type: 'Pass', End: true, ...extra });
/** A loop that counts `$.i` from 0 to `n` (4 events per turn: Pass Inc and Choice C), then succeeds. */
const countTo = (n: number) => ({ StartAt: 'I', States: {
  I: { Type: 'Pass', Result: 0, ResultPath: '$.i', Next: 'Inc' },
  Inc: { Type: 'Pass', Parameters: { 'i.$': 'States.MathAdd($.i, 1)' }, Next: 'C' },
  C: { Type: 'Choice', Choices: [{ Variable: '$.i', NumericLessThan: n, Next: 'Inc' }], Default: 'D' },
  D: { Type: 'Succeed' },
} });

describe('startExecution: skeleton and history (HISTORY-FORMAT.md sections 1-3)', () => {
  it('records a straight-line run with AWS ids, previousEventIds and JSON-text details', async () => {
    const r = await run({ StartAt: 'A', States: { A: { Type: 'Pass', Result: { x: 1 }, ResultPath: '$.r', Next: 'B' }, B: pass() } }, { input: { a: 1 } });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({ a: 1, r: { x: 1 } });
    expect(types(r.history)).toEqual(['ExecutionStarted', 'PassStateEntered A', 'PassStateExited A', 'PassStateEntered B', 'PassStateExited B', 'ExecutionSucceeded']);
    // the first StateEntered points to 0, not to ExecutionStarted
    expect(chain(r.history)).toEqual([[1, 0], [2, 0], [3, 2], [4, 3], [5, 4], [6, 5]]);
    expect(r.history[1].stateEnteredEventDetails).toEqual({ name: 'A', input: '{"a":1}', inputDetails: { truncated: false } });
    expect(r.history[5].executionSucceededEventDetails).toEqual({ output: '{"a":1,"r":{"x":1}}', outputDetails: { truncated: false } });
    expect(typeof r.history[0].timestamp).toBe('string');
  });

  it('applies InputPath, Parameters, ResultSelector, ResultPath and OutputPath in order', async () => {
    const r = await run({
      StartAt: 'T', States: { T: {
        Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', InputPath: '$.in', Parameters: { 'Payload.$': '$' },
        ResultSelector: { 'p.$': '$.Payload' }, ResultPath: '$.in.res', OutputPath: '$.in', End: true,
      } },
    }, { input: { in: { v: 2 } } });
    expect(r.output).toEqual({ v: 2, res: { p: { v: 2 } } });
  });

  it('rejects an invalid definition with DefinitionError', () => {
    expect(() => startExecution({ StartAt: 'Nope', States: { A: pass() } })).toThrow(DefinitionError);
  });

  it('fails with the Fail state error and cause; no FailStateExited', async () => {
    const r = await run({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } } });
    expect(r).toMatchObject({ status: 'FAILED', error: 'E', cause: 'C' });
    expect(types(r.history)).toEqual(['ExecutionStarted', 'FailStateEntered F', 'ExecutionFailed']);
  });

  it('States.Runtime (a path matching nothing) fails the execution with the AWS cause prefix', async () => {
    const r = await run({ StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.missing', End: true } } });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toMatch(/^An error occurred while executing the state 'P' \(entered at the event id #2\)\. Invalid path '\$\.missing'/);
  });

  it('Choice picks the first matching rule, then Default, else States.NoChoiceMatched', async () => {
    const def = (dflt?: string) => ({ StartAt: 'C', States: {
      C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 1, Next: 'Big' }, { Variable: '$.n', NumericEquals: -1, Next: 'Small' }], ...(dflt ? { Default: dflt } : {}) },
      Big: pass({ Result: 'big' }), Small: pass({ Result: 'small' }),
    } });
    expect((await run(def('Small'), { input: { n: 2 } })).output).toBe('big');
    expect((await run(def('Small'), { input: { n: 0 } })).output).toBe('small');
    expect((await run(def(), { input: { n: 0 } })).error).toBe('States.NoChoiceMatched');
  });
});

describe('Task results: mock config, handlers, default responses', () => {
  const mockConfig = {
    StateMachines: { SM: { TestCases: { Happy: { T: 'R' } } } },
    MockedResponses: { R: { '0': { Throw: { Error: 'Boom', Cause: 'first' } }, '1-2': { Return: { n: 1 } } } },
  };
  const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 3, BackoffRate: 2 }], End: true } } };

  it('serves mocked responses by invocation index, retries included, on virtual time', async () => {
    const t0 = new Date('2024-01-01T00:00:00Z');
    const r = await run(def, { mockConfig, stateMachineName: 'SM', testCase: 'Happy', startTime: t0 });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({ n: 1 });
    expect(types(r.history)).toEqual(['ExecutionStarted', 'TaskStateEntered T', 'TaskScheduled', 'TaskStarted', 'TaskFailed',
      'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited T', 'ExecutionSucceeded']);
    // the retry waited IntervalSeconds (3 s) of virtual time and TaskScheduled points to TaskFailed
    expect(r.history[5].timestamp).toBe('2024-01-01T00:00:03.000Z');
    expect(r.history[5].previousEventId).toBe(5);
    expect(r.history[7].resultSource).toBe('mock-config');
  });

  it('uses a task handler by state name; a thrown Error name is the ASL error', async () => {
    const r = await run({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } } }, {
      taskHandlers: { T: async () => { const e = new Error('nope'); e.name = 'Custom.Err'; throw e; } },
    });
    expect(r).toMatchObject({ status: 'FAILED', error: 'Custom.Err', cause: 'nope' });
  });

  it('falls back to a default response of the integration shape, flagged on the event', async () => {
    const r = await run({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'Payload.$': '$' }, End: true } } }, { input: { q: 1 } });
    expect((r.output as any).StatusCode).toBe(200);
    expect((r.output as any).Payload).toEqual({ q: 1 });
    expect(r.history.find((e) => e.type === 'TaskSucceeded')!.resultSource).toBe('default');
  });

  it('a bare Lambda ARN produces LambdaFunction* events', async () => {
    const r = await run({ StartAt: 'L', States: { L: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', End: true } } }, { input: 'hi' });
    expect(types(r.history)).toEqual(['ExecutionStarted', 'TaskStateEntered L', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited L', 'ExecutionSucceeded']);
    expect(r.output).toBe('hi');
  });

  it('MaxAttempts 0 never retries; Catch sets ResultPath and goes to Next', async () => {
    const r = await run({ StartAt: 'T', States: {
      T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }],
        Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.err', Next: 'H' }], End: true },
      H: pass(),
    } }, { input: { a: 1 }, taskHandlers: { T: () => { throw new Error('bad'); } } });
    expect(r.output).toEqual({ a: 1, err: { Error: 'Error', Cause: 'bad' } });
    expect(r.history.filter((e) => e.type === 'TaskScheduled')).toHaveLength(1);
  });

  it('States.ALL does not catch States.Runtime', async () => {
    const r = await run({ StartAt: 'T', States: {
      T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', OutputPath: '$.nope.deeper', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'H' }], End: true },
      H: pass(),
    } });
    expect(r.error).toBe('States.Runtime');
  });

  it('TimeoutSeconds on a Task: a mocked States.Timeout is recorded as TaskTimedOut', async () => {
    const r = await run({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 5, End: true } } }, {
      mockConfig: { StateMachines: { StateMachine: { TestCases: { t: { T: 'X' } } } }, MockedResponses: { X: { '0': { Throw: { Error: 'States.Timeout' } } } } },
      testCase: 't',
    });
    expect(r.error).toBe('States.Timeout');
    expect(r.history.map((e) => e.type)).toContain('TaskTimedOut');
  });

  it('.waitForTaskToken waits for sendTaskSuccess; the token is in $$.Task.Token', async () => {
    const exec = startExecution({ StartAt: 'W', States: { W: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'token.$': '$$.Task.Token' }, End: true } } });
    let tokens: string[] = [];
    for (let i = 0; i < 50 && !tokens.length; i++) { await new Promise((r) => setTimeout(r, 1)); tokens = exec.pendingTaskTokens(); }
    expect(tokens).toHaveLength(1);
    exec.sendTaskSuccess(tokens[0], { done: true });
    const r = await exec.result;
    expect(r.output).toEqual({ done: true });
    const sched = r.history.find((e) => e.type === 'TaskScheduled')!;
    expect(JSON.parse((sched.taskScheduledEventDetails as any).parameters).token).toBe(tokens[0]);
  });

  it('sendTaskFailure fails the task with the given error', async () => {
    const exec = startExecution({ StartAt: 'W', States: { W: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } } });
    let tokens: string[] = [];
    for (let i = 0; i < 50 && !tokens.length; i++) { await new Promise((r) => setTimeout(r, 1)); tokens = exec.pendingTaskTokens(); }
    exec.sendTaskFailure(tokens[0], 'Human.Rejected', 'no');
    expect(await exec.result).toMatchObject({ status: 'FAILED', error: 'Human.Rejected', cause: 'no' });
  });
});

describe('Wait, timeouts and stopping (simulated clock)', () => {
  it('a one-year Wait completes at once in virtual time', async () => {
    const t0 = new Date('2024-01-01T00:00:00Z');
    const started = Date.now();
    const r = await run({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 31_536_000, End: true } } }, { startTime: t0 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r.status).toBe('SUCCEEDED');
    expect(r.history[r.history.length - 1].timestamp).toBe('2024-12-31T00:00:00.000Z');
  });

  it('rejects an invalid TimestampPath with the AWS cause', async () => {
    const r = await run({ StartAt: 'W', States: { W: { Type: 'Wait', TimestampPath: '$.t', End: true } } }, { input: { t: '2016-12-05 21:29:29Z' } });
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain('The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.t == 2016-12-05 21:29:29Z');
  });

  it('top-level TimeoutSeconds ends the execution TIMED_OUT', async () => {
    const r = await run({ TimeoutSeconds: 10, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } });
    expect(r.status).toBe('TIMED_OUT');
    expect(r.history[r.history.length - 1].type).toBe('ExecutionTimedOut');
  });

  it('an AbortSignal aborts the execution (ExecutionAborted)', async () => {
    const ac = new AbortController();
    const exec = startExecution({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } } }, { signal: ac.signal });
    setTimeout(() => ac.abort(), 5);
    const r = await exec.result;
    expect(r.status).toBe('ABORTED');
    expect(r.history[r.history.length - 1].type).toBe('ExecutionAborted');
  });

  it('stop() aborts with error and cause', async () => {
    const exec = startExecution({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } } });
    setTimeout(() => exec.stop('Stopped', 'by test'), 5);
    expect(await exec.result).toMatchObject({ status: 'ABORTED', error: 'Stopped', cause: 'by test' });
  });

  it('HeartbeatSeconds without heartbeats fails with States.HeartbeatTimeout', async () => {
    const exec = startExecution({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', HeartbeatSeconds: 5, End: true } } });
    // callbacks hold virtual time; a heartbeat-only client never answers: stop waiting by failing via heartbeat timer
    let tokens: string[] = [];
    for (let i = 0; i < 50 && !tokens.length; i++) { await new Promise((r) => setTimeout(r, 1)); tokens = exec.pendingTaskTokens(); }
    exec.sendTaskHeartbeat(tokens[0]);
    exec.stop();
    expect((await exec.result).status).toBe('ABORTED');
  });
});

describe('quotas', () => {
  const big = 'x'.repeat(300_000);
  it('a state output over 262,144 bytes fails with States.DataLimitExceeded', async () => {
    const r = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Result: big, End: true } } });
    expect(r.error).toBe('States.DataLimitExceeded');
  });
  it("quotas: 'off' lifts the payload limit", async () => {
    const r = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Result: big, End: true } } }, { quotas: 'off' });
    expect(r.status).toBe('SUCCEEDED');
  });
  it('a STANDARD history over 25,000 events fails; EXPRESS has no history limit', async () => {
    const loop = countTo(7000);
    const r = await run(loop);
    expect(r.status).toBe('FAILED');
    expect(r.history.length).toBe(25_000);
    const e = await run(loop, { type: 'EXPRESS' });
    expect(e.status).toBe('SUCCEEDED');
  });
  it('an EXPRESS runaway Pass/Choice loop (no virtual time) ends at the 5-minute limit of real time: TIMED_OUT', async () => {
    // only setTimeout is faked: the run loop's setImmediate yields stay real, so the loop keeps running meanwhile
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const loop = { StartAt: 'A', States: {
        A: { Type: 'Pass', Next: 'C' },
        C: { Type: 'Choice', Choices: [{ Variable: '$.done', IsPresent: true, Next: 'E' }], Default: 'A' },
        E: { Type: 'Succeed' },
      } };
      const exec = startExecution(loop, { type: 'EXPRESS', history: 'none' });
      let settled = false;
      void exec.result.then(() => { settled = true; });
      await new Promise((r) => setImmediate(r));
      vi.advanceTimersByTime(5 * 60 * 1000 - 1);
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      expect(settled).toBe(false);
      vi.advanceTimersByTime(1);
      const r = await exec.result;
      expect(r).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    } finally {
      vi.useRealTimers();
    }
  });
  it('a STANDARD execution ends at 1 year (States.Timeout, TIMED_OUT); quotas off lift it', async () => {
    const day = 24 * 3600;
    const wait = (days: number) => ({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: days * day, End: true } } });
    const start = new Date('2026-01-01T00:00:00.000Z');
    const r = await run(wait(400), { startTime: start });
    expect(r).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution exceeded its 1-year maximum duration.' });
    expect(types(r.history)).toEqual(['ExecutionStarted', 'WaitStateEntered W', 'ExecutionTimedOut']);
    expect(r.history[2].timestamp).toBe('2027-01-01T00:00:00.000Z');
    expect((await run(wait(364), { startTime: start })).status).toBe('SUCCEEDED');
    expect((await run(wait(400), { startTime: start, quotas: 'off' })).status).toBe('SUCCEEDED');
    expect((await run(wait(400), { startTime: start, type: 'EXPRESS' })).status).toBe('TIMED_OUT');
  });
  it('an execution without a history quota keeps at most 1,000,000 events, then counts on and keeps the terminal event', async () => {
    const loop = countTo(260_000);
    const seen: number[] = [];
    const r = await startExecution(loop, { type: 'EXPRESS', onEvent: (e) => { if (e.id > 999_998) seen.push(e.id); } }).result;
    expect(r.status).toBe('SUCCEEDED');
    expect(r.historyTruncated).toBe(true);
    expect(r.history).toHaveLength(1_000_001);
    const last = r.history[1_000_000];
    // 1 ExecutionStarted + 2 for I + 260,000 × 4 for Inc/C + 2 for D, then ExecutionSucceeded
    expect(last).toMatchObject({ type: 'ExecutionSucceeded', id: 1_040_006 });
    expect(seen).toEqual([999_999, 1_000_000, 1_040_006]);
    const small = await run({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, { type: 'EXPRESS' });
    expect(small.historyTruncated).toBeUndefined();
  }, 60_000);
});

describe('variables (AWS dg/workflow-variables.html)', () => {
  it('Assign right-hand sides read pre-assignment values; assignedVariables are JSON text', async () => {
    const r = await run({ StartAt: 'A', States: {
      A: { Type: 'Pass', Assign: { x: 1, y: 2 }, Next: 'B' },
      B: { Type: 'Pass', Assign: { 'x.$': '$y', 'y.$': '$x' }, Next: 'C' },
      C: { Type: 'Pass', Parameters: { 'x.$': '$x', 'y.$': '$y' }, End: true },
    } });
    expect(r.output).toEqual({ x: 2, y: 1 });
    expect(r.history[2].stateExitedEventDetails).toMatchObject({ assignedVariables: { x: '1', y: '2' }, assignedVariablesDetails: { truncated: false } });
  });

  it('inner scopes read outer variables and do not write back', async () => {
    const r = await run({ StartAt: 'A', States: {
      A: { Type: 'Pass', Assign: { v: 'outer' }, Next: 'P' },
      P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Assign: { v: 'inner' }, Parameters: { 'seen.$': '$v' }, End: true } } }], ResultPath: null, Next: 'R' },
      R: { Type: 'Pass', Parameters: { 'v.$': '$v' }, End: true },
    } });
    expect(r.output).toEqual({ v: 'outer' });
  });

  it('JSONata: Assign and Output both see the pre-assignment variables', async () => {
    const r = await run({ QueryLanguage: 'JSONata', StartAt: 'A', States: {
      A: { Type: 'Pass', Assign: { n: 1 }, Next: 'B' },
      B: { Type: 'Pass', Assign: { n: '{% $n + 1 %}' }, Output: '{% $n %}', Next: 'C' },
      C: { Type: 'Pass', Output: '{% $n %}', End: true },
    } });
    expect(r.output).toBe(2);
    expect(r.history[4].stateExitedEventDetails).toMatchObject({ output: '1' });
  });
});

describe('Map and Parallel', () => {
  it('inline Map with MaxConcurrency 1: iteration events and chains as AWS records them', async () => {
    const r = await run({ StartAt: 'M', States: { M: { Type: 'Map', MaxConcurrency: 1, ItemProcessor: { StartAt: 'P', States: { P: pass() } }, End: true } } }, { input: [1, 2] });
    expect(r.output).toEqual([1, 2]);
    expect(types(r.history)).toEqual(['ExecutionStarted', 'MapStateEntered M', 'MapStateStarted', 'MapIterationStarted M[0]', 'PassStateEntered P', 'PassStateExited P',
      'MapIterationSucceeded M[0]', 'MapIterationStarted M[1]', 'PassStateEntered P', 'PassStateExited P', 'MapIterationSucceeded M[1]', 'MapStateSucceeded', 'MapStateExited M', 'ExecutionSucceeded']);
    // next MapIterationStarted points to the previous iteration's last event; Succeeded and Exited both point to the last MapIterationSucceeded
    expect(r.history[7].previousEventId).toBe(6);
    expect(r.history[11].previousEventId).toBe(11);
    expect(r.history[12].previousEventId).toBe(11);
  });

  it('ItemSelector sees $$.Map.Item; ItemBatcher groups items', async () => {
    const r = await run({ StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.xs', ItemSelector: { 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value' }, ItemProcessor: { StartAt: 'P', States: { P: pass() } }, End: true } } }, { input: { xs: ['a', 'b'] } });
    expect(r.output).toEqual([{ i: 0, v: 'a' }, { i: 1, v: 'b' }]);
    const b = await run({ StartAt: 'M', States: { M: { Type: 'Map', ItemBatcher: { MaxItemsPerBatch: 2 }, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: pass() } }, End: true } } }, { input: [1, 2, 3] });
    expect(b.output).toEqual([{ Items: [1, 2] }, { Items: [3] }]);
    expect(b.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });

  it('a failing iteration fails the Map; Catch handles it', async () => {
    const r = await run({ StartAt: 'M', States: {
      M: { Type: 'Map', MaxConcurrency: 1, ItemProcessor: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'X', Cause: 'y' } } }, Catch: [{ ErrorEquals: ['X'], Next: 'H' }], End: true },
      H: pass(),
    } }, { input: [1] });
    expect(r.output).toEqual({ Error: 'X', Cause: 'y' });
    expect(r.history.map((e) => e.type).slice(4, 8)).toEqual(['FailStateEntered', 'MapIterationFailed', 'MapStateFailed', 'MapStateExited']);
  });

  it('Parallel returns the branch outputs in order and fails with a branch error', async () => {
    const ok = await run({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [
      { StartAt: 'A', States: { A: pass({ Result: 'a' }) } }, { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 5, Next: 'B2' }, B2: pass({ Result: 'b' }) } },
    ], End: true } } });
    expect(ok.output).toEqual(['a', 'b']);
    expect(ok.history.map((e) => e.type)).toContain('ParallelStateSucceeded');
    const bad = await run({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [
      { StartAt: 'A', States: { A: { Type: 'Fail', Error: 'Bad' } } }, { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 5, End: true } } },
    ], End: true } } });
    expect(bad.error).toBe('Bad');
    expect(bad.history.map((e) => e.type)).toContain('ParallelStateFailed');
  });
});
