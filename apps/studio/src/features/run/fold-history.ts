/**
 * The run view as a pure fold over an execution's event history (GetExecutionHistory shape, see
 * /work/shared/HISTORY-FORMAT.md). Everything the studio shows about a run (execution status, per-state status on
 * the canvas, the path taken, each visit's input/output/error) is derived here and nowhere else.
 *
 * {@link foldHistory} is the pure entry point. {@link HistoryFold} is the same fold, incremental: the studio feeds it
 * batches of live events so a 10,000-iteration Map costs O(events) in total rather than O(events²). Folding a history
 * in one go or in any split into batches gives the same view (tested).
 */

/** One history event as GetExecutionHistory returns it (structurally the engine's `HistoryEvent`). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: string;
  type: string;
  [details: string]: unknown;
}

/** Status of the execution as the studio shows it; `NOT_STARTED` before any event. */
export type ExecutionStatusView = 'NOT_STARTED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** Status of a state on the canvas (aggregated over all its visits); `idle` = not reached. */
export type StateRunStatus = 'idle' | 'running' | 'succeeded' | 'failed' | 'caught' | 'retrying';

/**
 * Status of one visit of a state:
 * `running` (entered, not exited), `retrying` (a failed attempt is being retried), `succeeded` (exited normally),
 * `failed` (an error was raised and not (yet) retried or caught), `caught` (exited through a Catch),
 * `aborted` (still open when the execution or its Map/Parallel ended).
 */
export type VisitStatus = 'running' | 'retrying' | 'succeeded' | 'failed' | 'caught' | 'aborted';

/** One entry into a state (a `<Type>StateEntered` event and everything that belongs to it). */
export interface StateVisit {
  /** Id of the visit's `<Type>StateEntered` event (unique per visit). */
  key: number;
  /** State name. */
  name: string;
  /** ASL state type, from the event type (`Task`, `Map`, …). */
  type: string;
  /** Key of the enclosing Map/Parallel visit; 0 at the top level. */
  parent: number;
  /** Index of the innermost Map iteration this visit runs in, if any. */
  iteration?: number;
  /** Iteration indexes from the outermost Map inwards (empty at the top level). */
  iterationPath: number[];
  status: VisitStatus;
  /** State input (JSON text, as in the event). */
  input?: string;
  /** State output (JSON text). For a caught state this is the Catch result. */
  output?: string;
  /** Last error raised in this visit (kept after a retry or catch, for display). */
  error?: string;
  /** Cause of {@link error}. */
  cause?: string;
  /** Task: resolved parameters of the last attempt (JSON text). */
  parameters?: string;
  /** Task: raw result of the last successful attempt (JSON text), before ResultSelector/ResultPath. */
  result?: string;
  /** Task: number of attempts (scheduled events); Map/Parallel: number of starts. */
  attempts: number;
  /** Task: true when the result came from a default response (no mock and no handler). */
  mocked: boolean;
  /** Task: where the last result came from, as the engine reports it (`mock-config`, `handler`, `default`). */
  resultSource?: string;
  /** Map: item count from `MapStateStarted`. */
  mapLength?: number;
  /** Map: iterations that succeeded / failed. */
  iterationsSucceeded: number;
  iterationsFailed: number;
  enteredAt: string;
  exitedAt?: string;
  /** Id of the exit event (`…StateExited`, or the failure that ended the visit). */
  lastEventId: number;
  /** True once the visit can no longer change (exited, Fail state, aborted). */
  closed: boolean;
  /** Ids of every event that belongs to this visit, in order. */
  eventIds: number[];
}

/** The whole run view. */
export interface RunView {
  status: ExecutionStatusView;
  /** Execution input and output (JSON text). */
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  startedAt?: string;
  endedAt?: string;
  /** Number of events folded. */
  eventCount: number;
  /** Number of state entries (AWS: "state transitions"). */
  stateTransitions: number;
  /** Canvas status of every state reached (states absent here are `idle`). */
  stateStatus: Record<string, StateRunStatus>;
  /** Visits per state name, in entry order. */
  visitsByName: Record<string, StateVisit[]>;
  /** Transitions taken between two states, `"A->B"` → count. */
  edges: Record<string, number>;
  /** States entered first in their scope (the machine, a branch, an iteration): the `__start → X` edges. */
  startTargets: Record<string, true>;
  /** States left without a successor in their scope: the `X → __end` edges. */
  endSources: Record<string, true>;
  /** Name of the state that failed the execution (the innermost failing state), or where an aborted / timed-out run stopped. */
  failedState?: string;
}

