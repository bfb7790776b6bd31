/**
 * Clocks for Wait, Retry back-off and Task timeouts (spec: "Wait State", "Retrying after error"; AWS
 * dg/concepts-error-handling.html). The engine reads time only through a {@link Clock}.
 *
 * - {@link SimulatedClock} (default): virtual time. `sleep` registers a virtual timer; when the interpreter is idle
 *   (no pending microtasks) and no external operation (a task handler, a callback) is in flight, virtual time jumps to
 *   the earliest timer. No real timers are waited on, so a 1-year Wait finishes at once.
 * - {@link RealClock}: wall time and `setTimeout`.
 */
export interface Clock {
  /** Current time, epoch milliseconds. */
  now(): number;
  /** A timer: `promise` resolves after `ms` (virtual or real), `cancel` drops it (the promise then never settles). */
  sleep(ms: number): Timer;
  /** Marks an external operation in flight (virtual time does not advance meanwhile); call the result when it ends. */
  beginExternal(): () => void;
  /** Rejects every pending timer with `reason` and stops the clock. */
  dispose(reason: unknown): void;
  /**
   * A passive deadline (epoch milliseconds): `fn` runs once time would move past `at`, instead of the timers due
   * later. Unlike a timer it never makes time jump by itself and never arms a real timer. Optional: the
   * {@link RealClock} has none (a real run does not last a year).
   */
  setDeadline?(at: number, fn: () => void): void;
}
/** A timer of a {@link Clock}. */
export interface Timer { promise: Promise<void>; cancel(): void }

const g = globalThis as any;
/** Runs `fn` as a macrotask (after pending I/O and microtasks); returns a handle for {@link cancelMacrotask}. */
const macrotask: (fn: () => void) => unknown =
  typeof g.setImmediate === 'function' ? (fn) => g.setImmediate(fn) : (fn) => setTimeout(fn, 0);
const cancelMacrotask: (handle: unknown) => void =
  typeof g.clearImmediate === 'function' ? (h) => g.clearImmediate(h) : (h) => clearTimeout(h as ReturnType<typeof setTimeout>);

interface VTimer { at: number; seq: number; resolve: () => void; reject: (e: unknown) => void; live: boolean }

/** Virtual time that advances only when everything else is waiting on it. Deterministic: equal deadlines fire in order. */
export class SimulatedClock implements Clock {
  private t: number;
  private seq = 0;
  private heap: VTimer[] = [];
  private external = 0;
  private scheduled = false;
  /** The scheduled tick's macrotask (dispose cancels it: nothing is left behind in the event loop). */
  private tickHandle: unknown = undefined;
  private readonly tickFn = (): void => this.tick();
  private disposed = false;
  /** While an external operation is in flight: real and virtual time when it began, and the real timer armed. */
  private blockedReal = 0;
  private blockedVirtual = 0;
  private realTimer: ReturnType<typeof setTimeout> | undefined;
  private deadline: { at: number; fn: () => void } | undefined;
  constructor(start: number) { this.t = start; }
  now(): number { return this.t; }

  setDeadline(at: number, fn: () => void): void { this.deadline = { at, fn }; }

  sleep(ms: number): Timer {
    if (this.disposed) return { promise: new Promise<void>(() => {}), cancel() {} };
    let vt!: VTimer;
    const promise = new Promise<void>((resolve, reject) => {
      vt = { at: this.t + Math.max(0, ms), seq: this.seq++, resolve, reject, live: true };
    });
    this.push(vt);
    this.schedule();
    return { promise, cancel: () => { vt.live = false; } };
  }

