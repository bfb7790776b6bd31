/**
 * The real execution worker (execution.worker.ts, loaded with a stand-in `self`): a start message's `type` reaches the
 * engine — Express: an `…:express:…` ARN posted to the page as `started`, `$$.Execution` without RedriveCount;
 * Standard (or no type): `…:execution:…`, RedriveCount 0. Events and the result go over the run's port.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineToHost, EngineToPage, RunRequest, RunType, ToEngine } from './worker-protocol';

const toPage: EngineToPage[] = [];
const fakeSelf = { onmessage: null as ((m: MessageEvent<ToEngine>) => void) | null, postMessage: (m: EngineToPage) => void toPage.push(m) };

beforeAll(async () => {
  vi.stubGlobal('self', fakeSelf);
  await import('./execution.worker');
});
afterAll(() => vi.unstubAllGlobals());

const ctxDef = { StartAt: 'Ctx', States: { Ctx: { Type: 'Pass', Parameters: { 'ctx.$': '$$.Execution' }, End: true } } };

/** Starts a run in the worker; resolves with the worker's `started` message and the run's final message. */
async function run(runId: number, type: RunType | undefined) {
  const request: RunRequest = { definition: ctxDef, input: {}, name: `run-${runId}`, stateMachineName: 'Orders', type, clock: 'simulated', quotas: 'aws' };
  const channel = new MessageChannel();
  const events: string[] = [];
  const final = new Promise<Extract<EngineToHost, { type: 'done' | 'error' }>>((resolve) => {
    channel.port2.onmessage = (m: MessageEvent<EngineToHost>) => {
      const msg = m.data;
      if (msg.type === 'events') {
        events.push(...msg.events.map((e) => e.type));
        channel.port2.postMessage({ type: 'ack', runId, count: msg.events.length });
      } else if (msg.type === 'done' || msg.type === 'error') resolve(msg);
    };
  });
  fakeSelf.onmessage!({ data: { type: 'start', runId, request, port: channel.port1 } } as MessageEvent<ToEngine>);
  const done = await final;
  channel.port1.close();
  channel.port2.close();
  const started = toPage.find((m) => m.type === 'started' && m.runId === runId) as Extract<EngineToPage, { type: 'started' }>;
  return { started, done, events };
}

describe('execution worker', () => {
  it.each([
    ['EXPRESS' as const, /:express:Orders:run-1:[0-9a-f-]{36}$/, false],
    ['STANDARD' as const, /:execution:Orders:run-2$/, true],
    [undefined, /:execution:Orders:run-3$/, true],
  ])('runs the request’s type (%s) and tells the page the execution ARN', async (type, arn, redrive) => {
    const runId = type === 'EXPRESS' ? 1 : type === 'STANDARD' ? 2 : 3;
    const { started, done, events } = await run(runId, type);
    expect(started.executionArn).toMatch(arn);
    expect(done.type).toBe('done');
    expect(events[0]).toBe('ExecutionStarted');
    expect(events.at(-1)).toBe('ExecutionSucceeded');
    const ctx = JSON.parse((done as { output: string }).output).ctx as Record<string, unknown>;
    expect(ctx.Id).toBe(started.executionArn);
    expect(ctx.RedriveCount).toBe(redrive ? 0 : undefined);
    expect('RedriveCount' in ctx).toBe(redrive);
  });
});
