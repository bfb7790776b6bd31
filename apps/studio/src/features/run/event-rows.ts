/**
 * The events table's rows in columnar form. The history worker (run-host.ts) encodes every event it folds into one
 * row of plain numbers (id, type, step, iteration, resource, time, flags) with the texts interned in a string table,
 * and transfers the new rows' typed arrays to the page; the page appends them to {@link EventRows}. So the page holds
 * ~40 bytes per event and never deserialises or keeps the events themselves (a 70,000-event run costs it a few
 * memcpys). The full event (its details JSON) is asked from the worker when a row is expanded.
 *
 * Pure TypeScript: no DOM, no React.
 */

/** Row flags. */
export const ROW_MOCKED = 1;
export const ROW_SYNTHETIC = 2;

/** New rows, as posted by the worker (all arrays have the same length; string columns index the string table, -1 = none). */
export interface RowChunk {
  /** Event id. */
  id: Int32Array;
  /** Event type (string table index). */
  type: Int32Array;
  /** Key of the visit (state entry) the event belongs to; 0 = execution-level event. */
  stepKey: Int32Array;
  /** Name of that state (string table index), -1 when none. */
  step: Int32Array;
  /** Map iteration path, e.g. "3" or "1.4" (string table index), -1 outside Maps. */
  iteration: Int32Array;
  /** Resource, e.g. "lambda:invoke" (string table index), -1 when none. */
  resource: Int32Array;
  /** Timestamp, ms since the epoch (NaN when unparseable). */
  time: Float64Array;
  /** {@link ROW_MOCKED} | {@link ROW_SYNTHETIC}. */
  flags: Uint8Array;
}

/** The typed arrays of a chunk, for the transfer list of postMessage. */
export function chunkBuffers(c: RowChunk): ArrayBuffer[] {
  return [c.id, c.type, c.stepKey, c.step, c.iteration, c.resource, c.time, c.flags].map((a) => a.buffer as ArrayBuffer);
}

type Int32Col = 'id' | 'type' | 'stepKey' | 'step' | 'iteration' | 'resource';
const INT_COLS: Int32Col[] = ['id', 'type', 'stepKey', 'step', 'iteration', 'resource'];

/** Builds row chunks on the worker side: interns strings and grows the columns. */
export class RowEncoder {
  private readonly index = new Map<string, number>();
  /** Every interned string, in index order. */
  readonly strings: string[] = [];
  private sentStrings = 0;
  private cols = emptyColumns(256);
  private n = 0;

  /** Index of a string in the table (interned on first use); -1 for undefined / ''. */
  intern(s: string | undefined): number {
    if (s === undefined || s === '') return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  /** Appends one row. */
  add(row: { id: number; type: string; stepKey: number; step?: string; iteration?: string; resource?: string; time: number; flags: number }): void {
    if (this.n === this.cols.id.length) this.cols = grow(this.cols, this.n * 2);
    const c = this.cols;
    const i = this.n++;
    c.id[i] = row.id;
    c.type[i] = this.intern(row.type);
    c.stepKey[i] = row.stepKey;
    c.step[i] = this.intern(row.step);
    c.iteration[i] = this.intern(row.iteration);
    c.resource[i] = this.intern(row.resource);
    c.time[i] = row.time;
    c.flags[i] = row.flags;
  }

  /** Rows added since the last take. */
  get pending(): number {
    return this.n;
  }

  /** The rows and strings added since the last call (fresh buffers, safe to transfer). */
  take(): { rows: RowChunk; strings: string[] } {
    const rows = slice(this.cols, this.n);
    const strings = this.strings.slice(this.sentStrings);
    this.sentStrings = this.strings.length;
    this.n = 0;
    if (this.cols.id.length > 4096) this.cols = emptyColumns(256);
    return { rows, strings };
  }
}

function emptyColumns(capacity: number): RowChunk {
  return {
    id: new Int32Array(capacity),
    type: new Int32Array(capacity),
    stepKey: new Int32Array(capacity),
    step: new Int32Array(capacity),
    iteration: new Int32Array(capacity),
    resource: new Int32Array(capacity),
    time: new Float64Array(capacity),
    flags: new Uint8Array(capacity),
  };
}

function grow(c: RowChunk, capacity: number): RowChunk {
  const next = emptyColumns(capacity);
  for (const k of INT_COLS) next[k].set(c[k]);
  next.time.set(c.time);
  next.flags.set(c.flags);
  return next;
}

function slice(c: RowChunk, n: number): RowChunk {
  return {
    id: c.id.slice(0, n),
    type: c.type.slice(0, n),
    stepKey: c.stepKey.slice(0, n),
    step: c.step.slice(0, n),
    iteration: c.iteration.slice(0, n),
    resource: c.resource.slice(0, n),
    time: c.time.slice(0, n),
    flags: c.flags.slice(0, n),
  };
}

/**
 * The page's copy of the events table (append-only; mutated in place, watch the run store's `version`).
 *
 * @example
 * rows.append(update.rows, update.strings);
 * rows.text(rows.type[i]); // "TaskSucceeded"
 */
export class EventRows {
  /** The string table the row columns index. */
  readonly strings: string[] = [];
  private cols = emptyColumns(0);
  private n = 0;

