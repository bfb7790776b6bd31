/** Move up / move down / remove buttons of a list item (Choice rule, Retrier, Catcher), labelled for screen readers. */
export function ItemActions({
  what,
  index,
  count,
  onMove,
  onRemove,
  removeDisabled,
  removeTitle,
}: {
  /** Accessible name of the item, e.g. "retrier 2". */
  what: string;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
  removeDisabled?: boolean;
  removeTitle?: string;
}) {
  return (
    <span className="icard-actions">
      <button type="button" className="btn ghost small" aria-label={`Move ${what} up`} title="Move up" disabled={index === 0} onClick={() => onMove(index - 1)}>
        ↑
      </button>
      <button type="button" className="btn ghost small" aria-label={`Move ${what} down`} title="Move down" disabled={index >= count - 1} onClick={() => onMove(index + 1)}>
        ↓
      </button>
      <button type="button" className="btn ghost small" aria-label={`Remove ${what}`} title={removeTitle ?? 'Remove'} disabled={removeDisabled} onClick={onRemove}>
        ✕
      </button>
    </span>
  );
}
