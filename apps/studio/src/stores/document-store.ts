import { create } from 'zustand';
import {
  forEachState,
  parseDocument,
  validateDocument,
  type Diagnostic,
  type JsonPath,
  type ParsedDocument,
  type StateMachine,
  type TextRange,
} from '@asl-studio/asl';
import { applyEdits as applyTextEdits, type TextEdit } from '@asl-studio/graph';
import { TextHistory, type ChangeKind } from './history';

/** Where a text change came from. `editor` changes are already in Monaco; every other origin is pushed to it. */
export type ChangeOrigin = 'load' | 'editor' | 'canvas' | 'inspector' | 'import' | 'undo' | 'redo';

/** A transient message for the user (edit refused, import failed, copied…). */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
  /** Increments for every notice so the same text can be shown twice. */
  seq: number;
}

/** A request for the code editor to reveal (and optionally select) a range. */
export interface RevealRequest {
  range: TextRange;
  /** Select the range (badge click) rather than just scrolling to it and highlighting. */
  select: boolean;
  seq: number;
}

/** The document store's state: the ASL text (single source of truth) and everything derived from it. */
export interface DocumentState {
  /** The ASL JSON text, exactly as in the editor. */
  text: string;
  /** The parse of {@link text} (debounced ~100 ms while typing; immediate for any other change). */
  parsed: ParsedDocument;
  /** The last definition that parsed without syntax errors; the canvas keeps drawing it while the text is broken. */
  lastValidDefinition: StateMachine | undefined;
  /** Syntax + validation diagnostics of {@link parsed}. */
  diagnostics: Diagnostic[];
  /** The first syntax error of the current text, if it is not valid JSON. */
  syntaxError: Diagnostic | undefined;
  /** Name of the selected state, or null. */
  selectedState: string | null;
  /** Document name (used for export file names). */
  name: string;
  /** Increments on every text change. */
  version: number;
  /** Origin of the last text change. */
  origin: ChangeOrigin;
  /** Whether undo / redo are available. */
  canUndo: boolean;
  canRedo: boolean;
  /** Pending reveal request for the editor. */
  reveal: RevealRequest | null;
  /** Latest user-facing notice. */
  notice: Notice | null;
  /** False until the first document was loaded (restored, sample, or built-in). */
  loaded: boolean;

  /** Selects a state (or clears the selection). `reveal` (default true) scrolls the editor to it. */
  select(name: string | null, options?: { reveal?: boolean }): void;
  /** Replaces the document without an undo step (initial load / restore). */
  load(text: string, name?: string): void;
  /** A change typed in the editor; rapid typing is grouped into one undo step; parsing is debounced. */
  setText(text: string): void;
  /**
   * Applies graph-op edits as ONE undoable step. `compute` receives the current text and returns TextEdits
   * (it may throw: the message becomes a notice and nothing changes). Returns true when the text changed.
   */
  edit(compute: (text: string) => TextEdit[], origin?: 'canvas' | 'inspector'): boolean;
  /** Replaces the whole text as one undoable step (import). */
  replaceText(text: string, name?: string): void;
  /** Undo / redo over text snapshots (covers typing and canvas edits alike). */
  undo(): void;
  redo(): void;
  /** Asks the editor to reveal a range. */
  revealRange(range: TextRange, select?: boolean): void;
  /** Shows a notice. */
  notify(kind: Notice['kind'], text: string): void;
  /** Parses now if a debounced parse is pending. */
  flushParse(): void;
}

/** Debounce of re-parsing while typing (ms). */
export const PARSE_DEBOUNCE_MS = 100;

const history = new TextHistory();
let parseTimer: ReturnType<typeof setTimeout> | undefined;
let noticeSeq = 0;
let revealSeq = 0;

/** Parses and validates; never throws. */
function analyse(text: string): Pick<DocumentState, 'parsed' | 'diagnostics' | 'syntaxError'> & { valid: StateMachine | undefined } {
  let parsed: ParsedDocument;
  try {
    parsed = parseDocument(text, 'json');
  } catch (e) {
    parsed = fallbackParsed(text, e);
  }
  let diagnostics: Diagnostic[] = parsed.diagnostics;
  try {
    diagnostics = validateDocument(parsed);
  } catch {
    /* keep syntax diagnostics */
  }
  const syntaxError = parsed.diagnostics.find((d) => d.severity === 'error');
  const def = parsed.definition as unknown;
  const valid =
    !syntaxError && def && typeof def === 'object' && !Array.isArray(def) ? (parsed.definition as StateMachine) : undefined;
  return { parsed, diagnostics, syntaxError, valid };
}

function fallbackParsed(text: string, e: unknown): ParsedDocument {
  const message = e instanceof Error ? e.message : String(e);
  return {
    text,
    format: 'json',
    definition: undefined,
    diagnostics: [{ code: 'JSON_SYNTAX', severity: 'error', message, range: { offset: 0, length: 0 }, line: 1, column: 1 }],
    rangeOf: () => undefined,
    keyRangeOf: () => undefined,
  };
}

function derived(text: string): Partial<DocumentState> {
  const a = analyse(text);
  const out: Partial<DocumentState> = { parsed: a.parsed, diagnostics: a.diagnostics, syntaxError: a.syntaxError };
  if (a.valid) out.lastValidDefinition = a.valid;
  return out;
}

