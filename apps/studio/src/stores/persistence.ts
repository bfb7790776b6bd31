import { create } from 'zustand';
import { get as idbGet, set as idbSet } from 'idb-keyval';
import { useDocumentStore } from './document-store';
import { useViewStore, type NodeBox, type XY } from './view-store';

/** What is saved for the open workflow. */
export interface SavedWorkflow {
  /** Format version of this record. */
  v: 1;
  text: string;
  name: string;
  /** Manual node positions (view state). */
  manual: Record<string, XY>;
  /** Canvas pan/zoom (view state); absent = fit on load. */
  viewport?: { x: number; y: number; zoom: number } | null;
  /** Selected state. */
  selected?: string | null;
  /** The last elk layout and its key, so a reload draws at once without waiting for elk. */
  layout?: Record<string, NodeBox>;
  layoutKey?: string | null;
  /** Epoch ms of the save. */
  savedAt: number;
}

const IDB_KEY = 'asl-studio:open-workflow';
const LS_KEY = 'asl-studio:open-workflow';
/** Debounce of saves while the document changes (ms). */
export const SAVE_DEBOUNCE_MS = 300;

function snapshot(): SavedWorkflow {
  const d = useDocumentStore.getState();
  const view = useViewStore.getState();
  return {
    v: 1,
    text: d.text,
    name: d.name,
    manual: view.manual,
    viewport: view.viewport,
    selected: d.selectedState,
    layout: view.layout,
    layoutKey: view.layoutKey,
    savedAt: Date.now(),
  };
}

function isSaved(x: unknown): x is SavedWorkflow {
  return !!x && typeof x === 'object' && typeof (x as SavedWorkflow).text === 'string';
}

/**
 * Reads the saved workflow (the newer of IndexedDB and the localStorage crash copy). Never throws.
 */
export async function loadSaved(): Promise<SavedWorkflow | undefined> {
  let fromIdb: SavedWorkflow | undefined;
  let fromLs: SavedWorkflow | undefined;
  try {
    const v = await Promise.race([idbGet(IDB_KEY), new Promise((r) => setTimeout(() => r(undefined), 1500))]);
    if (isSaved(v)) fromIdb = v;
  } catch {
    /* IndexedDB unavailable (private mode, quota, …) */
  }
  try {
    const raw = localStorage.getItem(LS_KEY);
    if (raw) {
      const v = JSON.parse(raw) as unknown;
      if (isSaved(v)) fromLs = v;
    }
  } catch {
    /* ignore */
  }
  if (fromIdb && fromLs) return fromLs.savedAt > fromIdb.savedAt ? fromLs : fromIdb;
  return fromIdb ?? fromLs;
}

/** Save status for the status bar: `saved`, `pending` (a change waits for the debounce), or `failed` (storage unavailable). */
export type SaveStatus = 'saved' | 'pending' | 'failed';

/** Save status store (zustand). */
export const useSaveStatus = create<{ status: SaveStatus }>(() => ({ status: 'saved' }));

let timer: ReturnType<typeof setTimeout> | undefined;
let lastSavedText: string | undefined;

/** Writes the open workflow now: localStorage synchronously (survives an immediate unload), IndexedDB asynchronously. */
export function saveNow(): void {
  if (timer) {
    clearTimeout(timer);
    timer = undefined;
  }
  if (!useDocumentStore.getState().loaded) return;
  const snap = snapshot();
  let ok = false;
  try {
    localStorage.setItem(LS_KEY, JSON.stringify(snap));
    ok = true;
  } catch {
    /* quota or disabled: IndexedDB still gets it */
  }
  try {
    idbSet(IDB_KEY, snap).then(
      () => useSaveStatus.setState({ status: 'saved' }),
      () => useSaveStatus.setState({ status: ok ? 'saved' : 'failed' }),
    );
  } catch {
    if (!ok) useSaveStatus.setState({ status: 'failed' });
  }
  if (ok) useSaveStatus.setState({ status: 'saved' });
  lastSavedText = snap.text;
}

function schedule(): void {
  if (timer) clearTimeout(timer);
  if (useSaveStatus.getState().status !== 'pending') useSaveStatus.setState({ status: 'pending' });
  timer = setTimeout(saveNow, SAVE_DEBOUNCE_MS);
}

/**
 * Saves the open workflow as it changes (debounced) and on `visibilitychange`/`pagehide`. Returns a disposer.
 */
export function startPersistence(): () => void {
  const unsubDoc = useDocumentStore.subscribe((s, p) => {
    if (s.text !== p.text || s.name !== p.name || s.selectedState !== p.selectedState) schedule();
  });
  const unsubView = useViewStore.subscribe((s, p) => {
    if (s.manual !== p.manual || s.viewport !== p.viewport || s.layout !== p.layout) schedule();
  });
  const onHide = () => {
    if (document.visibilityState === 'hidden' || lastSavedText !== useDocumentStore.getState().text) saveNow();
  };
  const onPageHide = () => saveNow();
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onPageHide);
  window.addEventListener('beforeunload', onPageHide);
  return () => {
    unsubDoc();
    unsubView();
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', onPageHide);
    window.removeEventListener('beforeunload', onPageHide);
  };
}
