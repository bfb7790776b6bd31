/**
 * The history host: keeps a run's execution history and folds it ({@link HistoryFold}), off the page. It runs in the
 * history worker (history.worker.ts), or in-process where workers are unavailable. The page receives only what it
 * draws: the run-view summary (statuses, path, counters) and the events table's new rows in columnar form
 * ({@link RowEncoder}), at most one update in flight and at most one per {@link PUBLISH_INTERVAL_MS}; payloads (a
 * visit's input/output, an event's JSON, the export file) are answered on request. A 70,000-event run costs the page a
 * few dozen small updates instead of 70,000 deserialised events.
 *
 * Pure TypeScript (no DOM, no React): talks through the `post` callback and the run's MessagePort.
 */
import { resolveCallbacks, type PendingCallback, type PendingToken } from './callbacks';
import { RowEncoder, ROW_MOCKED, ROW_SYNTHETIC, chunkBuffers } from './event-rows';
import { HistoryFold, eventDetails, isMockedEvent, type HistoryEvent, type StateVisit } from './fold-history';
import { prettyOrUndefined } from './json-text';
import {
  PUBLISH_INTERVAL_MS,
  SUMMARY_SCALARS,
  type EngineToHost,
  type FromHost,
  type HostQuery,
  type HostToEngine,
  type RunSummary,
  type RunUpdate,
  type SummaryScalars,
  type ToHost,
  type VisitInfo,
  type VisitReply,
} from './worker-protocol';

/** The end of a MessagePort the host reads engine events from (structural, so tests can pass any port). */
export interface EnginePort {
  onmessage: ((m: MessageEvent<EngineToHost>) => void) | null;
  postMessage(msg: HostToEngine): void;
  close(): void;
}

/** How long an `end` without `drop` waits for events the execution worker still had in flight (ms). */
const END_GRACE_MS = 50;

interface Run {
  runId: number;
  history: HistoryEvent[];
  fold: HistoryFold;
  rows: RowEncoder;
  port: EnginePort | undefined;
  seq: number;
  inflight: boolean;
  lastPost: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Fold version last posted. */
  postedVersion: number;
  /** Scalar values last posted (raw, before pretty-printing). */
  posted: Partial<Record<keyof SummaryScalars, unknown>>;
  reset: boolean;
  /** Task tokens the engine waits on (from the execution worker), and whether they changed since the last update. */
  tokens: PendingToken[];
  tokensChanged: boolean;
  /** The callbacks last posted (JSON), to post only changes. */
  postedCallbacks: string;
}

