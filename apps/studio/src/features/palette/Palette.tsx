import { useMemo, useState } from 'react';
import { insertPaletteItem } from '../canvas/actions';
import { filterPalette, type PaletteItem } from './palette-items';
import { beginPaletteDrag, usePaletteDrag } from './palette-drag';

function groupBy(items: PaletteItem[]): [string, PaletteItem[]][] {
  const map = new Map<string, PaletteItem[]>();
  for (const i of items) map.set(i.group, [...(map.get(i.group) ?? []), i]);
  return [...map.entries()];
}

/** The label following the pointer while a palette item is dragged. */
function DragGhost() {
  const drag = usePaletteDrag();
  if (!drag.itemId) return null;
  return (
    <div className="drag-ghost" style={{ transform: `translate(${drag.x + 10}px, ${drag.y + 8}px)` }} aria-hidden="true">
      {drag.title}
    </div>
  );
}

/**
 * The states browser: flow states and AWS service actions. Drag an item onto an edge (insert there) or onto
 * empty canvas (add unconnected); double-click or Enter inserts it after the selected state.
 */
export function Palette() {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => groupBy(filterPalette(query)), [query]);
  return (
    <nav className="palette" aria-label="States">
      <input
        className="input search"
        type="search"
        placeholder="Search states and actions"
        aria-label="Search states and actions"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="palette-list">
        {groups.length === 0 ? <div className="muted small pad">No match.</div> : null}
        {groups.map(([group, items]) => (
          <section key={group} className="palette-group">
            <h3 className="palette-group-title">{group}</h3>
            <ul role="list">
              {items.map((item) => (
                <li key={item.id}>
                  <div
                    role="button"
                    tabIndex={0}
                    className={`palette-item ${item.group === 'Flow' ? `flow type-${item.state.Type as string}` : 'action'}`}
                    data-palette-id={item.id}
                    data-palette-type={String(item.state.Type)}
                    aria-label={item.group === 'Flow' ? item.title : `${item.group}: ${item.title}`}
                    title={`${item.group === 'Flow' ? item.title : `${item.group} ${item.title}`} — drag onto the canvas, or double-click to add after the selected state`}
                    onPointerDown={(e) => {
                      if (e.button !== 0) return;
                      e.preventDefault();
                      (e.currentTarget as HTMLElement).focus();
                      beginPaletteDrag(item.id, item.title, e.clientX, e.clientY);
                    }}
                    onDoubleClick={() => insertPaletteItem(item.id, { afterSelected: true })}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        insertPaletteItem(item.id, { afterSelected: true });
                      }
                    }}
                  >
                    <span className="palette-icon" aria-hidden="true" />
                    <span>{item.title}</span>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <DragGhost />
    </nav>
  );
}
