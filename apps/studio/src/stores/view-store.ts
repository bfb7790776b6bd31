import { create } from 'zustand';

/** A node position (top-left, px, relative to its parent group as React Flow expects). */
export interface XY {
  x: number;
  y: number;
}

/** Computed layout of one node. */
export interface NodeBox extends XY {
  width: number;
  height: number;
}

/** View state kept beside the document (never in the ASL): manual positions, the last elk layout. */
export interface ViewState {
  /** Positions the user dragged nodes to, by node id. Persisted with the document. */
  manual: Record<string, XY>;
  /** The last elk layout, by node id. */
  layout: Record<string, NodeBox>;
  /** The layout key the {@link layout} was computed for (skip elk while unchanged). */
  layoutKey: string | null;
  /** Increments when the user asks for "Auto layout". */
  layoutRequest: number;
  /** Whether a layout is being computed. */
  layingOut: boolean;
  /** The canvas viewport (pan and zoom), persisted with the document; null = fit the drawing. */
  viewport: { x: number; y: number; zoom: number } | null;
  /** True once the canvas has drawn the first layout (the code editor loads after that, to keep first paint fast). */
  canvasPainted: boolean;
  /** Width (px) of the code pane and height (px) of the execution pane. */
  codeWidth: number;
  runHeight: number;

  /** Records a dragged position. */
  moveNode(id: string, pos: XY): void;
  /** Moves a manual position to a renamed node. */
  renameNode(from: string, to: string): void;
  /** Stores a freshly computed layout. */
  setLayout(key: string, layout: Record<string, NodeBox>): void;
  /** Discards manual positions and asks for a fresh elk layout. */
  autoLayout(): void;
  /** Replaces the manual positions (restore / new document). */
  setManual(manual: Record<string, XY>): void;
  setLayingOut(v: boolean): void;
  /** Records the viewport after the user panned or zoomed. */
  setViewport(v: { x: number; y: number; zoom: number } | null): void;
  /** Marks the first canvas paint. */
  markCanvasPainted(): void;
  /** Resizes the code pane / execution pane. */
  setPaneSizes(sizes: Partial<Pick<ViewState, 'codeWidth' | 'runHeight'>>): void;
}

/**
 * View/layout store (zustand): positions are view state beside the document, never written to the ASL.
 *
 * @example
 * useViewStore.getState().moveNode('Pay', { x: 10, y: 20 });
 */
export const useViewStore = create<ViewState>()((set, get) => ({
  manual: {},
  layout: {},
  layoutKey: null,
  layoutRequest: 0,
  layingOut: false,
  viewport: null,
  canvasPainted: false,
  codeWidth: 340,
  runHeight: 190,
  moveNode(id, pos) {
    set({ manual: { ...get().manual, [id]: { x: Math.round(pos.x), y: Math.round(pos.y) } } });
  },
  renameNode(from, to) {
    const { manual, layout } = get();
    const m = { ...manual };
    const l = { ...layout };
    if (m[from]) {
      m[to] = m[from];
      delete m[from];
    }
    if (l[from]) {
      l[to] = l[from];
      delete l[from];
    }
    set({ manual: m, layout: l });
  },
  setLayout(key, layout) {
    set({ layoutKey: key, layout });
  },
  autoLayout() {
    set({ manual: {}, layoutKey: null, layoutRequest: get().layoutRequest + 1 });
  },
  setManual(manual) {
    set({ manual });
  },
  setLayingOut(v) {
    set({ layingOut: v });
  },
  setViewport(v) {
    set({ viewport: v ? { x: Math.round(v.x), y: Math.round(v.y), zoom: Math.round(v.zoom * 1000) / 1000 } : null });
  },
  markCanvasPainted() {
    if (get().canvasPainted) return;
    performance.mark?.('asl-studio:canvas-painted');
    set({ canvasPainted: true });
  },
  setPaneSizes(sizes) {
    set(sizes);
  },
}));