/** Parses a recorded history (GetExecutionHistory JSON, a bare array, AWS console export). Pure. */
export function parseHistory(text: string): { events: HistoryEvent[] } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: `Not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const raw = Array.isArray(data) ? data : (data as { events?: unknown })?.events;
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((e) => e && typeof e === 'object' && typeof e.type === 'string')) {
    return { error: 'Not an execution history: expected {"events": [{"id", "previousEventId", "timestamp", "type", …}]}.' };
  }
  const events: HistoryEvent[] = raw.map((e: Record<string, unknown>, i: number) => {
    const ts = e.timestamp;
    const timestamp =
      typeof ts === 'number' ? new Date(ts < 1e12 ? ts * 1000 : ts).toISOString() : typeof ts === 'string' ? ts : new Date(0).toISOString();
    return { ...e, id: typeof e.id === 'number' ? e.id : i + 1, previousEventId: typeof e.previousEventId === 'number' ? e.previousEventId : 0, timestamp } as HistoryEvent;
  });
  return { events };
}

function resourceOf(d: Record<string, unknown> | undefined): string | undefined {
  if (!d) return undefined;
  if (typeof d.resourceType === 'string' && typeof d.resource === 'string') return `${d.resourceType}:${d.resource}`;
  if (typeof d.resource === 'string') return d.resource;
  return undefined;
}

/** The event with its JSON-text fields decoded, for reading. Pure. */
export function expandEvent(e: HistoryEvent): unknown {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (v && typeof v === 'object' && k.endsWith('EventDetails')) {
      const d: Record<string, unknown> = {};
      for (const [dk, dv] of Object.entries(v as Record<string, unknown>)) {
        if (typeof dv === 'string' && /^(input|output|parameters|cause)$/.test(dk)) {
          try {
            d[dk] = JSON.parse(dv);
            continue;
          } catch {
            /* plain text */
          }
        }
        d[dk] = dv;
      }
      out[k] = d;
    } else out[k] = v;
  }
  return out;
}

/** A visit for the page: without its event ids, payloads pretty-printed. */
function visitInfo(v: StateVisit): VisitInfo {
  const { eventIds, ...rest } = v;
  return {
    ...rest,
    iterationPath: [...v.iterationPath],
    input: prettyOrUndefined(v.input),
    output: prettyOrUndefined(v.output),
    parameters: prettyOrUndefined(v.parameters),
    result: prettyOrUndefined(v.result),
    eventCount: eventIds.length,
  };
}

/**
 * The history host. Feed it the page's messages ({@link RunHost.handle}); it posts {@link FromHost} messages
 * through `post` (with the typed arrays to transfer).
 *
 * @example
 * const host = new RunHost((msg, transfer) => self.postMessage(msg, transfer));
 * self.onmessage = (m) => host.handle(m.data);
 */
export class RunHost {
  private run: Run | undefined;

  constructor(
    private readonly post: (msg: FromHost, transfer: Transferable[]) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Handles one message from the page. */
  handle(msg: ToHost): void {
    switch (msg.type) {
      case 'run':
        this.begin(msg.runId, msg.port as unknown as EnginePort);
        break;
      case 'replay':
        this.replay(msg.runId, msg.text);
        break;
      case 'end':
        this.end(msg);
        break;
      case 'clear':
        this.dispose();
        break;
      case 'ack': {
        const r = this.run;
        if (r && r.runId === msg.runId && r.seq === msg.seq) {
          r.inflight = false;
          this.schedule();
        }
        break;
      }
      case 'query':
        this.post({ type: 'reply', qid: msg.qid, result: this.run?.runId === msg.runId ? this.answer(msg.query) : undefined }, []);
        break;
    }
  }

  private fresh(runId: number, port: EnginePort | undefined): Run {
    return {
      runId,
      history: [],
      fold: new HistoryFold(),
      rows: new RowEncoder(),
      port,
      seq: 0,
      inflight: false,
      lastPost: -Infinity,
      timer: undefined,
      postedVersion: 0,
      posted: {},
      reset: true,
      tokens: [],
      tokensChanged: false,
      postedCallbacks: '[]',
    };
  }

  private dispose(): void {
    const r = this.run;
    if (!r) return;
    if (r.timer !== undefined) clearTimeout(r.timer);
    if (r.port) {
      r.port.onmessage = null;
      r.port.close();
    }
    this.run = undefined;
  }

  private begin(runId: number, port: EnginePort): void {
    this.dispose();
    const r = this.fresh(runId, port);
    this.run = r;
    port.onmessage = (m) => this.fromEngine(r, m.data);
  }

  private fromEngine(r: Run, msg: EngineToHost): void {
    if (this.run !== r || msg.runId !== r.runId) return;
    if (msg.type === 'events') {
      this.fold(r, msg.events);
      r.port?.postMessage({ type: 'ack', runId: r.runId, count: msg.events.length });
    } else if (msg.type === 'callbacks') {
      r.tokens = msg.pending;
      r.tokensChanged = true;
      this.schedule();
    } else if (msg.type === 'done') {
      this.detach(r);
      // The engine's history should end with the terminal event; if it did not, record the result.
      if (!this.isOpen(r)) return;
      if (msg.status === 'SUCCEEDED') this.synthetic(r, 'ExecutionSucceeded', { output: msg.output ?? 'null' });
      else if (msg.status === 'ABORTED') this.synthetic(r, 'ExecutionAborted');
      else if (msg.status === 'TIMED_OUT') this.synthetic(r, 'ExecutionTimedOut', { error: msg.error ?? 'States.Timeout', cause: msg.cause });
      else this.synthetic(r, 'ExecutionFailed', { error: msg.error ?? 'States.Runtime', cause: msg.cause });
    } else if (msg.type === 'error') {
      this.detach(r);
      if (this.isOpen(r)) this.synthetic(r, 'ExecutionFailed', { error: msg.error, cause: msg.message });
    }
  }

  private detach(r: Run): void {
    if (!r.port) return;
    r.port.onmessage = null;
    r.port.close();
    r.port = undefined;
  }

  private isOpen(r: Run): boolean {
    const s = r.fold.view.status;
    return s === 'RUNNING' || s === 'NOT_STARTED';
  }

  private end(msg: Extract<ToHost, { type: 'end' }>): void {
    const r = this.run;
    if (!r || r.runId !== msg.runId) return;
    const finish = () => {
      if (this.run !== r) return;
      this.detach(r);
      if (this.isOpen(r)) this.synthetic(r, msg.event, msg.details);
    };
    if (msg.drop) finish();
    else setTimeout(finish, END_GRACE_MS);
  }

  /** Appends a synthetic event (the studio's, not the engine's) so the view stays a fold over the history. */
  private synthetic(r: Run, type: string, details?: Record<string, unknown>): void {
    const last = r.history[r.history.length - 1];
    const e: HistoryEvent = { id: (last?.id ?? 0) + 1, previousEventId: last?.id ?? 0, timestamp: new Date().toISOString(), type, synthetic: true };
    if (details) e[type[0].toLowerCase() + type.slice(1) + 'EventDetails'] = details;
    this.fold(r, [e]);
  }

  private replay(runId: number, text: string): void {
    const parsed = parseHistory(text);
    if ('error' in parsed) {
      this.post({ type: 'replayed', runId, error: parsed.error }, []);
      return;
    }
    this.dispose();
    const r = this.fresh(runId, undefined);
    this.run = r;
    this.post({ type: 'replayed', runId }, []);
    this.fold(r, parsed.events);
  }

  /** Folds events, encodes their table rows, and schedules an update. */
  private fold(r: Run, events: readonly HistoryEvent[]): void {
    const f = r.fold;
    f.push(events);
    for (const e of events) {
      r.history.push(e);
      const key = f.ownerOf(e.id);
      const v = key ? f.visit(key) : undefined;
      const d = eventDetails(e);
      let iteration: string | undefined;
      if (v) {
        const path = v.iterationPath;
        // Map iteration events carry the iteration index themselves.
        const it = e.type.startsWith('MapIteration') && typeof d?.index === 'number' ? [...path, d.index] : path;
        if (it.length) iteration = it.join('.');
      }
      r.rows.add({
        id: e.id,
        type: e.type,
        stepKey: v ? v.key : 0,
        step: v?.name,
        iteration,
        resource: resourceOf(d),
        time: Date.parse(e.timestamp),
        flags: (isMockedEvent(e) ? ROW_MOCKED : 0) | (e.synthetic ? ROW_SYNTHETIC : 0),
      });
    }
    this.schedule();
  }

  private schedule(): void {
    const r = this.run;
    if (!r || r.inflight || r.timer !== undefined) return;
    if (r.fold.version === r.postedVersion && !r.reset && !r.tokensChanged) return;
    const wait = this.isOpen(r) ? r.lastPost + PUBLISH_INTERVAL_MS - this.now() : 0;
    if (wait <= 0) this.publish(r);
    else
      r.timer = setTimeout(() => {
        r.timer = undefined;
        if (this.run === r && !r.inflight) this.publish(r);
      }, wait);
  }

  private publish(r: Run): void {
    let callbacks: PendingCallback[] | undefined;
    if (r.tokens.length || r.tokensChanged || r.postedCallbacks !== '[]') {
      const list = this.callbacks(r);
      const text = JSON.stringify(list);
      if (text !== r.postedCallbacks) {
        callbacks = list;
        r.postedCallbacks = text;
      }
      r.tokensChanged = false;
    }
    // Only the token list was touched, and what the page shows of it did not change.
    if (!callbacks && r.fold.version === r.postedVersion && !r.reset) return;
    const view = r.fold.view;
    const msg: RunUpdate = { type: 'update', runId: r.runId, seq: ++r.seq };
    if (callbacks) msg.callbacks = callbacks;
    const summary: Partial<Record<keyof SummaryScalars, unknown>> = {};
    let changed = false;
    for (const k of SUMMARY_SCALARS) {
      const raw = view[k];
      if (raw === r.posted[k] && !(r.reset && raw !== undefined)) continue;
      r.posted[k] = raw;
      // Pretty-printed here, once per value: the page never parses the payloads.
      summary[k] = k === 'input' || k === 'output' ? prettyOrUndefined(raw as string | undefined) : raw;
      changed = true;
    }
    if (changed) msg.summary = summary as Partial<SummaryScalars>;
    if (r.fold.version !== r.postedVersion || r.reset) {
      msg.stateStatus = { ...view.stateStatus };
      msg.edges = { ...view.edges };
      msg.startTargets = { ...view.startTargets };
      msg.endSources = { ...view.endSources };
      const visits: RunSummary['visits'] = {};
      for (const name in view.visitsByName) {
        const list = view.visitsByName[name];
        visits[name] = { count: list.length, lastKey: list[list.length - 1]?.key ?? 0 };
      }
      msg.visits = visits;
    }
    let transfer: Transferable[] = [];
    if (r.rows.pending > 0 || r.reset) {
      const { rows, strings } = r.rows.take();
      msg.rows = rows;
      msg.strings = strings;
      transfer = chunkBuffers(rows);
    }
    r.postedVersion = r.fold.version;
    r.reset = false;
    r.inflight = true;
    r.lastPost = this.now();
    this.post(msg, transfer);
  }

  /** The tasks waiting for a callback, for the page (none once the run ended). */
  private callbacks(r: Run): PendingCallback[] {
    if (!this.isOpen(r) || !r.tokens.length) return [];
    const f = r.fold;
    return resolveCallbacks(r.tokens, {
      // Not folded yet (the token's message overtook its events): left out until it is.
      event: (id) => (id > 0 && id <= (r.history[r.history.length - 1]?.id ?? 0) ? eventById(r.history, id) : undefined),
      visitOf: (id) => {
        const key = f.ownerOf(id);
        return key ? f.visit(key) : undefined;
      },
      visit: (key) => f.visit(key),
    });
  }

  private answer(q: HostQuery): unknown {
    const r = this.run;
    if (!r) return undefined;
    if (q.kind === 'visit') {
      const list = r.fold.view.visitsByName[q.name];
      if (!list?.length) return undefined;
      let pos = list.length - 1;
      if (q.key !== undefined) {
        const i = indexOfKey(list, q.key);
        if (i >= 0) pos = i;
      } else if (q.pos !== undefined) {
        pos = Math.max(0, Math.min(list.length - 1, Math.trunc(q.pos)));
      } else if (q.iteration !== undefined) {
        let i = list.length - 1;
        while (i >= 0 && list[i].iteration !== q.iteration) i--;
        if (i < 0) return undefined;
        pos = i;
      }
      const reply: VisitReply = { visit: visitInfo(list[pos]), pos, count: list.length };
      return reply;
    }
    if (q.kind === 'event') {
      const e = eventById(r.history, q.id);
      return e ? JSON.stringify(expandEvent(e), null, 2) : undefined;
    }
    if (q.kind === 'export') {
      return new Blob([JSON.stringify({ events: r.history }, null, 2)], { type: 'application/json' });
    }
    return undefined;
  }
}

/** Index of the visit with this key in a state's visits (keys ascend), or -1. */
function indexOfKey(list: readonly StateVisit[], key: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = list[mid].key;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function eventById(history: readonly HistoryEvent[], id: number): HistoryEvent | undefined {
  const guess = history[id - 1];
  if (guess?.id === id) return guess;
  let lo = 0;
  let hi = history.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = history[mid].id;
    if (k === id) return history[mid];
    if (k < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return history.find((e) => e.id === id);
}
