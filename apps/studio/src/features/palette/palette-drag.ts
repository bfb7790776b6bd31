import { create } from 'zustand';

/** State of a pointer drag of a palette item (pointer events, so mouse, pen, touch and test drivers all work). */
export interface PaletteDragState {
  /** Item being dragged, or null. */
  itemId: string | null;
  title: string;
  /** Pointer position (client px). */
  x: number;
  y: number;
}

/** Pointer-drag store for palette items. */
export const usePaletteDrag = create<PaletteDragState>(() => ({ itemId: null, title: '', x: 0, y: 0 }));

/** Something that accepts a drop: returns true when it took the item. */
export type DropHandler = (itemId: string, clientX: number, clientY: number) => boolean;

let dropHandler: DropHandler | null = null;

/** Registers the canvas as the drop target (returns an unregister function). */
export function setPaletteDropHandler(h: DropHandler): () => void {
  dropHandler = h;
  return () => {
    if (dropHandler === h) dropHandler = null;
  };
}

/**
 * Starts tracking a palette drag from a pointerdown. The drag begins after 4 px of movement; on release over the
 * canvas the registered drop handler inserts the item. Escape cancels.
 */
export function beginPaletteDrag(itemId: string, title: string, startX: number, startY: number): void {
  let active = false;
  const move = (e: PointerEvent) => {
    if (!active && Math.hypot(e.clientX - startX, e.clientY - startY) < 4) return;
    active = true;
    e.preventDefault();
    usePaletteDrag.setState({ itemId, title, x: e.clientX, y: e.clientY });
  };
  const end = (e: PointerEvent | null) => {
    window.removeEventListener('pointermove', move, true);
    window.removeEventListener('pointerup', up, true);
    window.removeEventListener('pointercancel', cancel, true);
    window.removeEventListener('keydown', key, true);
    usePaletteDrag.setState({ itemId: null });
    if (e && active && dropHandler) dropHandler(itemId, e.clientX, e.clientY);
  };
  const up = (e: PointerEvent) => end(e);
  const cancel = () => end(null);
  const key = (e: KeyboardEvent) => {
    if (e.key === 'Escape') end(null);
  };
  window.addEventListener('pointermove', move, true);
  window.addEventListener('pointerup', up, true);
  window.addEventListener('pointercancel', cancel, true);
  window.addEventListener('keydown', key, true);
}