  /**
   * While an external operation is in flight virtual time does not jump, but it does not stand still forever either:
   * a timer fires once as much real time has passed since the operation began as it was due in virtual time (a task
   * handler that never settles still ends by its TimeoutSeconds; a `.waitForTaskToken` wait by its HeartbeatSeconds).
   */
  beginExternal(): () => void {
    if (this.external++ === 0) {
      this.blockedReal = Date.now();
      this.blockedVirtual = this.t;
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--this.external === 0) this.clearReal();
      this.schedule();
    };
  }

  dispose(reason: unknown): void {
    this.disposed = true;
    this.clearReal();
    if (this.scheduled) cancelMacrotask(this.tickHandle);
    this.scheduled = false;
    this.tickHandle = undefined;
    const timers = this.heap;
    this.heap = [];
    for (const vt of timers) if (vt.live) vt.reject(reason);
  }

  private schedule(): void {
    if (this.scheduled || this.disposed) return;
    this.scheduled = true;
    this.tickHandle = macrotask(this.tickFn);
  }

  private clearReal(): void {
    if (this.realTimer !== undefined) clearTimeout(this.realTimer);
    this.realTimer = undefined;
  }

  /** Arms a real timer for the earliest virtual timer while an external operation blocks virtual time. */
  private armReal(): void {
    this.clearReal();
    while (this.heap.length && !this.heap[0].live) this.pop();
    if (!this.heap.length) return;
    const dueReal = this.blockedReal + (this.heap[0].at - this.blockedVirtual);
    this.realTimer = setTimeout(() => {
      this.realTimer = undefined;
      if (this.disposed) return;
      if (this.external === 0) this.schedule();
      else if (Date.now() < dueReal) this.armReal(); // the delay was clamped to setTimeout's 24.8-day maximum
      else this.fire();
    }, Math.min(Math.max(0, dueReal - Date.now()), 0x7fffffff));
  }

  private tick(): void {
    this.scheduled = false;
    if (this.disposed) return;
    if (this.external > 0) { this.armReal(); return; }
    this.fire();
  }

  /** Fires the earliest live timer (and every other one due at the same instant), advancing virtual time. */
  private fire(): void {
    // drop cancelled timers at the top
    while (this.heap.length && !this.heap[0].live) this.pop();
    if (!this.heap.length) return;
    const d = this.deadline;
    if (d !== undefined && this.heap[0].at > d.at) {
      // time would pass the deadline: it ends here (the callback ends the run and disposes the clock)
      this.deadline = undefined;
      if (d.at > this.t) this.t = d.at;
      d.fn();
      return;
    }
    const vt = this.pop()!;
    if (vt.at > this.t) this.t = vt.at;
    vt.resolve();
    // every timer due at the same instant fires in this tick (in registration order)
    while (this.heap.length && this.heap[0].at <= this.t) {
      const more = this.pop()!;
      if (more.live) more.resolve();
    }
    if (this.heap.length) this.schedule();
  }

  private less(a: VTimer, b: VTimer): boolean { return a.at < b.at || (a.at === b.at && a.seq < b.seq); }
  private push(v: VTimer): void {
    const h = this.heap;
    h.push(v);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      const t = h[i]; h[i] = h[p]; h[p] = t;
      i = p;
    }
  }
  private pop(): VTimer | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        const t = h[i]; h[i] = h[m]; h[m] = t;
        i = m;
      }
    }
    return top;
  }
}

/** Wall-clock time with real timers (`clock: 'real'`). */
export class RealClock implements Clock {
  private pending = new Set<{ handle: ReturnType<typeof setTimeout>; reject: (e: unknown) => void }>();
  now(): number { return Date.now(); }
  sleep(ms: number): Timer {
    let entry!: { handle: ReturnType<typeof setTimeout>; reject: (e: unknown) => void };
    const promise = new Promise<void>((resolve, reject) => {
      entry = { handle: setTimeout(() => { this.pending.delete(entry); resolve(); }, Math.max(0, ms)), reject };
    });
    this.pending.add(entry);
    return { promise, cancel: () => { clearTimeout(entry.handle); this.pending.delete(entry); } };
  }
  beginExternal(): () => void { return () => {}; }
  dispose(reason: unknown): void {
    for (const e of this.pending) { clearTimeout(e.handle); e.reject(reason); }
    this.pending.clear();
  }
}
