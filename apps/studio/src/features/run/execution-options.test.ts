/**
 * The engine's options for a run request: the type goes through (absent = the engine's STANDARD), empty strings are
 * "not set"; run through the engine, Express gives an `…:express:…` execution without `$$.Execution.RedriveCount`.
 */
import { describe, expect, it } from 'vitest';
import { startExecution } from '@asl-studio/engine';
import { executionOptions } from './execution-options';
import type { RunRequest } from './worker-protocol';

const ctxDef = { StartAt: 'Ctx', States: { Ctx: { Type: 'Pass', Parameters: { 'ctx.$': '$$.Execution' }, End: true } } };
const req = (patch: Partial<RunRequest> = {}): RunRequest => ({ definition: ctxDef, input: {}, clock: 'simulated', quotas: 'aws', ...patch });

describe('executionOptions', () => {
  it.each([
    ['Express', 'EXPRESS' as const, 'EXPRESS'],
    ['Standard', 'STANDARD' as const, 'STANDARD'],
    ['no type (a request from before the choice): the engine defaults to STANDARD', undefined, undefined],
  ])('passes the type: %s', (_why, type, expected) => {
    expect(executionOptions(req({ type })).type).toBe(expected);
  });

  it('maps empty strings to unset and keeps the run’s signal and listener', () => {
    const signal = new AbortController().signal;
    const onEvent = () => {};
    const o = executionOptions(req({ name: '', stateMachineName: '', testCase: '', clock: 'real', quotas: 'off' }), { signal, onEvent });
    expect(o).toMatchObject({ name: undefined, stateMachineName: undefined, testCase: undefined, clock: 'real', quotas: 'off', signal, onEvent });
  });

  it.each([
    ['EXPRESS' as const, /^arn:aws:states:[^:]+:\d+:express:Orders:run-1:[0-9a-f-]{36}$/, false],
    ['STANDARD' as const, /^arn:aws:states:[^:]+:\d+:execution:Orders:run-1$/, true],
  ])('%s through the engine: the ARN and $$.Execution', async (type, arn, redrive) => {
    const exec = startExecution(ctxDef as never, executionOptions(req({ type, name: 'run-1', stateMachineName: 'Orders' })));
    expect(exec.executionArn).toMatch(arn);
    const r = await exec.result;
    const ctx = (r.output as { ctx: Record<string, unknown> }).ctx;
    expect(ctx.Id).toBe(exec.executionArn);
    expect('RedriveCount' in ctx).toBe(redrive);
    if (redrive) expect(ctx.RedriveCount).toBe(0);
  });
});
