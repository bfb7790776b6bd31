import { useRef, type PointerEvent } from 'react';

/** Props of {@link Splitter}. */
export interface SplitterProps {
  /** `col` resizes widths (a vertical bar), `row` resizes heights (a horizontal bar). */
  direction: 'col' | 'row';
  /** Current size (px) of the pane being resized. */
  size: number;
  /** Called with the new size while dragging. */
  onResize(size: number): void;
  /** +1 when dragging right/down grows the pane, -1 when it shrinks it. */
  sign: 1 | -1;
  min: number;
  max: number;
  /** Accessible name, e.g. "Resize code pane". */
  label: string;
}

/** A draggable bar between two panes (pointer events; arrow keys nudge by 16 px). */
export function Splitter({ direction, size, onResize, sign, min, max, label }: SplitterProps) {
  const start = useRef<{ pos: number; size: number } | null>(null);
  const clamp = (v: number) => Math.max(min, Math.min(max, v));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    (e.target as HTMLElement).setPointerCapture(e.pointerId);
    start.current = { pos: direction === 'col' ? e.clientX : e.clientY, size };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!start.current) return;
    const delta = (direction === 'col' ? e.clientX : e.clientY) - start.current.pos;
    onResize(clamp(start.current.size + sign * delta));
  };
  const onPointerUp = () => {
    start.current = null;
  };
  return (
    <div
      className={`splitter splitter-${direction}`}
      role="separator"
      aria-orientation={direction === 'col' ? 'vertical' : 'horizontal'}
      aria-label={label}
      aria-valuenow={Math.round(size)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={(e) => {
        const grow = direction === 'col' ? (e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0) : e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
        if (grow) {
          e.preventDefault();
          onResize(clamp(size + sign * grow * 16));
        }
      }}
    />
  );
}
