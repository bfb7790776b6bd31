/// <reference lib="webworker" />
/**
 * The execution worker: runs @asl-studio/engine off the main thread and posts the history in batches
 * (every {@link BATCH_MAX_DELAY_MS} ms or {@link BATCH_MAX_EVENTS} events), so a 10,000-item Map does not flood
 * the page. An `abort` message aborts the run's AbortSignal (the engine ends it with ExecutionAborted).
 */
import { startExecution, type ExecutionOptions } from '@asl-studio/engine';
import type { HistoryEvent } from './fold-history';
import { BATCH_MAX_DELAY_MS, BATCH_MAX_EVENTS, type FromWorker, type RunRequest, type ToWorker } from './worker-protocol';

declare const self: DedicatedWorkerGlobalScope;

const controllers = new Map<number, AbortController>();

function post(msg: FromWorker): void {
  self.postMessage(msg);
}

async function run(runId: number, req: RunRequest): Promise<void> {
  const controller = new AbortController();
  controllers.set(runId, controller);
  let buffer: HistoryEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (buffer.length === 0) return;
    post({ type: 'events', runId, events: buffer });
    buffer = [];
  };
  const onEvent = (e: HistoryEvent) => {
    buffer.push(e);
    if (buffer.length >= BATCH_MAX_EVENTS) flush();
    else if (timer === undefined) timer = setTimeout(flush, BATCH_MAX_DELAY_MS);
  };
  try {
    const options: ExecutionOptions = {
      input: req.input,
      name: req.name || undefined,
      stateMachineName: req.stateMachineName || undefined,
      mockConfig: req.mockConfig as ExecutionOptions['mockConfig'],
      testCase: req.testCase || undefined,
      clock: req.clock,
      quotas: req.quotas,
      signal: controller.signal,
      onEvent: onEvent as ExecutionOptions['onEvent'],
    };
    const execution = startExecution(req.definition as Parameters<typeof startExecution>[0], options);
    const result = await execution.result;
    flush();
    post({
      type: 'done',
      runId,
      status: result.status,
      error: result.error,
      cause: result.cause,
      output: result.output === undefined ? undefined : JSON.stringify(result.output),
    });
  } catch (err) {
    flush();
    const e = err as { name?: string; message?: string; diagnostics?: { message: string }[] };
    const message = e?.diagnostics?.length ? e.diagnostics.map((d) => d.message).join('\n') : String(e?.message ?? err);
    post({ type: 'error', runId, error: e?.name && e.name !== 'Error' ? e.name : 'States.Runtime', message });
  } finally {
    controllers.delete(runId);
  }
}

self.onmessage = (m: MessageEvent<ToWorker>) => {
  const msg = m.data;
  if (msg.type === 'start') void run(msg.runId, msg.request);
  else if (msg.type === 'abort') controllers.get(msg.runId)?.abort();
};
