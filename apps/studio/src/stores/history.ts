/**
 * A bounded undo/redo stack of text snapshots, with grouping of rapid typing into one step.
 *
 * Pure data structure (no timers, no DOM): the caller passes the current time, so tests are deterministic.
 */

/** What kind of change is being recorded: `typing` merges with the previous typing step if it came within the pause window. */
export type ChangeKind = 'typing' | 'edit';

/** Options of {@link TextHistory}. */
export interface TextHistoryOptions {
  /** Maximum number of undo steps kept (oldest dropped). Default 200. */
  limit?: number;
  /** Typing changes closer together than this (ms) form one undo step. Default 800. */
  groupMs?: number;
}

/**
 * Undo/redo history of whole-document text snapshots.
 *
 * @example
 * const h = new TextHistory();
 * h.record('a', 'typing', 0);      // text was 'a' before the change
 * h.undo('ab');                    // → 'a'
 */
export class TextHistory {
  private past: string[] = [];
  private future: string[] = [];
  private lastKind: ChangeKind | null = null;
  private lastTime = -Infinity;
  private readonly limit: number;
  private readonly groupMs: number;

  /** Creates an empty history. */
  constructor(options: TextHistoryOptions = {}) {
    this.limit = options.limit ?? 200;
    this.groupMs = options.groupMs ?? 800;
  }

  /**
   * Records that the text is about to change from `before`. Typing within `groupMs` of the previous typing
   * change joins the same step (no new snapshot). Clears the redo stack.
   */
  record(before: string, kind: ChangeKind, now: number): void {
    const joins = kind === 'typing' && this.lastKind === 'typing' && now - this.lastTime < this.groupMs;
    if (!joins) {
      this.past.push(before);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.future = [];
    this.lastKind = kind;
    this.lastTime = now;
  }

  /** Ends the current typing group, so the next keystroke starts a new undo step. */
  breakGroup(): void {
    this.lastKind = null;
  }

  /** Returns the text to restore for an undo of `current`, or undefined when there is nothing to undo. */
  undo(current: string): string | undefined {
    const prev = this.past.pop();
    if (prev === undefined) return undefined;
    this.future.push(current);
    this.lastKind = null;
    return prev;
  }

  /** Returns the text to restore for a redo from `current`, or undefined when there is nothing to redo. */
  redo(current: string): string | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.past.push(current);
    this.lastKind = null;
    return next;
  }

  /** Whether {@link undo} would do something. */
  get canUndo(): boolean {
    return this.past.length > 0;
  }

  /** Whether {@link redo} would do something. */
  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Forgets everything (used when a document is loaded). */
  clear(): void {
    this.past = [];
    this.future = [];
    this.lastKind = null;
  }
}