  /** Number of rows. */
  get length(): number {
    return this.n;
  }

  /** Appends rows (and the strings they introduced). */
  append(rows: RowChunk | undefined, strings: readonly string[] | undefined): void {
    if (strings) for (const s of strings) this.strings.push(s);
    if (!rows || rows.id.length === 0) return;
    const need = this.n + rows.id.length;
    if (need > this.cols.id.length) this.cols = grow(this.cols, Math.max(need, this.cols.id.length * 2, 1024));
    const c = this.cols;
    for (const k of INT_COLS) c[k].set(rows[k], this.n);
    c.time.set(rows.time, this.n);
    c.flags.set(rows.flags, this.n);
    this.n = need;
  }

  /** Text of a string-table index ('' for -1). */
  text(i: number): string {
    return i < 0 ? '' : (this.strings[i] ?? '');
  }

  id(i: number): number {
    return this.cols.id[i];
  }
  type(i: number): string {
    return this.text(this.cols.type[i]);
  }
  stepKey(i: number): number {
    return this.cols.stepKey[i];
  }
  step(i: number): string {
    return this.text(this.cols.step[i]);
  }
  /** Map iteration path ("3", "1.4"), or undefined outside Maps. */
  iteration(i: number): string | undefined {
    const k = this.cols.iteration[i];
    return k < 0 ? undefined : this.strings[k];
  }
  resource(i: number): string {
    return this.text(this.cols.resource[i]);
  }
  time(i: number): number {
    return this.cols.time[i];
  }
  flags(i: number): number {
    return this.cols.flags[i];
  }

  /** Row index of an event id (ids ascend), or -1. */
  indexOfId(id: number): number {
    const ids = this.cols.id;
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid] === id) return mid;
      if (ids[mid] < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Id of the last row (0 when empty). */
  lastId(): number {
    return this.n ? this.cols.id[this.n - 1] : 0;
  }

  /**
   * Row indexes whose type or state name contains `query` (case-insensitive), or whose id equals it. Strings are
   * matched once each, rows by integer compares (a 100,000-row filter is ~1 ms).
   */
  filter(query: string): Int32Array {
    const q = query.trim().toLowerCase();
    const hit = new Uint8Array(this.strings.length);
    this.strings.forEach((s, i) => {
      if (s.toLowerCase().includes(q)) hit[i] = 1;
    });
    const idq = /^\d+$/.test(q) ? Number(q) : -1;
    const c = this.cols;
    const out = new Int32Array(this.n);
    let k = 0;
    for (let i = 0; i < this.n; i++) {
      const t = c.type[i];
      const s = c.step[i];
      if ((t >= 0 && hit[t]) || (s >= 0 && hit[s]) || c.id[i] === idq) out[k++] = i;
    }
    return out.slice(0, k);
  }
}