const TASK_LIKE = /^(Task|LambdaFunction|Activity)/;
const FAILURE_TYPES = new Set([
  'TaskFailed', 'TaskTimedOut', 'TaskStartFailed', 'TaskSubmitFailed',
  'LambdaFunctionFailed', 'LambdaFunctionTimedOut', 'LambdaFunctionScheduleFailed', 'LambdaFunctionStartFailed',
  'ActivityFailed', 'ActivityTimedOut', 'ActivityScheduleFailed',
]);

interface NameAgg {
  open: number;
  retrying: number;
  failed: number;
  /** Failed visits not closed yet: the failure may still be retried (a back-off is running) or caught. */
  failedOpen: number;
  hardAborted: number;
  last: VisitStatus | undefined;
}

/** Finds the `…EventDetails` object of an event (there is at most one). */
export function eventDetails(e: HistoryEvent): Record<string, unknown> | undefined {
  for (const k in e) {
    if (k.endsWith('EventDetails')) {
      const v = e[k];
      if (v && typeof v === 'object') return v as Record<string, unknown>;
    }
  }
  return undefined;
}

/** The state name an event is about, when the event names it (Entered/Exited, Map iterations, EvaluationFailed). */
export function eventStateName(e: HistoryEvent): string | undefined {
  const d = eventDetails(e);
  if (!d) return undefined;
  if (typeof d.name === 'string') return d.name;
  if (typeof d.state === 'string') return d.state;
  return undefined;
}

