/**
 * Messages between the page, the execution worker (the engine) and the history worker (history + fold).
 *
 * ```
 *  page ──start(request, port1)──▶ execution.worker ──events / done / error (port)──▶ history.worker
 *   ▲  ──abort──────────────────▶   │              ◀──────────── ack(count) (port) ──
 *   │◀─────── started(executionArn) ┘
 *   │                                                                                   │ folds (fold-history.ts)
 *   └◀──── update (run-view summary + new event rows, ≤ 1 in flight, ≥ PUBLISH_INTERVAL_MS apart) ──┘
 *      ──── ack(seq), query(visit | event | export), run(port2), replay(text), end(synthetic), clear ──▶
 *
 *  page ──sendTaskSuccess | sendTaskFailure | sendTaskHeartbeat (cid)──▶ execution.worker ──callbacks (port)──▶ history.worker
 *   ◀───────────────────────────── callbackResult (cid) ──────────────┘     (pending tokens → update.callbacks → page)
 * ```
 * The page never receives history events: it keeps the summary of the run view and the events table's rows in
 * columnar form ({@link RowChunk}); a visit's payloads or an event's JSON are asked from the history worker.
 */
import type { CallbackOutcome, PendingCallback, PendingToken } from './callbacks';
import type { EventRows, RowChunk } from './event-rows';
import type { ExecutionStatusView, HistoryEvent, StateRunStatus, StateVisit } from './fold-history';

/**
 * The state machine's type (AWS apireference/API_CreateStateMachine.html `type`): STANDARD runs up to a year with a
 * 25,000-event history; EXPRESS up to 5 minutes, without a history-length limit, no `$$.Execution.RedriveCount`, and an
 * execution ARN `…:express:<machine>:<name>:<id>`.
 */
export type RunType = 'STANDARD' | 'EXPRESS';

/** Labels of {@link RunType}, as Workflow Studio shows them. */
export const RUN_TYPE_LABEL: Record<RunType, string> = { STANDARD: 'Standard', EXPRESS: 'Express' };

/** Options of one run, as sent to the execution worker (all structured-cloneable). */
export interface RunRequest {
  /** The ASL definition (plain JSON object). */
  definition: unknown;
  input: unknown;
  /** Execution name. */
  name?: string;
  /** Selects the machine in the mock config. */
  stateMachineName?: string;
  /** Step Functions Local mock config (MockConfigFile). */
  mockConfig?: unknown;
  testCase?: string;
  /** STANDARD when absent (the engine's default); absent for a replayed history (its type is not recorded). */
  type?: RunType;
  clock: 'simulated' | 'real';
  quotas: 'aws' | 'off';
}

// ── page → execution worker ─────────────────────────────────────────────────────────────────────────────────────

export type ToEngine =
  /** Starts a run; its events go to `port` (the history worker holds the other end). */
  | { type: 'start'; runId: number; request: RunRequest; port: MessagePort }
  | { type: 'abort'; runId: number }
  /** SendTaskSuccess for a `.waitForTaskToken` task (output: a JSON value). Answered by `callbackResult` (cid). */
  | { type: 'sendTaskSuccess'; runId: number; cid: number; token: string; output: unknown }
  /** SendTaskFailure (error defaults to `States.TaskFailed`). Answered by `callbackResult`. */
  | { type: 'sendTaskFailure'; runId: number; cid: number; token: string; error?: string; cause?: string }
  /** SendTaskHeartbeat (restarts the task's HeartbeatSeconds). Answered by `callbackResult`. */
  | { type: 'sendTaskHeartbeat'; runId: number; cid: number; token: string };

/** The SendTask* messages of {@link ToEngine}. */
export type CallbackMessage = Extract<ToEngine, { type: 'sendTaskSuccess' | 'sendTaskFailure' | 'sendTaskHeartbeat' }>;

// ── execution worker → page ───────────────────────────────────────────────────────────────────────────────────────

export type EngineToPage =
  /** The run started: its execution ARN (as the engine made it: `…:execution:…` or `…:express:…`). */
  | { type: 'started'; runId: number; executionArn: string }
  /** The answer to a SendTask* message: ok, or the API error (`TaskDoesNotExist` for an unknown or answered token). */
  | { type: 'callbackResult'; runId: number; cid: number; outcome: CallbackOutcome };

// ── execution worker ⇄ history worker (over the run's MessagePort) ─────────────────────────────────────────────────

/**
 * Events arrive in batches (every ~32 ms or 200 events), with at most {@link FLOW_WINDOW} events sent but not yet
 * acknowledged. `done` / `error` come after the last event.
 */
export type EngineToHost =
  | { type: 'events'; runId: number; events: HistoryEvent[] }
  | { type: 'done'; runId: number; status: string; error?: string; cause?: string; output?: string }
  | { type: 'error'; runId: number; error: string; message: string }
  /**
   * The tokens `.waitForTaskToken` tasks now wait on (the whole list, sent when it changes: a token appears after its
   * `TaskScheduled`, disappears once answered, timed out or the run ended). Not under flow control.
   */
  | { type: 'callbacks'; runId: number; pending: PendingToken[] };

/** The history worker folded `count` more events: the execution worker may send that many more (flow control). */
export type HostToEngine = { type: 'ack'; runId: number; count: number };

// ── page ⇄ history worker ──────────────────────────────────────────────────────────────────────────────────────────

