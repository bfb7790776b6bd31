import { create } from 'zustand';
import { HistoryFold, type ExecutionStatusView, type HistoryEvent } from './fold-history';
import type { FromWorker, RunRequest, ToWorker } from './worker-protocol';

export type { StateRunStatus } from './fold-history';

/** Execution status as shown in the UI (`NOT_STARTED` before any run). */
export type RunStatus = ExecutionStatusView;

/** How long Stop waits for the worker to confirm the abort before terminating it (ms). */
export const ABORT_GRACE_MS = 1000;
/** Main-thread budget per slice when folding incoming events (ms); keeps every task well under 50 ms. */
const FOLD_BUDGET_MS = 8;
const FOLD_CHUNK = 250;
/** React sees at most one update per this many ms while events stream in. */
const PUBLISH_INTERVAL_MS = 150;

/** The run store's state. The run view itself lives in {@link RunStoreState.fold} (a fold over {@link RunStoreState.events}). */
export interface RunStoreState {
  /** Increments per run; messages from older runs are ignored. 0 = no run yet. */
  runId: number;
  /** True from the Start click on (the canvas shows idle states from then on). */
  started: boolean;
  /** The incremental fold of the current run's history. */
  fold: HistoryFold;
  /** Every event of the current run, in order (mutated in place; watch {@link version}). */
  events: HistoryEvent[];
  /** Increments whenever events were folded. */
  version: number;
  /** Execution status (mirrors fold.view.status, as a primitive for cheap selectors). */
  status: RunStatus;
  /** The request of the current run (for the summary). */
  request: RunRequest | undefined;
  /** Whether the Start dialog is open. */
  dialogOpen: boolean;
  /** Visit shown in the state details (key = id of its StateEntered event); undefined = the selected state's last visit. */
  selectedVisit: number | undefined;
  /** Id of the event highlighted in the events list. */
  selectedEvent: number | undefined;
}

/**
 * The run store (zustand). Actions are module-level functions below ({@link startRun}, {@link stopRun}, …).
 *
 * @example
 * const status = useRunStore((s) => s.status);
 */
export const useRunStore = create<RunStoreState>(() => ({
  runId: 0,
  started: false,
  fold: new HistoryFold(),
  events: [],
  version: 0,
  status: 'NOT_STARTED',
  request: undefined,
  dialogOpen: false,
  selectedVisit: undefined,
  selectedEvent: undefined,
}));

let worker: Worker | undefined;
let pending: HistoryEvent[] = [];
let pendingHead = 0;
let drainScheduled = false;
let lastPublish = 0;
let drainChannel: MessageChannel | undefined;
let abortTimer: ReturnType<typeof setTimeout> | undefined;
let doneInfo: Extract<FromWorker, { type: 'done' }> | undefined;

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./execution.worker.ts', import.meta.url), { type: 'module', name: 'asl-execution' });
  w.onmessage = (m: MessageEvent<FromWorker>) => onWorkerMessage(m.data);
  w.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    failRun('WorkerError', e.message || 'The execution worker crashed.');
    discardWorker();
  };
  w.onmessageerror = () => failRun('WorkerError', 'A message from the execution worker could not be read.');
  worker = w;
  return w;
}

function discardWorker(): void {
  worker?.terminate();
  worker = undefined;
}

function onWorkerMessage(msg: FromWorker): void {
  if (msg.runId !== useRunStore.getState().runId) return;
  if (msg.type === 'events') {
    for (const e of msg.events) pending.push(e);
    scheduleDrain();
  } else if (msg.type === 'done') {
    doneInfo = msg;
    scheduleDrain();
  } else if (msg.type === 'error') {
    failRun(msg.error, msg.message);
  }
}

/** Tells the worker that `count` more events were folded (flow control). */
function ack(count: number): void {
  if (count <= 0 || !worker) return;
  const msg: ToWorker = { type: 'ack', runId: useRunStore.getState().runId, count };
  worker.postMessage(msg);
}

/** Schedules {@link drain} as a new task (MessageChannel: no timer clamping, rendering can happen in between). */
function scheduleDrain(): void {
  if (drainScheduled) return;
  drainScheduled = true;
  if (!drainChannel) {
    drainChannel = new MessageChannel();
    drainChannel.port1.onmessage = drain;
  }
  drainChannel.port2.postMessage(0);
}