/**
 * The document store (zustand). The ASL text is the single source of truth; graph, badges and highlights derive from it.
 *
 * @example
 * const text = useDocumentStore((s) => s.text);
 * useDocumentStore.getState().edit((t) => deleteState(t, 'Pay'));
 */
export const useDocumentStore = create<DocumentState>()((set, get) => {
  const empty = analyse('');
  const commit = (text: string, origin: ChangeOrigin, kind: ChangeKind | null, extra: Partial<DocumentState> = {}) => {
    const prev = get().text;
    if (kind) history.record(prev, kind, Date.now());
    if (parseTimer) {
      clearTimeout(parseTimer);
      parseTimer = undefined;
    }
    set({
      text,
      origin,
      version: get().version + 1,
      canUndo: history.canUndo,
      canRedo: history.canRedo,
      ...extra,
      ...derived(text),
    });
  };
  return {
    text: '',
    parsed: empty.parsed,
    lastValidDefinition: undefined,
    diagnostics: empty.diagnostics,
    syntaxError: undefined,
    selectedState: null,
    name: 'workflow',
    version: 0,
    origin: 'load',
    canUndo: false,
    canRedo: false,
    reveal: null,
    notice: null,
    loaded: false,

    select(name, options) {
      const reveal = options?.reveal ?? true;
      const patch: Partial<DocumentState> = { selectedState: name };
      if (name && reveal) {
        const range = stateRange(get(), name);
        if (range) patch.reveal = { range, select: false, seq: ++revealSeq };
      }
      set(patch);
    },

    load(text, name) {
      history.clear();
      // derived() overrides lastValidDefinition when the loaded text is valid.
      commit(text, 'load', null, { loaded: true, selectedState: null, name: name ?? get().name, lastValidDefinition: undefined });
    },

    setText(text) {
      const prev = get().text;
      if (text === prev) return;
      history.record(prev, 'typing', Date.now());
      set({ text, origin: 'editor', version: get().version + 1, canUndo: history.canUndo, canRedo: history.canRedo });
      if (parseTimer) clearTimeout(parseTimer);
      parseTimer = setTimeout(() => {
        parseTimer = undefined;
        set(derived(get().text));
      }, PARSE_DEBOUNCE_MS);
    },

    edit(compute, origin = 'canvas') {
      get().flushParse();
      const text = get().text;
      let next: string;
      try {
        const edits = compute(text);
        if (!edits.length) return false;
        next = applyTextEdits(text, edits);
      } catch (e) {
        get().notify('error', e instanceof Error ? e.message : String(e));
        return false;
      }
      if (next === text) return false;
      history.breakGroup();
      commit(next, origin, 'edit');
      history.breakGroup();
      return true;
    },

    replaceText(text, name) {
      if (text === get().text) {
        if (name) set({ name });
        return;
      }
      history.breakGroup();
      commit(text, 'import', 'edit', { selectedState: null, ...(name ? { name } : {}) });
      history.breakGroup();
    },

    undo() {
      const prev = history.undo(get().text);
      if (prev === undefined) return;
      commit(prev, 'undo', null);
    },

    redo() {
      const next = history.redo(get().text);
      if (next === undefined) return;
      commit(next, 'redo', null);
    },

    revealRange(range, select = true) {
      set({ reveal: { range, select, seq: ++revealSeq } });
    },

    notify(kind, text) {
      set({ notice: { kind, text, seq: ++noticeSeq } });
    },

    flushParse() {
      if (!parseTimer) return;
      clearTimeout(parseTimer);
      parseTimer = undefined;
      set(derived(get().text));
    },
  };
});

/** Path of a state (top-level or nested) in a definition, or undefined. */
export function findStatePath(def: StateMachine | undefined, name: string): JsonPath | undefined {
  if (!def) return undefined;
  let found: JsonPath | undefined;
  try {
    forEachState(def, (n, _s, path) => {
      if (!found && n === name) found = path;
    });
  } catch {
    return undefined;
  }
  return found;
}

/** Source range of a state's whole property (key + value) in the current parse, if the text is valid. */
export function stateRange(s: Pick<DocumentState, 'parsed'>, name: string): TextRange | undefined {
  const def = s.parsed.definition;
  const path = findStatePath(def, name);
  if (!path) return undefined;
  const value = s.parsed.rangeOf(path);
  const key = s.parsed.keyRangeOf(path);
  if (value && key) return { offset: key.offset, length: value.offset + value.length - key.offset };
  return value;
}

/**
 * A diagnostic's message without a leading "JSON syntax error at line L, column C:" (the UI shows the position itself).
 * Pure.
 */
export function plainMessage(d: Pick<Diagnostic, 'message'>): string {
  return d.message.replace(/^(JSON|YAML)?\s*syntax error at line \d+, column \d+:\s*/i, '').replace(/\.$/, '');
}

/** Resets the module-level history (tests only). */
export function resetDocumentHistoryForTests(): void {
  history.clear();
  if (parseTimer) clearTimeout(parseTimer);
  parseTimer = undefined;
}
