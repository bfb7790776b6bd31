import { AslError } from './errors.js';
import { HistoryRecorder, JsonTooDeep, toJsonText } from './history.js';
import type { Clock } from './clock.js';
import type { HistoryEventType, MockConfig, TaskHandler } from './types.js';
import type { Vars } from './variables.js';

/** AWS quota: input or output of a task, state or execution is at most 262,144 bytes of UTF-8 (AWS dg/limits.html). */
export const MAX_PAYLOAD_BYTES = 262_144;

const NON_ASCII = /[^\x00-\x7f]/;

/** UTF-8 byte length of a string, without allocating (TextEncoder-equivalent). */
export function utf8Length(s: string): number {
  if (s.length * 3 <= MAX_PAYLOAD_BYTES) return s.length; // cannot exceed: callers only compare against the quota
  // the regex scan is ~10x faster than the charCode loop on the (mostly ASCII) JSON text of a large payload
  const first = s.search(NON_ASCII);
  if (first < 0) return s.length;
  let n = first;
  for (let i = first; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** Thrown into a lane when its execution, Map or Parallel is stopped; never escapes the engine. */
export class Cancelled extends Error {
  constructor(readonly abortPrev: number | undefined) { super('cancelled'); }
}

/**
 * A failure leaving a lane (or the execution): the ASL error and cause. `fatal` errors (States.Runtime raised by the
 * interpreter, the payload quota) end the whole execution at once, without Map/Parallel failure events.
 */
export class LaneFailure extends Error {
  constructor(readonly error: string, override readonly cause: string | undefined, readonly fatal: boolean) { super(error); }
}

/** Any exception leaving a lane as a {@link LaneFailure} (non-ASL exceptions are fatal States.Runtime). */
export function toLaneFailure(e: unknown): LaneFailure {
  if (e instanceof LaneFailure) return e;
  if (e instanceof AslError) return new LaneFailure(e.name, e.causeText, true);
  return new LaneFailure('States.Runtime', e instanceof Error ? e.message : String(e), true);
}

/**
 * Cancellation tree: the execution, each Map/Parallel run and each of their lanes. Cancelling a node rejects every
 * wait registered on it and on its descendants with {@link Cancelled}.
 */
export class CancelScope {
  // fields assigned in the constructor (`declare`): class-field initialisers would cost a call per lane
  declare cancelled: Cancelled | undefined;
  declare readonly parent: CancelScope | undefined;
  /** The reject of the wait in progress (a lane waits on one thing at a time); more at once go to `moreWaiters`. */
  declare private waiter: ((e: unknown) => void) | undefined;
  declare private moreWaiters: Set<(e: unknown) => void> | undefined;
  /** Children as an intrusive list (Map iterations come and go by the thousand: no Set to grow and shrink). */
  declare private firstChild: CancelScope | undefined;
  declare private lastChild: CancelScope | undefined;
  declare private prevSibling: CancelScope | undefined;
  declare private nextSibling: CancelScope | undefined;
  declare private attached: boolean;
  constructor(parent?: CancelScope) {
    this.parent = parent;
    this.cancelled = undefined;
    this.waiter = undefined;
    this.moreWaiters = undefined;
    this.firstChild = undefined;
    this.lastChild = undefined;
    this.prevSibling = undefined;
    this.nextSibling = undefined;
    this.attached = false;
    if (parent) {
      // appended: cancellation reaches the children in the order they were created
      this.attached = true;
      const last = parent.lastChild;
      if (last) last.nextSibling = this;
      else parent.firstChild = this;
      this.prevSibling = last;
      parent.lastChild = this;
      if (parent.cancelled) this.cancelled = parent.cancelled;
    }
  }
  /** Detaches from the parent (call when the lane ends). */
  close(): void {
    if (!this.attached) return;
    this.attached = false;
    const { prevSibling: prev, nextSibling: next } = this;
    if (prev) prev.nextSibling = next;
    else this.parent!.firstChild = next;
    if (next) next.prevSibling = prev;
    else this.parent!.lastChild = prev;
    this.prevSibling = this.nextSibling = undefined;
  }
  cancel(reason: Cancelled): void {
    if (this.cancelled) return;
    this.cancelled = reason;
    const w = this.waiter;
    this.waiter = undefined;
    if (w) w(reason);
    const more = this.moreWaiters;
    if (more) {
      this.moreWaiters = undefined;
      for (const m of more) m(reason);
    }
    for (let c = this.firstChild; c; ) {
      const next = c.nextSibling;
      c.cancel(reason);
      c = next;
    }
  }
  throwIfCancelled(): void { if (this.cancelled) throw this.cancelled; }
  /**
   * `p`, unless this scope is cancelled first. `p` is always observed: a timer or handler promise that rejects after
   * the scope was cancelled (e.g. `Clock.dispose` rejecting a live timer when the execution ends) must not surface
   * as an unhandled rejection.
   */
  wait<T>(p: Promise<T>): Promise<T> {
    if (this.cancelled) {
      p.then(undefined, ignore);
      return Promise.reject(this.cancelled);
    }
    return new Promise<T>((resolve, reject) => {
      this.addWaiter(reject);
      p.then(
        (v) => { this.removeWaiter(reject); resolve(v); },
        (e) => { this.removeWaiter(reject); reject(e); },
      );
    });
  }
  private addWaiter(w: (e: unknown) => void): void {
    // the slot holds the oldest wait: cancellation rejects waits in the order they began
    if (this.waiter === undefined && (this.moreWaiters === undefined || this.moreWaiters.size === 0)) this.waiter = w;
    else (this.moreWaiters ??= new Set()).add(w);
  }
  private removeWaiter(w: (e: unknown) => void): void {
    if (this.waiter === w) this.waiter = undefined;
    else this.moreWaiters?.delete(w);
  }
}

const ignore = (): void => {};

/** One sequence of states: the execution, a Parallel branch or a Map iteration. */
export interface Lane {
  /** previousEventId for this lane's next event. */
  prev: number;
  vars: Vars;
  cancel: CancelScope;
  /** `$$.Map.Item` inside a Map iteration. */
  mapItem?: { Index: number; Value: unknown };
  /** Type of the state currently running in the lane (for `<Type>StateAborted`). */
  current?: string;
}

/** A pending `.waitForTaskToken` callback. */
export interface Callback {
  resolve(output: unknown): void;
  reject(err: AslError): void;
  heartbeat(): void;
}

/** Per-execution state shared by all lanes. */
export class Runtime {
  readonly invocations = new Map<string, number>();
  readonly callbacks = new Map<string, Callback>();
  /** Set once the execution reached a terminal event; later events are dropped. */
  closed = false;
  /** Transitions completed synchronously since the run last yielded to the event loop. */
  syncSteps = 0;
  /** No quota to check and no event kept: state events only count ids (no payload text, no details object). */
  readonly countOnly: boolean;
  /** TestState: the state whose data flow is inspected and whose retriers report RETRIABLE instead of retrying. */
  testTarget: unknown = undefined;
  testInspect: unknown = undefined;
  testCaught: { error: string; cause: string | undefined } | undefined = undefined;
  constructor(
    readonly rec: HistoryRecorder,
    readonly clock: Clock,
    readonly root: CancelScope,
    readonly quotas: boolean,
    readonly contextExecution: Record<string, unknown>,
    readonly contextStateMachine: Record<string, unknown>,
    readonly mockCase: Record<string, string> | undefined,
    readonly mockConfig: MockConfig | undefined,
    readonly taskHandlers: Record<string, TaskHandler> | undefined,
    readonly region: string,
    readonly account: string,
  ) {
    this.countOnly = !quotas && !rec.keep;
  }

  /** Emits an event in a lane's chain and advances the chain. */
  emit(lane: Lane, type: HistoryEventType, detailsKey?: string, details?: object): number {
    const id = this.closed ? 0 : this.rec.add(type, lane.prev, detailsKey, details);
    lane.prev = id;
    return id;
  }
  /** Emits an event with an explicit previousEventId (chain not advanced). */
  add(type: HistoryEventType, prev: number, detailsKey?: string, details?: object): number {
    if (this.closed) return 0;
    return this.rec.add(type, prev, detailsKey, details);
  }

  /** JSON text of a payload, checking the payload quota. */
  payload(value: unknown, what: () => string): string {
    if (!this.quotas && !this.rec.keep) return '';
    let text: string;
    try {
      text = toJsonText(value);
    } catch (e) {
      // nested too deep (engine limit) and over the quota as well: the AWS quota is the error to report
      if (!(this.quotas && e instanceof JsonTooDeep && e.text !== undefined && utf8Length(e.text) > MAX_PAYLOAD_BYTES)) throw e;
      text = e.text;
    }
    if (this.quotas && utf8Length(text) > MAX_PAYLOAD_BYTES) {
      const e = new AslError('States.DataLimitExceeded', what());
      (e as any).fatal = true;
      throw e;
    }
    return text;
  }
  /**
   * A runtime for a Distributed Map child execution: same clock, mocks, handlers and invocation counters, but its own
   * history (child events are not in the parent history; HISTORY-FORMAT.md section 4).
   */
  forChildExecution(): Runtime {
    const rec = new HistoryRecorder(() => this.clock.now(), undefined, Number.POSITIVE_INFINITY);
    const child = new Runtime(rec, this.clock, this.root, this.quotas, this.contextExecution, this.contextStateMachine,
      this.mockCase, this.mockConfig, this.taskHandlers, this.region, this.account);
    (child as any).invocations = this.invocations;
    (child as any).callbacks = this.callbacks;
    return child;
  }
}