/** The run view as the page keeps it: {@link RunView} without the visits (they stay in the history worker). */
export interface RunSummary {
  status: ExecutionStatusView;
  /** Execution input and output, pretty-printed (JSON text). */
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  startedAt?: string;
  endedAt?: string;
  eventCount: number;
  stateTransitions: number;
  stateStatus: Record<string, StateRunStatus>;
  edges: Record<string, number>;
  startTargets: Record<string, true>;
  endSources: Record<string, true>;
  failedState?: string;
  /** Per state name: number of visits and the key of the last one. */
  visits: Record<string, { count: number; lastKey: number }>;
  /** Tasks waiting for SendTaskSuccess / SendTaskFailure (`.waitForTaskToken`), in the order they began waiting. */
  callbacks: PendingCallback[];
}

/** Scalar fields of {@link RunSummary}, sent when they change. */
export const SUMMARY_SCALARS = [
  'status', 'input', 'output', 'error', 'cause', 'startedAt', 'endedAt', 'eventCount', 'stateTransitions', 'failedState',
] as const;
export type SummaryScalars = Pick<RunSummary, (typeof SUMMARY_SCALARS)[number]>;

/** The empty summary (before any event). */
export function emptySummary(): RunSummary {
  return { status: 'NOT_STARTED', eventCount: 0, stateTransitions: 0, stateStatus: {}, edges: {}, startTargets: {}, endSources: {}, visits: {}, callbacks: [] };
}

/**
 * Applies an update: appends its rows to `rows` (in place) and returns the new summary (a new object; maps replaced
 * wholesale when sent). Pure apart from the rows.
 */
export function applyRunUpdate(view: RunSummary, rows: EventRows, u: RunUpdate): RunSummary {
  rows.append(u.rows, u.strings);
  const next: RunSummary = { ...view, ...u.summary };
  if (u.stateStatus) next.stateStatus = u.stateStatus;
  if (u.edges) next.edges = u.edges;
  if (u.startTargets) next.startTargets = u.startTargets;
  if (u.endSources) next.endSources = u.endSources;
  if (u.visits) next.visits = u.visits;
  if (u.callbacks) next.callbacks = u.callbacks;
  return next;
}

/** What changed since the previous update of the run. */
export interface RunUpdate {
  type: 'update';
  runId: number;
  /** Acknowledge with this number (the history worker keeps one update in flight). */
  seq: number;
  /** Changed scalar fields (a present key with an undefined value clears it). */
  summary?: Partial<SummaryScalars>;
  /** Replaced wholesale when anything was folded (these maps are per state name: small). */
  stateStatus?: Record<string, StateRunStatus>;
  edges?: Record<string, number>;
  startTargets?: Record<string, true>;
  endSources?: Record<string, true>;
  visits?: Record<string, { count: number; lastKey: number }>;
  /** The tasks waiting for a callback, replaced wholesale when the list changed. */
  callbacks?: PendingCallback[];
  /** New rows of the events table (typed arrays, transferred) and the strings they introduced. */
  rows?: RowChunk;
  strings?: string[];
}

/** A visit as the page sees it: {@link StateVisit} without its event ids, payloads pretty-printed. */
export type VisitInfo = Omit<StateVisit, 'eventIds'> & { eventCount: number };

/** Answer to a visit query. */
export interface VisitReply {
  visit: VisitInfo;
  /** Position among the state's visits (0-based) and their number. */
  pos: number;
  count: number;
}

export type HostQuery =
  /** A visit of a state: by key, by position among its visits, by (innermost) Map iteration index, else the last one. */
  | { kind: 'visit'; name: string; key?: number; pos?: number; iteration?: number }
  /** An event, its JSON-text fields decoded, pretty-printed (for the events table's expanded row). */
  | { kind: 'event'; id: number }
  /** The whole history as a GetExecutionHistory JSON file (Blob). */
  | { kind: 'export' };

export type ToHost =
  /** A live run begins: its events come over `port` from the execution worker. */
  | { type: 'run'; runId: number; port: MessagePort }
  /** Replays a recorded history (GetExecutionHistory JSON text). Answered by `replayed`, then updates. */
  | { type: 'replay'; runId: number; text: string }
  /**
   * Ends the run with a synthetic event (the execution worker crashed or was terminated). `drop`: ignore whatever the
   * execution worker still had in flight (else it is folded first, for up to ~50 ms).
   */
  | { type: 'end'; runId: number; event: 'ExecutionFailed' | 'ExecutionAborted'; details: Record<string, unknown>; drop: boolean }
  | { type: 'clear' }
  | { type: 'ack'; runId: number; seq: number }
  | { type: 'query'; qid: number; runId: number; query: HostQuery };

export type FromHost =
  | RunUpdate
  | { type: 'replayed'; runId: number; error?: string }
  | { type: 'reply'; qid: number; result: unknown };

/** Largest batch the execution worker posts. */
export const BATCH_MAX_EVENTS = 200;
/** Longest the execution worker holds events back before posting them (ms). */
export const BATCH_MAX_DELAY_MS = 32;
/** Events in flight (posted, not yet acknowledged by the history worker) at most. */
export const FLOW_WINDOW = 3000;
/** The page gets at most one update per this many ms while events stream in (and one in flight at a time). */
export const PUBLISH_INTERVAL_MS = 150;
