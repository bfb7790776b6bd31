/// <reference lib="webworker" />
/**
 * The execution worker: runs @asl-studio/engine off the main thread and posts the history, over the run's
 * MessagePort, to the history worker (history.worker.ts) — never to the page — in batches (every
 * {@link BATCH_MAX_DELAY_MS} ms or {@link BATCH_MAX_EVENTS} events) under flow control: at most {@link FLOW_WINDOW}
 * events are in flight until the history worker acknowledges them. An `abort` message from the page aborts the run's
 * AbortSignal (the engine ends it with ExecutionAborted). A separate worker, so that the page can terminate an engine
 * that never yields without losing the history folded so far.
 *
 * The run's options come from the request ({@link executionOptions}: type STANDARD or EXPRESS, clock, quotas, mocks);
 * once started, the page gets the execution ARN (`started`).
 *
 * `.waitForTaskToken` tasks: a {@link CallbackTracker} follows the engine's pending task tokens (after each event, a
 * microtask later, and after each SendTask* call) and sends the list to the history worker when it changes; the page's
 * `sendTaskSuccess` / `sendTaskFailure` / `sendTaskHeartbeat` messages are answered with `callbackResult`.
 */
import { startExecution, type ExecutionOptions } from '@asl-studio/engine';
import { CallbackTracker, answerCallback } from './callbacks';
import { executionOptions } from './execution-options';
import type { HistoryEvent } from './fold-history';
import {
  BATCH_MAX_DELAY_MS,
  BATCH_MAX_EVENTS,
  FLOW_WINDOW,
  type CallbackMessage,
  type EngineToHost,
  type EngineToPage,
  type HostToEngine,
  type RunRequest,
  type ToEngine,
} from './worker-protocol';

declare const self: DedicatedWorkerGlobalScope;

/**
 * Safety net of the studio (not an AWS quota): a run that passes this many events is stopped, so an endless loop with
 * AWS quotas off cannot exhaust the page's memory.
 */
export const STUDIO_MAX_EVENTS = 500_000;

interface Outbox {
  runId: number;
  buffer: HistoryEvent[];
  head: number;
  inflight: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The final message, sent once every event went out. */
  final: EngineToHost | undefined;
  controller: AbortController;
  /** To the history worker. */
  port: MessagePort;
  /** The running execution (undefined until started, and once its result is known). */
  execution: ReturnType<typeof startExecution> | undefined;
  tracker: CallbackTracker;
  /** A pending-token check is queued (one per burst of events). */
  checkQueued: boolean;
}

const runs = new Map<number, Outbox>();

/** Compares the engine's pending task tokens with the last list sent; sends the new list when it changed. */
function checkTokens(o: Outbox): void {
  o.checkQueued = false;
  if (!o.execution || runs.get(o.runId) !== o) return;
  const pending = o.tracker.reconcile(o.execution.pendingTaskTokens());
  if (pending) o.port.postMessage({ type: 'callbacks', runId: o.runId, pending } satisfies EngineToHost);
}

/** SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat from the page: calls the engine, answers with the outcome. */
function callback(msg: CallbackMessage): void {
  const o = runs.get(msg.runId);
  const outcome = answerCallback(o?.execution, msg);
  if (o) checkTokens(o);
  self.postMessage({ type: 'callbackResult', runId: msg.runId, cid: msg.cid, outcome } satisfies EngineToPage);
}

/** Sends what the flow window allows; sends the final message when everything went out. */
function flush(o: Outbox): void {
  if (o.timer !== undefined) clearTimeout(o.timer);
  o.timer = undefined;
  while (o.head < o.buffer.length && o.inflight < FLOW_WINDOW) {
    const n = Math.min(BATCH_MAX_EVENTS, FLOW_WINDOW - o.inflight, o.buffer.length - o.head);
    const events = o.buffer.slice(o.head, o.head + n);
    o.head += n;
    o.inflight += n;
    o.port.postMessage({ type: 'events', runId: o.runId, events } satisfies EngineToHost);
  }
  if (o.head >= o.buffer.length) {
    o.buffer = [];
    o.head = 0;
    if (o.final) {
      o.port.postMessage(o.final);
      runs.delete(o.runId);
      o.port.onmessage = null;
    }
  } else if (o.head > 100_000) {
    o.buffer = o.buffer.slice(o.head);
    o.head = 0;
  }
}

async function run(runId: number, req: RunRequest, port: MessagePort): Promise<void> {
  const o: Outbox = { runId, buffer: [], head: 0, inflight: 0, timer: undefined, final: undefined, controller: new AbortController(), port,
    execution: undefined, tracker: new CallbackTracker(), checkQueued: false };
  runs.set(runId, o);
  port.onmessage = (m: MessageEvent<HostToEngine>) => {
    if (m.data.type === 'ack' && runs.get(runId) === o) {
      o.inflight = Math.max(0, o.inflight - m.data.count);
      flush(o);
    }
  };
  let count = 0;
  const onEvent = (e: HistoryEvent) => {
    o.buffer.push(e);
    o.tracker.observe(e);
    if (!o.checkQueued) {
      // The engine registers a token right after the task's TaskStarted; answered tokens go with the next events.
      o.checkQueued = true;
      queueMicrotask(() => checkTokens(o));
    }
    if (++count === STUDIO_MAX_EVENTS) {
      queueMicrotask(() =>
        o.execution?.stop('Studio.HistoryLimit', `The execution passed ${STUDIO_MAX_EVENTS.toLocaleString('en-US')} events; the studio stopped it.`),
      );
    }
    if (o.buffer.length - o.head >= BATCH_MAX_EVENTS) flush(o);
    else if (o.timer === undefined) o.timer = setTimeout(() => flush(o), BATCH_MAX_DELAY_MS);
  };
  try {
    const options = executionOptions(req, { signal: o.controller.signal, onEvent: onEvent as ExecutionOptions['onEvent'] });
    o.execution = startExecution(req.definition as Parameters<typeof startExecution>[0], options);
    self.postMessage({ type: 'started', runId, executionArn: o.execution.executionArn } satisfies EngineToPage);
    const result = await o.execution.result;
    o.execution = undefined;
    if (o.tracker.pending.length) o.port.postMessage({ type: 'callbacks', runId, pending: [] } satisfies EngineToHost);
    o.final = {
      type: 'done',
      runId,
      status: result.status,
      error: result.error,
      cause: result.cause,
      output: result.output === undefined ? undefined : JSON.stringify(result.output),
    };
  } catch (err) {
    const e = err as { name?: string; message?: string; diagnostics?: { message: string }[] };
    const message = e?.diagnostics?.length ? e.diagnostics.map((d) => d.message).join('\n') : String(e?.message ?? err);
    o.final = { type: 'error', runId, error: e?.name && e.name !== 'Error' ? e.name : 'States.Runtime', message };
  }
  flush(o);
}

self.onmessage = (m: MessageEvent<ToEngine>) => {
  const msg = m.data;
  if (msg.type === 'start') {
    // One run at a time: a new start abandons older runs.
    for (const [id, o] of runs) {
      o.controller.abort();
      if (o.timer !== undefined) clearTimeout(o.timer);
      o.port.onmessage = null;
      o.port.close();
      runs.delete(id);
    }
    void run(msg.runId, msg.request, msg.port);
  } else if (msg.type === 'abort') {
    runs.get(msg.runId)?.controller.abort();
  } else if (msg.type === 'sendTaskSuccess' || msg.type === 'sendTaskFailure' || msg.type === 'sendTaskHeartbeat') {
    callback(msg);
  } else {
    msg satisfies never;
  }
};
