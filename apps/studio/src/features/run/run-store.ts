import { create } from 'zustand';
import type { CallbackCall, CallbackOutcome } from './callbacks';
import { EventRows } from './event-rows';
import type { ExecutionStatusView } from './fold-history';
import { RunHost } from './run-host';
import {
  applyRunUpdate,
  emptySummary,
  type EngineToPage,
  type FromHost,
  type HostQuery,
  type RunRequest,
  type RunSummary,
  type RunUpdate,
  type ToEngine,
  type ToHost,
  type VisitReply,
} from './worker-protocol';

export type { StateRunStatus } from './fold-history';

/** Execution status as shown in the UI (`NOT_STARTED` before any run). */
export type RunStatus = ExecutionStatusView;

/** How long Stop waits for the worker to confirm the abort before terminating it (ms). */
export const ABORT_GRACE_MS = 1000;

/**
 * The run store's state. The run view is folded from the history in the history worker (run-host.ts); the page keeps
 * its summary ({@link RunStoreState.view}) and the events table's rows ({@link RunStoreState.rows}).
 */
export interface RunStoreState {
  /** Increments per run (and replay); messages about older runs are ignored. 0 = no run yet. */
  runId: number;
  /** True from the Start click on (the canvas shows idle states from then on). */
  started: boolean;
  /** Summary of the run view: execution status, input/output, each state's canvas status, the path, visit counts. */
  view: RunSummary;
  /** The events table (append-only, mutated in place; watch {@link version}). */
  rows: EventRows;
  /** Increments with every update from the history worker. */
  version: number;
  /** Execution status (mirrors view.status, as a primitive for cheap selectors). */
  status: RunStatus;
  /** The request of the current run (for the summary: name, type, test case, clock). */
  request: RunRequest | undefined;
  /** The current run's execution ARN, once the engine started it (none for a replayed history). */
  executionArn: string | undefined;
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
  view: emptySummary(),
  rows: new EventRows(),
  version: 0,
  status: 'NOT_STARTED',
  request: undefined,
  executionArn: undefined,
  dialogOpen: false,
  selectedVisit: undefined,
  selectedEvent: undefined,
}));

// ── the two workers ────────────────────────────────────────────────────────────────────────────────────────────────

interface HostHandle {
  post(msg: ToHost, transfer?: Transferable[]): void;
  terminate(): void;
}

let engine: Worker | undefined;
let host: HostHandle | undefined;
let abortTimer: ReturnType<typeof setTimeout> | undefined;
let nextQid = 1;
const queries = new Map<number, (result: unknown) => void>();
const replays = new Map<number, (error: string | undefined) => void>();
let nextCid = 1;
const calls = new Map<number, { resolve: (outcome: CallbackOutcome) => void; timer: ReturnType<typeof setTimeout> }>();

/** How long a SendTask* call waits for the execution worker's answer (ms). */
export const CALLBACK_REPLY_MS = 5000;

/** The history worker, or the same host in-process where workers are unavailable. */
function getHost(): HostHandle {
  if (host) return host;
  try {
    if (typeof Worker === 'undefined') throw new Error('no Worker');
    const w = new Worker(new URL('./history.worker.ts', import.meta.url), { type: 'module', name: 'asl-history' });
    w.onmessage = (m: MessageEvent<FromHost>) => onHostMessage(m.data);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      hostCrashed(e.message || 'The history worker crashed.');
    };
    host = { post: (msg, transfer = []) => w.postMessage(msg, transfer), terminate: () => w.terminate() };
  } catch {
    const inline = new RunHost((msg) => setTimeout(() => onHostMessage(msg), 0));
    host = { post: (msg) => setTimeout(() => inline.handle(msg), 0), terminate: () => inline.handle({ type: 'clear' }) };
  }
  return host;
}

function getEngine(): Worker {
  if (engine) return engine;
  const w = new Worker(new URL('./execution.worker.ts', import.meta.url), { type: 'module', name: 'asl-execution' });
  w.onmessage = (m: MessageEvent<EngineToPage>) => {
    const msg = m.data;
    if (msg?.type === 'callbackResult') settleCall(msg.cid, msg.outcome);
    else if (msg?.type === 'started' && msg.runId === useRunStore.getState().runId) useRunStore.setState({ executionArn: msg.executionArn });
  };
  w.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    const runId = useRunStore.getState().runId;
    discardEngine();
    endRun(runId, 'ExecutionFailed', { error: 'WorkerError', cause: e.message || 'The execution worker crashed.' }, false);
  };
  engine = w;
  return w;
}

function discardEngine(): void {
  if (!engine) return;
  engine.terminate();
  engine = undefined;
  for (const cid of [...calls.keys()]) settleCall(cid, { ok: false, error: 'WorkerError', message: 'The execution worker stopped before answering.' });
  // The next run should not pay for starting a worker.
  setTimeout(prepareRunWorkers, 1000);
}