/** JSON-ish detail value as text (values are JSON strings on the wire; recordings may hold decoded objects). */
function text(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The engine marks where a Task result came from with a non-AWS top-level field `resultSource`
 * (`'mock-config' | 'handler' | 'default'`); `'default'` means a default response ("mocked").
 */
function isMockedDetails(e: HistoryEvent, d: Record<string, unknown> | undefined): boolean {
  return e.resultSource === 'default' || e.mocked === true || d?.mocked === true;
}

/** Whether a Task result event carries the engine's "default response" (mocked) flag. Pure. */
export function isMockedEvent(e: HistoryEvent): boolean {
  return /Succeeded$/.test(e.type) && TASK_LIKE.test(e.type) && isMockedDetails(e, eventDetails(e));
}

/**
 * Incremental history fold. `push` events in id order (any batching); `view` is the fold of everything pushed.
 * The view object is updated in place; {@link HistoryFold.version} increments with every push.
 *
 * @example
 * const fold = new HistoryFold();
 * worker.onmessage = (m) => { fold.push(m.data.events); render(fold.view); };
 */
export class HistoryFold {
  /** The current view (mutated by {@link push}). */
  readonly view: RunView = {
    status: 'NOT_STARTED',
    eventCount: 0,
    stateTransitions: 0,
    stateStatus: {},
    visitsByName: {},
    edges: {},
    startTargets: {},
    endSources: {},
  };
  /** Increments on every push. */
  version = 0;
  /** Names whose canvas status changed in the last push. */
  changedNames = new Set<string>();

  private readonly typeOf: string[] = [];
  private readonly owner: number[] = [];
  private readonly visits = new Map<number, StateVisit>();
  private readonly lastVisitByName = new Map<string, StateVisit>();
  private readonly iterationIndexOf = new Map<number, number>();
  private readonly openVisits = new Set<StateVisit>();
  private readonly agg = new Map<string, NameAgg>();
  private lastError: { error?: string; cause?: string; visit?: StateVisit } | undefined;

  /** Folds the next events (in id order) into {@link view}. */
  push(events: readonly HistoryEvent[]): void {
    this.changedNames.clear();
    for (const e of events) this.apply(e);
    for (const name of this.changedNames) this.view.stateStatus[name] = this.statusOf(name);
    this.version++;
  }

  /** A visit by its key (the id of its `…StateEntered` event). */
  visit(key: number): StateVisit | undefined {
    return this.visits.get(key);
  }

  /** Key of the visit an event belongs to (0 for execution-level events). */
  ownerOf(eventId: number): number {
    return this.owner[eventId] ?? 0;
  }

  private statusOf(name: string): StateRunStatus {
    const a = this.agg.get(name);
    if (!a) return 'idle';
    // A failure that is neither closed nor followed by anything while the run goes on is waiting for its retry
    // (Retry back-off: the next TaskScheduled only comes after the interval); catches and final failures follow at once.
    if (this.view.status === 'RUNNING' && a.failedOpen > 0 && a.failed === a.failedOpen) return 'retrying';
    if (a.failed > 0 || a.hardAborted > 0) return 'failed';
    if (a.retrying > 0) return 'retrying';
    if (a.open > 0) return 'running';
    if (a.last === 'succeeded' || a.last === 'caught') return a.last;
    return 'idle';
  }

  private aggOf(name: string): NameAgg {
    let a = this.agg.get(name);
    if (!a) {
      a = { open: 0, retrying: 0, failed: 0, failedOpen: 0, hardAborted: 0, last: undefined };
      this.agg.set(name, a);
    }
    return a;
  }

  private setStatus(v: StateVisit, next: VisitStatus, hard = false): void {
    const a = this.aggOf(v.name);
    const prev = v.status;
    if (prev === 'running') a.open--;
    else if (prev === 'retrying') a.retrying--;
    else if (prev === 'failed') {
      a.failed--;
      if (!v.closed) a.failedOpen--;
    }
    v.status = next;
    if (next === 'running') a.open++;
    else if (next === 'retrying') a.retrying++;
    else if (next === 'failed') {
      a.failed++;
      if (!v.closed) a.failedOpen++;
    }
    else if (next === 'aborted' && hard) a.hardAborted++;
    if (next === 'succeeded' || next === 'caught') a.last = next;
    this.changedNames.add(v.name);
  }

  private close(v: StateVisit): void {
    if (v.closed) return;
    if (v.status === 'failed') this.aggOf(v.name).failedOpen--;
    v.closed = true;
    this.openVisits.delete(v);
    this.changedNames.add(v.name);
  }

  /** Walks from a visit up through its parents (inclusive) to the first one matching. */
  private walk(start: number, match: (v: StateVisit) => boolean): StateVisit | undefined {
    let k = start;
    while (k) {
      const v = this.visits.get(k);
      if (!v) return undefined;
      if (match(v)) return v;
      k = v.parent;
    }
    return undefined;
  }

  private recordError(v: StateVisit | undefined, error: string | undefined, cause: string | undefined): void {
    this.lastError = { error, cause, visit: v };
    if (!v) return;
    v.error = error;
    v.cause = cause;
    if (v.status !== 'failed') this.setStatus(v, 'failed');
    this.view.failedState = v.name;
  }

  private apply(e: HistoryEvent): void {
    const view = this.view;
    const t = e.type;
    const d = eventDetails(e);
    this.typeOf[e.id] = t;
    view.eventCount++;
    const prevOwner = this.owner[e.previousEventId] ?? 0;
    let owner = prevOwner;

    if (t.endsWith('StateEntered')) {
      owner = this.enter(e, t.slice(0, -'StateEntered'.length), d);
    } else if (t.endsWith('StateExited')) {
      const name = String(d?.name ?? '');
      const v =
        this.walk(prevOwner, (x) => x.name === name && !x.closed) ??
        this.openByName(name);
      if (v) {
        owner = v.key;
        v.output = text(d?.output);
        v.exitedAt = e.timestamp;
        v.lastEventId = e.id;
        // Exiting after an unretried failure means a Catch handled it.
        this.setStatus(v, v.status === 'failed' ? 'caught' : 'succeeded');
        this.close(v);
        view.endSources[v.name] = true;
      }
    } else if (t === 'ExecutionStarted') {
      view.status = 'RUNNING';
      view.input = text(d?.input);
      view.startedAt = e.timestamp;
      owner = 0;
    } else if (t === 'ExecutionSucceeded') {
      for (const name of this.agg.keys()) this.changedNames.add(name);
      view.status = 'SUCCEEDED';
      view.output = text(d?.output);
      view.endedAt = e.timestamp;
      owner = 0;
    } else if (t === 'ExecutionFailed' || t === 'ExecutionAborted' || t === 'ExecutionTimedOut') {
      this.endExecution(e, t, d);
      owner = 0;
    } else if (t === 'EvaluationFailed') {
      const name = String(d?.state ?? '');
      const v = this.walk(prevOwner, (x) => x.name === name && !x.closed) ?? this.openByName(name);
      owner = v?.key ?? 0;
      this.recordError(v, text(d?.error), text(d?.cause));
    } else if (t.startsWith('MapIteration')) {
      const name = String(d?.name ?? '');
      const v = this.walk(prevOwner, (x) => x.name === name && x.type === 'Map' && !x.closed) ?? this.openByName(name);
      owner = v?.key ?? prevOwner;
      if (t === 'MapIterationStarted') this.iterationIndexOf.set(e.id, Number(d?.index ?? 0));
      else if (v && t === 'MapIterationSucceeded') v.iterationsSucceeded++;
      else if (v && t === 'MapIterationFailed') v.iterationsFailed++;
    } else if (t.startsWith('MapState') || t.startsWith('MapRun') || t.startsWith('ParallelState')) {
      const type = t.startsWith('Parallel') ? 'Parallel' : 'Map';
      const v = this.walk(prevOwner, (x) => x.type === type && !x.closed);
      owner = v?.key ?? prevOwner;
      if (v) this.containerEvent(v, t, d);
    } else if (TASK_LIKE.test(t)) {
      const v = this.walk(prevOwner, (x) => x.type === 'Task' && !x.closed);
      owner = v?.key ?? prevOwner;
      if (v) this.taskEvent(v, e, t, d);
    } else if (t.endsWith('StateAborted')) {
      const v = this.visits.get(prevOwner);
      if (v && !v.closed) {
        this.setStatus(v, 'aborted');
        this.close(v);
      }
    }

    this.owner[e.id] = owner;
    if (owner && !t.endsWith('StateEntered')) this.visits.get(owner)?.eventIds.push(e.id);
  }

  private openByName(name: string): StateVisit | undefined {
    const v = this.lastVisitByName.get(name);
    return v && !v.closed ? v : undefined;
  }

  private enter(e: HistoryEvent, type: string, d: Record<string, unknown> | undefined): number {
    const view = this.view;
    const name = String(d?.name ?? '');
    const prevId = e.previousEventId;
    const prevType = this.typeOf[prevId];
    let parent = 0;
    let iterationPath: number[] = [];
    let iteration: number | undefined;
    if (!prevId || prevType === undefined) {
      view.startTargets[name] = true;
    } else if (prevType === 'MapIterationStarted' || prevType === 'ParallelStateStarted') {
      parent = this.owner[prevId] ?? 0;
      const pv = this.visits.get(parent);
      view.startTargets[name] = true;
      if (prevType === 'MapIterationStarted') {
        iteration = this.iterationIndexOf.get(prevId) ?? 0;
        iterationPath = [...(pv?.iterationPath ?? []), iteration];
      } else if (pv) {
        iteration = pv.iteration;
        iterationPath = pv.iterationPath;
      }
    } else {
      const pred = this.visits.get(this.owner[prevId] ?? 0);
      if (pred) {
        parent = pred.parent;
        iteration = pred.iteration;
        iterationPath = pred.iterationPath;
        const edge = `${pred.name}->${name}`;
        view.edges[edge] = (view.edges[edge] ?? 0) + 1;
        delete view.endSources[pred.name];
      } else {
        view.startTargets[name] = true;
      }
    }
    const v: StateVisit = {
      key: e.id,
      name,
      type,
      parent,
      iteration,
      iterationPath,
      status: 'running',
      input: text(d?.input),
      attempts: 0,
      mocked: false,
      iterationsSucceeded: 0,
      iterationsFailed: 0,
      enteredAt: e.timestamp,
      lastEventId: e.id,
      closed: false,
      eventIds: [e.id],
    };
    this.visits.set(v.key, v);
    this.lastVisitByName.set(name, v);
    (view.visitsByName[name] ??= []).push(v);
    view.stateTransitions++;
    this.aggOf(name).open++;
    this.changedNames.add(name);
    this.openVisits.add(v);
    if (type === 'Fail') {
      // A Fail state has no Exited event: it fails as soon as it is entered (its Error/Cause reach the execution
      // failure or the enclosing Map/Parallel failure).
      this.setStatus(v, 'failed');
      this.close(v);
      this.lastError = { visit: v };
      view.failedState = name;
    }
    return v.key;
  }

  private taskEvent(v: StateVisit, e: HistoryEvent, t: string, d: Record<string, unknown> | undefined): void {
    if (t === 'TaskScheduled' || t === 'LambdaFunctionScheduled' || t === 'ActivityScheduled') {
      v.attempts++;
      v.parameters = text(d?.parameters ?? d?.input);
      if (v.attempts > 1) this.setStatus(v, 'retrying');
    } else if (t === 'TaskSucceeded' || t === 'LambdaFunctionSucceeded' || t === 'ActivitySucceeded') {
      v.result = text(d?.output);
      v.mocked = isMockedDetails(e, d);
      if (typeof e.resultSource === 'string') v.resultSource = e.resultSource;
    } else if (FAILURE_TYPES.has(t)) {
      this.recordError(v, text(d?.error), text(d?.cause));
    } else if (t === 'TaskStateAborted') {
      this.setStatus(v, 'aborted');
      this.close(v);
    }
  }

  private containerEvent(v: StateVisit, t: string, d: Record<string, unknown> | undefined): void {
    if (t === 'MapStateStarted' || t === 'ParallelStateStarted') {
      v.attempts++;
      if (typeof d?.length === 'number') v.mapLength = d.length;
      if (v.attempts > 1) this.setStatus(v, 'retrying');
    } else if (t === 'MapStateFailed' || t === 'ParallelStateFailed' || t === 'MapRunFailed') {
      const inner = this.lastError;
      this.recordError(v, text(d?.error) ?? inner?.error, text(d?.cause) ?? inner?.cause);
      if (inner?.visit && inner.visit !== v) this.view.failedState = inner.visit.name;
      // The failed attempt is over: nothing inside it can change any more.
      for (const x of [...this.openVisits]) {
        if (x !== v && this.walk(x.parent, (p) => p === v)) {
          if (x.status === 'running' || x.status === 'retrying') this.setStatus(x, 'aborted');
          this.close(x);
        }
      }
    } else if (t === 'MapStateAborted' || t === 'ParallelStateAborted') {
      this.setStatus(v, 'aborted');
      this.close(v);
    }
  }

  private endExecution(e: HistoryEvent, t: string, d: Record<string, unknown> | undefined): void {
    const view = this.view;
    const error = text(d?.error);
    const cause = text(d?.cause);
    view.status = t === 'ExecutionFailed' ? 'FAILED' : t === 'ExecutionAborted' ? 'ABORTED' : 'TIMED_OUT';
    view.error = error ?? (t === 'ExecutionAborted' ? 'States.Aborted' : t === 'ExecutionTimedOut' ? 'States.Timeout' : undefined);
    view.cause = cause;
    view.endedAt = e.timestamp;
    for (const name of this.agg.keys()) this.changedNames.add(name);
    const hard = t !== 'ExecutionFailed';
    // The state the failure came from (e.g. a Pass whose Parameters failed: StateEntered → ExecutionFailed).
    if (t === 'ExecutionFailed') {
      const culprit = this.visits.get(this.owner[e.previousEventId] ?? 0);
      if (culprit && !culprit.closed && culprit.status !== 'failed') {
        culprit.error = error;
        culprit.cause = cause;
        this.setStatus(culprit, 'failed');
        view.failedState = culprit.name;
      }
    }
    // States left open: stopped where the execution stopped (aborted / timed out) or cut short by a failure elsewhere.
    for (const v of [...this.openVisits]) {
      if (v.status === 'failed') {
        if (v.error === undefined) {
          v.error = error;
          v.cause = cause;
        }
        this.close(v);
        continue;
      }
      if (hard) {
        v.error ??= view.error;
        v.cause ??= cause;
        view.failedState ??= v.name;
      }
      this.setStatus(v, 'aborted', hard);
      this.close(v);
    }
    // Fail states and Map/Parallel failures carry no error of their own: the execution failure names it.
    if (t === 'ExecutionFailed') {
      for (const list of Object.values(view.visitsByName)) {
        for (const v of list) {
          if (v.status === 'failed' && v.error === undefined) {
            v.error = error;
            v.cause = cause;
          }
        }
      }
    }
  }
}

/**
 * The status to show for one visit: a failed visit that is still open while the execution runs is waiting for a
 * retry (see {@link HistoryFold}). Pure.
 */
export function visitDisplayStatus(v: Pick<StateVisit, 'status' | 'closed'>, execution: ExecutionStatusView): VisitStatus {
  return v.status === 'failed' && !v.closed && execution === 'RUNNING' ? 'retrying' : v.status;
}

/**
 * Folds a complete (or partial, in-progress) history into the run view. Pure: the same events give the same view.
 *
 * @example
 * const view = foldHistory(result.history);
 * view.status;                       // 'SUCCEEDED'
 * view.stateStatus['ProcessPayment']; // 'succeeded'
 */
export function foldHistory(events: readonly HistoryEvent[]): RunView {
  const f = new HistoryFold();
  f.push(events);
  return f.view;
}

/**
 * Whether the canvas edge source → target was taken, given a run view. Start/end markers (`__start`, `__start:…`,
 * `__end`, `__end:…`) match the first state of any scope / a state left without successor. Pure.
 */
export function isEdgeTaken(view: Pick<RunView, 'edges' | 'startTargets' | 'endSources'>, source: string, target: string): boolean {
  if (source.startsWith('__start')) return view.startTargets[target] === true;
  if (target.startsWith('__end')) return view.endSources[source] === true;
  return (view.edges[`${source}->${target}`] ?? 0) > 0;
}

/** The canvas status of a state in a run view (`idle` when not reached). Pure. */
export function stateStatusIn(view: Pick<RunView, 'stateStatus'>, name: string): StateRunStatus {
  return view.stateStatus[name] ?? 'idle';
}