/** Folds everything still pending, synchronously (before a synthetic event, or on reset). */
function foldAllPending(): void {
  const s = useRunStore.getState();
  if (pendingHead < pending.length) {
    const rest = pending.slice(pendingHead);
    s.fold.push(rest);
    for (const e of rest) s.events.push(e);
    ack(rest.length);
  }
  pending = [];
  pendingHead = 0;
}

/**
 * Folds pending events in slices of at most FOLD_BUDGET_MS per task, and publishes to React at most every
 * PUBLISH_INTERVAL_MS (and when the backlog is empty), so a flood of events never blocks the page.
 */
function drain(): void {
  drainScheduled = false;
  const s = useRunStore.getState();
  const t0 = performance.now();
  const from = pendingHead;
  while (pendingHead < pending.length && performance.now() - t0 < FOLD_BUDGET_MS) {
    const end = Math.min(pending.length, pendingHead + FOLD_CHUNK);
    const chunk = pending.slice(pendingHead, end);
    s.fold.push(chunk);
    for (const e of chunk) s.events.push(e);
    pendingHead = end;
  }
  ack(pendingHead - from);
  if (pendingHead >= pending.length) {
    pending = [];
    pendingHead = 0;
  } else if (pendingHead > 50_000) {
    pending = pending.slice(pendingHead);
    pendingHead = 0;
  }
  const idle = pending.length === 0;
  if (idle && doneInfo) finishFromResult(doneInfo);
  if (idle || performance.now() - lastPublish >= PUBLISH_INTERVAL_MS) publish();
  if (!idle) scheduleDrain();
}

function publish(): void {
  const s = useRunStore.getState();
  lastPublish = performance.now();
  if (s.fold.view.status !== 'RUNNING' && s.fold.view.status !== 'NOT_STARTED') clearAbortTimer();
  useRunStore.setState({ version: s.version + 1, status: s.fold.view.status });
}

/** Appends a synthetic event (worker crash, forced abort) so the view stays a fold over the history. */
function appendSynthetic(type: string, details?: Record<string, unknown>, dropPending = false): void {
  // Fold whatever already arrived first, in order (or drop it: a runaway worker's backlog).
  if (dropPending) {
    pending = [];
    pendingHead = 0;
  } else foldAllPending();
  const s = useRunStore.getState();
  const last = s.events[s.events.length - 1];
  const id = (last?.id ?? 0) + 1;
  const e: HistoryEvent = { id, previousEventId: last?.id ?? 0, timestamp: new Date().toISOString(), type, synthetic: true };
  if (details) e[type[0].toLowerCase() + type.slice(1) + 'EventDetails'] = details;
  s.fold.push([e]);
  s.events.push(e);
  publish();
}

function finishFromResult(msg: Extract<FromWorker, { type: 'done' }>): void {
  doneInfo = undefined;
  const s = useRunStore.getState();
  if (s.fold.view.status !== 'RUNNING' && s.fold.view.status !== 'NOT_STARTED') return;
  // The engine's history should end with the terminal event; if it did not, record the result.
  if (msg.status === 'SUCCEEDED') appendSynthetic('ExecutionSucceeded', { output: msg.output ?? 'null' });
  else if (msg.status === 'ABORTED') appendSynthetic('ExecutionAborted');
  else if (msg.status === 'TIMED_OUT') appendSynthetic('ExecutionTimedOut', { error: msg.error ?? 'States.Timeout', cause: msg.cause });
  else appendSynthetic('ExecutionFailed', { error: msg.error ?? 'States.Runtime', cause: msg.cause });
}

function failRun(error: string, cause: string): void {
  const s = useRunStore.getState();
  if (!s.started || (s.fold.view.status !== 'RUNNING' && s.fold.view.status !== 'NOT_STARTED')) return;
  appendSynthetic('ExecutionFailed', { error, cause });
}

function clearAbortTimer(): void {
  if (abortTimer !== undefined) clearTimeout(abortTimer);
  abortTimer = undefined;
}