/** Asks the history worker to end the run with a synthetic event (the execution worker is gone). */
function endRun(runId: number, event: 'ExecutionFailed' | 'ExecutionAborted', details: Record<string, unknown>, drop: boolean): void {
  getHost().post({ type: 'end', runId, event, details, drop });
}

/** The history worker itself crashed: the history is lost; the page shows the failure (no fold left to ask). */
function hostCrashed(message: string): void {
  host?.terminate();
  host = undefined;
  discardEngine();
  for (const resolve of queries.values()) resolve(undefined);
  queries.clear();
  for (const resolve of replays.values()) resolve(`The history worker crashed: ${message}`);
  replays.clear();
  const s = useRunStore.getState();
  if (!s.started || (s.status !== 'RUNNING' && s.status !== 'NOT_STARTED')) return;
  useRunStore.setState({ view: { ...s.view, status: 'FAILED', error: 'WorkerError', cause: message }, status: 'FAILED', version: s.version + 1 });
}

function onHostMessage(msg: FromHost): void {
  if (msg.type === 'reply') {
    const resolve = queries.get(msg.qid);
    queries.delete(msg.qid);
    resolve?.(msg.result);
  } else if (msg.type === 'replayed') {
    const resolve = replays.get(msg.runId);
    replays.delete(msg.runId);
    resolve?.(msg.error);
  } else if (msg.type === 'update') {
    applyUpdate(msg);
  }
}

/** Applies an update of the current run (a few maps and a memcpy of new rows), then acknowledges it. */
function applyUpdate(u: RunUpdate): void {
  const s = useRunStore.getState();
  if (u.runId !== s.runId) return;
  const view = applyRunUpdate(s.view, s.rows, u);
  // A replayed history that never started still shows as a run (as the live one does from the Start click).
  const status: RunStatus = view.status === 'NOT_STARTED' ? 'RUNNING' : view.status;
  if (status !== 'RUNNING') clearAbortTimer();
  useRunStore.setState({ view, status, version: s.version + 1 });
  getHost().post({ type: 'ack', runId: u.runId, seq: u.seq });
}

/**
 * Asks the history worker about the current run: a visit's data, an event's JSON, the export file. Resolves to
 * undefined when the run changed meanwhile or there is no such thing.
 *
 * @example
 * const reply = (await queryRun({ kind: 'visit', name: 'Work', iteration: 42 })) as VisitReply | undefined;
 */
export function queryRun(query: Extract<HostQuery, { kind: 'visit' }>): Promise<VisitReply | undefined>;
export function queryRun(query: Extract<HostQuery, { kind: 'event' }>): Promise<string | undefined>;
export function queryRun(query: Extract<HostQuery, { kind: 'export' }>): Promise<Blob | undefined>;
export function queryRun(query: HostQuery): Promise<unknown> {
  const runId = useRunStore.getState().runId;
  const qid = nextQid++;
  return new Promise((resolve) => {
    queries.set(qid, resolve);
    getHost().post({ type: 'query', qid, runId, query });
  });
}

function clearAbortTimer(): void {
  if (abortTimer !== undefined) clearTimeout(abortTimer);
  abortTimer = undefined;
}

/** Fresh view fields for a new run or replay. */
function resetView() {
  return { view: emptySummary(), rows: new EventRows(), version: 0, executionArn: undefined, selectedVisit: undefined, selectedEvent: undefined };
}

/**
 * Starts the two workers ahead of the first run (starting a worker costs the page a task of its own, tens of ms on a
 * slow machine: better at idle time than during the run). Harmless when they already run or workers are unavailable.
 */
export function prepareRunWorkers(): void {
  try {
    getHost();
    if (typeof Worker !== 'undefined') getEngine();
  } catch {
    /* started on demand (and reported) by startRun */
  }
}

/**
 * Starts a run in the execution worker; the current view is replaced. `request.type` (STANDARD or EXPRESS) goes to the
 * engine as is; the execution ARN it makes arrives a moment later ({@link RunStoreState.executionArn}).
 *
 * @example
 * startRun({ definition, input: {}, type: 'EXPRESS', clock: 'simulated', quotas: 'aws' });
 */
export function startRun(request: RunRequest): void {
  clearAbortTimer();
  const runId = useRunStore.getState().runId + 1;
  useRunStore.setState({ runId, started: true, status: 'RUNNING', request, dialogOpen: false, ...resetView() });
  const channel = new MessageChannel();
  getHost().post({ type: 'run', runId, port: channel.port2 }, [channel.port2]);
  try {
    const msg: ToEngine = { type: 'start', runId, request, port: channel.port1 };
    getEngine().postMessage(msg, [channel.port1]);
  } catch (err) {
    discardEngine();
    endRun(runId, 'ExecutionFailed', { error: 'WorkerError', cause: err instanceof Error ? err.message : String(err) }, true);
  }
}

