import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(pkg, 'dist', 'asl.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-cli-'));
const write = (name: string, content: unknown) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
};
const asl = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20000 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let json: any;
  try { json = JSON.parse(last); } catch { json = undefined; }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json };
};

beforeAll(() => {
  execFileSync(process.execPath, [path.join(pkg, 'build.mjs')]);
}, 60000);

describe('asl run', () => {
  it('prints one JSON result and exits 0 on success', () => {
    const def = write('ok.json', { StartAt: 'A', States: { A: { Type: 'Pass', Result: { v: 1 }, End: true } } });
    const r = asl('run', '--definition', def);
    expect(r.code).toBe(0);
    expect(r.json).toEqual({ status: 'SUCCEEDED', output: { v: 1 } });
  });

  it('accepts YAML definitions, --input and --history', () => {
    const def = write('ok.yaml', 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n');
    const r = asl('run', '--definition', def, '--input', write('in.json', { q: 2 }), '--history');
    expect(r.json.output).toEqual({ q: 2 });
    expect(r.json.history.map((e: any) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('exits 1 with error and cause on failure', () => {
    const def = write('fail.json', { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } } });
    const r = asl('run', '--definition', def);
    expect(r.code).toBe(1);
    expect(r.json).toEqual({ status: 'FAILED', error: 'E', cause: 'C' });
  });

  it('reports an invalid definition with diagnostics and exit 2', () => {
    const def = write('bad.json', { StartAt: 'Missing', States: { A: { Type: 'Pass', End: true } } });
    const r = asl('run', '--definition', def);
    expect(r.code).toBe(2);
    expect(r.json.status).toBe('INVALID_DEFINITION');
    expect(r.json.diagnostics.length).toBeGreaterThan(0);
  });

  it('uses a mock config test case', () => {
    const def = write('task.json', { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } });
    const mock = write('mock.json', { StateMachines: { SM: { TestCases: { Happy: { T: 'R' } } } }, MockedResponses: { R: { '0': { Return: { ok: 1 } } } } });
    const r = asl('run', '--definition', def, '--mock-config', mock, '--state-machine', 'SM', '--test-case', 'Happy');
    expect(r.json).toEqual({ status: 'SUCCEEDED', output: { ok: 1 } });
  });

  it('task handlers: results, thrown Errors, thrown non-Errors and never-settling handlers', () => {
    const def = write('h.json', { StartAt: 'A', States: {
      A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'B' },
      B: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.b', Next: 'C' }], Next: 'C' },
      C: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.c', Next: 'D' }], Next: 'D' },
      D: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
    } });
    const handlers = write('h.mjs', `export default {
      A: async (input) => ({ fromA: true }),
      B: async () => { const e = new Error('bad input'); e.name = 'Custom.Bad'; throw e; },
      C: async () => { throw 42; },
      D: () => new Promise(() => {}),
    };`);
    const r = asl('run', '--definition', def, '--task-handlers', handlers);
    expect(r.json.status).toBe('FAILED');
    expect(r.json.error).toBe('States.Timeout');
    const h = asl('run', '--definition', def, '--task-handlers', handlers, '--history').json.history;
    const exited = h.filter((e: any) => e.type === 'TaskStateExited').map((e: any) => JSON.parse(e.stateExitedEventDetails.output));
    expect(exited[1].b).toEqual({ Error: 'Custom.Bad', Cause: 'bad input' });
    expect(exited[2].c).toEqual({ Error: 'States.TaskFailed', Cause: '42' });
  });

  it('answers .waitForTaskToken tasks without a handler like a mock', () => {
    const def = write('tok.json', { StartAt: 'W', States: { W: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } } });
    expect(asl('run', '--definition', def).json).toEqual({ status: 'SUCCEEDED', output: {} });
  });

  it('answers them at once also while a timer is pending (EXPRESS 5 minutes, HeartbeatSeconds)', () => {
    const def = write('tok2.json', { StartAt: 'W', States: { W: {
      Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', HeartbeatSeconds: 3600,
      Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } }, End: true,
    } } });
    const t0 = Date.now();
    expect(asl('run', '--definition', def, '--type', 'EXPRESS').json).toEqual({ status: 'SUCCEEDED', output: {} });
    expect(asl('run', '--definition', def).json).toEqual({ status: 'SUCCEEDED', output: {} });
    // both would otherwise wait for a real timer (5 minutes, 1 hour): the 20 s spawn timeout would fail them
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});

describe('asl validate', () => {
  it('prints file:line:col severity code message and exits 1 on errors', () => {
    const good = write('v-ok.json', { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    const bad = write('v-bad.json', '{\n  "StartAt": "X",\n  "States": {"A": {"Type": "Pass", "End": true}}\n}\n');
    expect(asl('validate', good).code).toBe(0);
    const r = asl('validate', good, bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ error [A-Z_]+ .+`, 'm'));
  });
});

describe('asl test-state', () => {
  it('tests one state with a mock', () => {
    const def = write('ts.json', { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultSelector: { 'v.$': '$.Payload' }, Next: 'N' }, N: { Type: 'Succeed' } } });
    const r = asl('test-state', '--definition', def, '--state', 'T', '--mock', write('m.json', { result: { Payload: 7 } }));
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ status: 'SUCCEEDED', output: { v: 7 }, nextState: 'N' });
  });
});
