/**
 * Golden histories: fixed definitions whose full event lists (GetExecutionHistory shape) are checked in under
 * test/golden/. Timestamps are deterministic (fixed start time, simulated clock). Regenerate with UPDATE_GOLDEN=1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startExecution } from './index.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test', 'golden');
const startTime = new Date('2024-05-01T12:00:00.000Z');

const cases: Record<string, { def: object; input: unknown; handlers?: Record<string, (i: any) => unknown> }> = {
  'order-flow': {
    def: {
      StartAt: 'Validate',
      States: {
        Validate: { Type: 'Pass', Parameters: { 'id.$': '$.id', 'items.$': '$.items' }, Assign: { 'orderId.$': '$.id' }, Next: 'Charge' },
        Charge: {
          Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'charge', 'Payload.$': '$' },
          ResultSelector: { 'ok.$': '$.Payload.ok' }, ResultPath: '$.charge',
          Retry: [{ ErrorEquals: ['Charge.Busy'], IntervalSeconds: 2, BackoffRate: 3 }], Next: 'Ship',
        },
        Ship: {
          Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 1, ResultPath: '$.shipped',
          ItemProcessor: { StartAt: 'Pack', States: { Pack: { Type: 'Pass', Parameters: { 'sku.$': '$', 'order.$': '$orderId' }, End: true } } },
          Next: 'Wait',
        },
        Wait: { Type: 'Wait', Seconds: 60, Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    },
    input: { id: 'o-1', items: ['a', 'b'] },
    handlers: (() => { let n = 0; return { Charge: () => { if (n++ < 2) { const e = new Error('busy'); e.name = 'Charge.Busy'; throw e; } return { StatusCode: 200, Payload: { ok: true } }; } }; })(),
  },
  'catch-and-fail': {
    def: {
      StartAt: 'Try',
      States: {
        Try: { Type: 'Parallel', Branches: [{ StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Custom.Boom', Cause: 'it broke' } } }],
          Catch: [{ ErrorEquals: ['Custom.Boom'], ResultPath: '$.error', Next: 'Report' }], End: true },
        Report: { Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' },
      },
    },
    input: {},
  },
};

describe('golden histories', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, async () => {
      const r = await startExecution(c.def, { input: c.input, name: 'golden', startTime, taskHandlers: c.handlers as any }).result;
      const file = path.join(dir, `${name}.json`);
      const actual = JSON.parse(JSON.stringify({ status: r.status, output: r.output, error: r.error, cause: r.cause, history: r.history }));
      if (process.env.UPDATE_GOLDEN || !fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify(actual, null, 1) + '\n');
      expect(actual).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
    });
  }
});
