import { AslError } from './errors.js';
import type { HistoryEvent, HistoryEventType } from './types.js';

/** AWS quota: a STANDARD execution history holds at most 25,000 events (AWS dg/limits.html). */
export const MAX_HISTORY_EVENTS = 25_000;

/**
 * Most events one execution keeps in memory (in `result.history` and for `onEvent`) when no history quota bounds it
 * (EXPRESS, or `quotas: 'off'`): beyond it events are still counted (ids stay AWS's) but no longer kept or sent, and
 * the result says `historyTruncated`. The terminal event is always kept. Not an AWS quota: AWS streams an EXPRESS
 * history to CloudWatch Logs; an interpreter that holds it in memory needs a bound (about 0.3 KB per event).
 */
export const MAX_KEPT_EVENTS = 1_000_000;

/**
 * The engine's limit on the nesting depth of a JSON value (objects and arrays). Not an AWS quota: `JSON.stringify`
 * overflows the JS stack at about 4,100 levels and takes time quadratic in the depth, so a loop whose output nests its
 * input (`"Output": "{% {\"k\": $states.input} %}"`) would otherwise end in a stack overflow after seconds of work.
 */
export const MAX_JSON_DEPTH = 1000;

/** A payload nested deeper than {@link MAX_JSON_DEPTH}; `text` is its JSON text when it could still be produced. */
export class JsonTooDeep extends AslError {
  constructor(readonly text?: string) {
    super('States.Runtime', `The payload is nested more than ${MAX_JSON_DEPTH} levels deep, the engine's limit on JSON nesting.`);
    (this as { fatal?: boolean }).fatal = true;
  }
}

/**
 * Compact JSON text of a value, as the wire carries `input`/`output`/`parameters`. `undefined` becomes `null`.
 * Throws {@link JsonTooDeep} (fatal `States.Runtime`) for a value nested deeper than {@link MAX_JSON_DEPTH}.
 */
export function toJsonText(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    // JSON values are treated as immutable and shared between states: a state's output object is the next state's
    // input object, so its text is computed once.
    const hit = textCache.get(value);
    if (hit !== undefined) return hit;
    let s: string;
    try {
      s = JSON.stringify(value);
    } catch (e) {
      if (e instanceof RangeError && /call stack/i.test(e.message)) throw new JsonTooDeep();
      throw e;
    }
    // depth d needs at least 2d characters: only long texts are scanned, once per object
    if (s.length > 2 * MAX_JSON_DEPTH && jsonTextDeeperThan(s, MAX_JSON_DEPTH)) throw new JsonTooDeep(s);
    textCache.set(value, s);
    return s;
  }
  const s = JSON.stringify(value);
  return s === undefined ? 'null' : s;
}
const textCache = new WeakMap<object, string>();

/** Whether compact JSON text nests objects/arrays more than `max` levels deep (strings skipped with indexOf). */
export function jsonTextDeeperThan(s: string, max: number): boolean {
  let d = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 /* " */) {
      // jump to the closing quote: one preceded by an even number of backslashes
      for (;;) {
        i = s.indexOf('"', i + 1);
        if (i < 0) return false;
        let b = 0;
        while (s.charCodeAt(i - 1 - b) === 92 /* \ */) b++;
        if ((b & 1) === 0) break;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++d > max) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) d--;
  }
  return false;
}

/** The `truncated: false` details object that accompanies every input/output (HistoryEventExecutionDataDetails). */
export const NOT_TRUNCATED = Object.freeze({ truncated: false });

/**
 * The execution's event list (GetExecutionHistory shape). Events are plain data: ids run 1..n in emission order,
 * `previousEventId` is supplied by the caller (it encodes the per-lane chains of HISTORY-FORMAT.md section 3).
 */
export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  /** Set when the history reached its quota; the run loop fails the execution at its next step. */
  overflow = false;
  /** Number of events so far (ids run 1..count), also when events are not kept. */
  count = 0;
  /** False when nobody reads the events (history 'none' and no listener): ids are counted, no event is built. */
  readonly keep: boolean;
  /** Set once events beyond {@link MAX_KEPT_EVENTS} (or the `maxKept` given) were counted but not kept. */
  truncated = false;
  constructor(
    private readonly now: () => number,
    private readonly onEvent: ((e: HistoryEvent) => void) | undefined,
    private readonly limit: number,
    keep = true,
    private readonly maxKept = MAX_KEPT_EVENTS,
  ) {
    this.keep = keep || onEvent !== undefined;
  }

  /** Appends an event and returns its id. `detailsKey` is e.g. `stateEnteredEventDetails`. */
  private lastMs = Number.NaN;
  private lastIso = '';
  /** ISO timestamp of now, reusing the string while the (often virtual) clock stands still. */
  private stamp(): string {
    const t = this.now();
    if (t !== this.lastMs) { this.lastMs = t; this.lastIso = new Date(t).toISOString(); }
    return this.lastIso;
  }

  add(type: HistoryEventType, previousEventId: number, detailsKey?: string, details?: object): number {
    const id = this.count + 1;
    if (id >= this.limit && !TERMINAL.has(type)) {
      // keep the last slot for the terminal event; the run fails at once (fatal, like AWS)
      this.overflow = true;
      const err = new AslError('States.Runtime', `The execution reached the maximum number of history events (${this.limit}).`);
      (err as any).fatal = true;
      throw err;
    }
    this.count = id;
    if (!this.keep) return id;
    if (id > this.maxKept && !TERMINAL.has(type)) {
      this.truncated = true;
      return id;
    }
    const e: HistoryEvent = { id, previousEventId, timestamp: this.stamp(), type };
    if (detailsKey !== undefined && details !== undefined) e[detailsKey] = details;
    this.events.push(e);
    if (this.onEvent) {
      try { this.onEvent(e); } catch { /* a listener's failure must not break the run */ }
    }
    return id;
  }

  /** Throws when the history quota was reached (AWS fails the execution). */
  check(): void {
    if (this.overflow) {
      const err = new AslError('States.Runtime', `The execution reached the maximum number of history events (${this.limit}).`);
      (err as any).fatal = true;
      throw err;
    }
  }
}

const TERMINAL = new Set<HistoryEventType>(['ExecutionFailed', 'ExecutionSucceeded', 'ExecutionAborted', 'ExecutionTimedOut']);

/** The details key of an event type (HISTORY-FORMAT.md section 1). */
export function detailsKeyOf(type: HistoryEventType): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return type[0].toLowerCase() + type.slice(1) + 'EventDetails';
}