/**
 * Stops the current run: asks the worker to abort (→ ExecutionAborted). If it does not answer within
 * {@link ABORT_GRACE_MS}, the worker is terminated and the run is marked Aborted.
 */
export function stopRun(): void {
  const s = useRunStore.getState();
  if (s.status !== 'RUNNING' || !engine) return;
  const runId = s.runId;
  const msg: ToEngine = { type: 'abort', runId };
  engine.postMessage(msg);
  clearAbortTimer();
  abortTimer = setTimeout(() => {
    abortTimer = undefined;
    const now = useRunStore.getState();
    if (now.runId !== runId || now.status !== 'RUNNING') return;
    // The history worker ignores this when the run ended meanwhile (its terminal event is on the way).
    discardEngine();
    endRun(
      runId,
      'ExecutionAborted',
      {
        error: 'States.Aborted',
        cause: `The execution did not answer Stop within ${ABORT_GRACE_MS} ms (it never yielded); the studio terminated its worker. Events it had not sent yet are not shown.`,
      },
      true,
    );
  }, ABORT_GRACE_MS);
}

function settleCall(cid: number, outcome: CallbackOutcome): void {
  const c = calls.get(cid);
  if (!c) return;
  calls.delete(cid);
  clearTimeout(c.timer);
  c.resolve(outcome);
}

/** Sends a SendTask* call to the execution worker; resolves to its outcome (never rejects). */
function callEngine(call: CallbackCall): Promise<CallbackOutcome> {
  const s = useRunStore.getState();
  if (s.status !== 'RUNNING' || !engine || s.request?.definition === undefined) {
    return Promise.resolve({ ok: false, error: 'TaskDoesNotExist', message: 'The execution is not running: there is no task waiting for this token.' });
  }
  const cid = nextCid++;
  const w = engine;
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => settleCall(cid, { ok: false, error: 'Timeout', message: `The execution worker did not answer within ${CALLBACK_REPLY_MS / 1000} s.` }),
      CALLBACK_REPLY_MS,
    );
    calls.set(cid, { resolve, timer });
    try {
      w.postMessage({ ...call, runId: s.runId, cid } satisfies ToEngine);
    } catch (err) {
      settleCall(cid, { ok: false, error: 'WorkerError', message: err instanceof Error ? err.message : String(err) });
    }
  });
}

/**
 * SendTaskSuccess: the `.waitForTaskToken` task waiting on `token` succeeds with `output` (a JSON value). Resolves to
 * `{ok: false, error: 'TaskDoesNotExist', …}` when no task waits on the token (answered, timed out, run over).
 *
 * @example
 * const r = await sendTaskSuccess(token, { approved: true });
 * if (!r.ok) show(`${r.error}: ${r.message}`);
 */
export function sendTaskSuccess(token: string, output: unknown): Promise<CallbackOutcome> {
  return callEngine({ type: 'sendTaskSuccess', token, output });
}

/** SendTaskFailure: the task fails with `error` (default `States.TaskFailed`) and `cause`; Retry/Catch apply. */
export function sendTaskFailure(token: string, error?: string, cause?: string): Promise<CallbackOutcome> {
  return callEngine({ type: 'sendTaskFailure', token, error, cause });
}

/** SendTaskHeartbeat: restarts the task's HeartbeatSeconds. */
export function sendTaskHeartbeat(token: string): Promise<CallbackOutcome> {
  return callEngine({ type: 'sendTaskHeartbeat', token });
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
 * AWS console or from this panel) offline: the history worker parses and folds it, the view is the same as for a live
 * run. Resolves to an error message when the text is not a history (the current view stays).
 */
export async function loadHistory(text: string, name?: string): Promise<string | undefined> {
  if (useRunStore.getState().status === 'RUNNING') return 'Stop the running execution first.';
  const runId = useRunStore.getState().runId + 1;
  const error = await new Promise<string | undefined>((resolve) => {
    replays.set(runId, resolve);
    getHost().post({ type: 'replay', runId, text });
  });
  if (error !== undefined) return error;
  useRunStore.setState({
    runId,
    started: true,
    status: 'RUNNING',
    request: { definition: undefined, input: undefined, name: name ?? 'replayed history', clock: 'simulated', quotas: 'off' },
    dialogOpen: false,
    ...resetView(),
  });
  return undefined;
}

/** Clears the run (canvas back to design colours). */
export function clearRun(): void {
  if (useRunStore.getState().status === 'RUNNING') return;
  host?.post({ type: 'clear' });
  useRunStore.setState((s) => ({ runId: s.runId + 1, started: false, status: 'NOT_STARTED', request: undefined, ...resetView() }));
}
