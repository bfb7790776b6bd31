import fs from 'node:fs';
import { DefinitionError, startUnchecked, type ExecutionResult, type MockConfig } from '@asl-studio/engine';
import { str, type Args } from './args.js';
import { loadData, loadDefinition } from './files.js';
import { HandlerSet } from './handlers.js';

/**
 * A random RFC 4122 version-4 UUID for the execution name. Not `crypto.randomUUID()`: in Node the first use of
 * `globalThis.crypto` loads WebCrypto and the stream modules, a noticeable share of a short run's start-up.
 */
function executionName(): string {
  const h = '0123456789abcdef';
  let s = '';
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) s += '-';
    else if (i === 14) s += '4';
    else if (i === 19) s += h[8 + Math.floor(Math.random() * 4)];
    else s += h[Math.floor(Math.random() * 16)];
  }
  return s;
}

function print(obj: unknown): void {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

/** `asl run`: runs one execution and prints `{"status", "output"?, "error"?, "cause"?, "history"?, "historyTruncated"?}`. */
export async function runCommand(args: Args): Promise<number> {
  const defFile = str(args, '--definition') ?? args.positionals[0];
  if (!defFile) {
    process.stderr.write('usage: asl run --definition F [--input F] ...\n');
    return 2;
  }
  const { doc, diagnostics } = loadDefinition(defFile);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !doc.definition) {
    print({ status: 'INVALID_DEFINITION', diagnostics: errors.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column, path: d.path })) });
    return 2;
  }
  const inputFile = str(args, '--input');
  const input = inputFile ? loadData(inputFile) : {};
  const mockFile = str(args, '--mock-config');
  const mockConfig = mockFile ? (loadData(mockFile) as MockConfig) : undefined;
  const handlers = new HandlerSet();
  const handlerFile = str(args, '--task-handlers');
  if (handlerFile) await handlers.load(handlerFile);
  const type = str(args, '--type')?.toUpperCase() === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
  const quotas = str(args, '--quotas') === 'off' ? 'off' : 'aws';
  const withHistory = args.opts.has('--history');

  let exec;
  try {
    exec = startUnchecked(doc.definition as any, {
      input,
      name: executionName(),
      stateMachineName: str(args, '--state-machine'),
      testCase: str(args, '--test-case'),
      mockConfig,
      taskHandlers: handlerFile ? handlers.handlers : undefined,
      type,
      quotas,
      history: withHistory ? 'full' : 'none',
    });
  } catch (e) {
    if (e instanceof DefinitionError) {
      print({ status: 'INVALID_DEFINITION', diagnostics: e.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column })) });
      return 2;
    }
    throw e;
  }
  // When Node has nothing left to do the execution is stuck on something external: fail stalled handlers,
  // answer pending task tokens (as a mock would), or stop the execution.
  let finished = false;
  const onBeforeExit = (): void => {
    if (finished) return;
    if (handlers.failStalled() > 0) return;
    const tokens = exec.pendingTaskTokens();
    if (tokens.length) {
      for (const t of tokens) exec.sendTaskSuccess(t, {});
      return;
    }
    exec.stop('States.Runtime', 'The execution stalled: nothing left to run.');
  };
  process.on('beforeExit', onBeforeExit);
  // A pending timer (an EXPRESS execution's 5 minutes, a TimeoutSeconds) keeps Node busy, so beforeExit would come
  // only when it fires: answer `.waitForTaskToken` callbacks as they appear instead (unreferenced: never keeps Node up).
  let poll: ReturnType<typeof setInterval> | undefined;
  if (doc.text.includes('.waitForTaskToken')) {
    poll = setInterval(() => {
      if (finished) return;
      for (const t of exec.pendingTaskTokens()) {
        try { exec.sendTaskSuccess(t, {}); } catch { /* answered or timed out meanwhile */ }
      }
    }, 20);
    poll.unref();
  }
  const r: ExecutionResult = await exec.result;
  finished = true;
  if (poll) clearInterval(poll);
  process.off('beforeExit', onBeforeExit);
  const out: Record<string, unknown> = { status: r.status };
  if (r.status === 'SUCCEEDED') out.output = r.output;
  if (r.error !== undefined) out.error = r.error;
  if (r.cause !== undefined) out.cause = r.cause;
  if (withHistory) out.history = r.history;
  if (withHistory && r.historyTruncated) {
    out.historyTruncated = true;
    process.stderr.write('asl: the history had more events than are kept in memory (1,000,000): it holds the first ones and the last.\n');
  }
  const text = JSON.stringify(out) + '\n';
  // large outputs: write synchronously so nothing is lost at exit
  fs.writeSync(1, text);
  return r.status === 'SUCCEEDED' ? 0 : 1;
}