/** Starts a run in the execution worker; the current view is replaced. */
export function startRun(request: RunRequest): void {
  clearAbortTimer();
  pending = [];
  pendingHead = 0;
  doneInfo = undefined;
  const runId = useRunStore.getState().runId + 1;
  useRunStore.setState({
    runId,
    started: true,
    fold: new HistoryFold(),
    events: [],
    version: 0,
    status: 'RUNNING',
    request,
    dialogOpen: false,
    selectedVisit: undefined,
    selectedEvent: undefined,
  });
  try {
    const msg: ToWorker = { type: 'start', runId, request };
    getWorker().postMessage(msg);
  } catch (err) {
    failRun('WorkerError', err instanceof Error ? err.message : String(err));
  }
}

/**
 * Stops the current run: asks the worker to abort (→ ExecutionAborted). If it does not answer within
 * {@link ABORT_GRACE_MS}, the worker is terminated and the run is marked Aborted.
 */
export function stopRun(): void {
  const s = useRunStore.getState();
  if (s.status !== 'RUNNING' || !worker) return;
  const runId = s.runId;
  const msg: ToWorker = { type: 'abort', runId };
  worker.postMessage(msg);
  clearAbortTimer();
  abortTimer = setTimeout(() => {
    abortTimer = undefined;
    const now = useRunStore.getState();
    // Already finished in the worker: the backlog is still being folded, nothing to abort.
    if (now.runId !== runId || now.status !== 'RUNNING' || doneInfo) return;
    discardWorker();
    const dropped = pending.length - pendingHead;
    appendSynthetic(
      'ExecutionAborted',
      {
        error: 'States.Aborted',
        cause:
          `The execution did not answer Stop within ${ABORT_GRACE_MS} ms (it never yielded); the studio terminated its worker.` +
          (dropped > 0 ? ` ${dropped.toLocaleString('en-US')} events received after that point are not shown.` : ''),
      },
      true,
    );
  }, ABORT_GRACE_MS);
}

/** Opens / closes the Start execution dialog. */
export function setDialogOpen(open: boolean): void {
  useRunStore.setState({ dialogOpen: open });
}

/** Shows a given visit (and optionally an event) in the run panel. */
export function selectVisit(key: number | undefined, eventId?: number): void {
  useRunStore.setState({ selectedVisit: key, selectedEvent: eventId });
}

/**
 * Replays a recorded history (GetExecutionHistory JSON: `{events: [...]}` or a bare array, e.g. one exported from the
 * AWS console or from this panel) offline: the view is the same fold as for a live run. Returns an error message when
 * the text is not a history.
 */
export function loadHistory(text: string, name?: string): string | undefined {
  if (useRunStore.getState().status === 'RUNNING') return 'Stop the running execution first.';
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return `Not JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  const raw = Array.isArray(data) ? data : (data as { events?: unknown })?.events;
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((e) => e && typeof e === 'object' && typeof e.type === 'string')) {
    return 'Not an execution history: expected {"events": [{"id", "previousEventId", "timestamp", "type", …}]}.';
  }
  const events: HistoryEvent[] = raw.map((e: Record<string, unknown>, i: number) => {
    const ts = e.timestamp;
    const timestamp =
      typeof ts === 'number' ? new Date(ts < 1e12 ? ts * 1000 : ts).toISOString() : typeof ts === 'string' ? ts : new Date(0).toISOString();
    return { ...e, id: typeof e.id === 'number' ? e.id : i + 1, previousEventId: typeof e.previousEventId === 'number' ? e.previousEventId : 0, timestamp } as HistoryEvent;
  });
  const fold = new HistoryFold();
  fold.push(events);
  useRunStore.setState({
    runId: useRunStore.getState().runId + 1,
    started: true,
    fold,
    events,
    version: 0,
    status: fold.view.status === 'NOT_STARTED' ? 'RUNNING' : fold.view.status,
    request: { definition: undefined, input: undefined, name: name ?? 'replayed history', clock: 'simulated', quotas: 'off' },
    dialogOpen: false,
    selectedVisit: undefined,
    selectedEvent: undefined,
  });
  return undefined;
}

/** Clears the run (canvas back to design colours). */
export function clearRun(): void {
  if (useRunStore.getState().status === 'RUNNING') return;
  useRunStore.setState({
    started: false,
    fold: new HistoryFold(),
    events: [],
    version: 0,
    status: 'NOT_STARTED',
    request: undefined,
    selectedVisit: undefined,
    selectedEvent: undefined,
  });
}
