import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useDocumentStore } from '../../stores/document-store';
import { eventDetails, isMockedEvent, type HistoryEvent, type HistoryFold } from './fold-history';
import { selectVisit, useRunStore } from './run-store';
import { formatTime } from './StateDetails';

const ROW_H = 24;
const DETAIL_H = 240;
const OVERSCAN = 12;

function eventTone(type: string): string {
  if (/(Failed|TimedOut|Aborted)$/.test(type)) return 'failed';
  if (/(Succeeded|Exited)$/.test(type)) return 'succeeded';
  if (/(Entered|Started|Scheduled|Submitted)$/.test(type)) return 'running';
  return 'idle';
}

/** The step (state) an event belongs to, with its Map iteration when inside one. */
function stepOf(fold: HistoryFold, e: HistoryEvent): { name: string; key: number; iteration?: string } | undefined {
  const key = fold.ownerOf(e.id);
  const v = key ? fold.visit(key) : undefined;
  if (!v) return undefined;
  const path = v.iterationPath;
  const d = eventDetails(e);
  // Map iteration events carry the iteration index themselves.
  const it = e.type.startsWith('MapIteration') && typeof d?.index === 'number' ? [...path, d.index] : path;
  return { name: v.name, key: v.key, iteration: it.length ? it.join('.') : undefined };
}

function resourceOf(e: HistoryEvent): string {
  const d = eventDetails(e);
  if (!d) return '';
  if (typeof d.resourceType === 'string' && typeof d.resource === 'string') return `${d.resourceType}:${d.resource}`;
  if (typeof d.resource === 'string') return d.resource;
  return '';
}

/** Position of row i, given the sorted row indexes of expanded rows. */
function offsetOf(i: number, expandedIdx: number[]): number {
  let lo = 0;
  let hi = expandedIdx.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (expandedIdx[mid] < i) lo = mid + 1;
    else hi = mid;
  }
  return i * ROW_H + lo * DETAIL_H;
}

/** Index of the row at pixel y. */
function rowAt(y: number, n: number, expandedIdx: number[]): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsetOf(mid, expandedIdx) <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/**
 * The execution's event history as a table (ID, type, step, resource, started after, date and time), virtualised so
 * 100,000 events scroll smoothly. A click on a row expands its details JSON and selects its state.
 */
export function EventsTable() {
  const version = useRunStore((s) => s.version);
  const events = useRunStore((s) => s.events);
  const fold = useRunStore((s) => s.fold);
  const selectedEvent = useRunStore((s) => s.selectedEvent);
  const running = useRunStore((s) => s.status === 'RUNNING');
  const selectedVisit = useRunStore((s) => s.selectedVisit);
  const selectedState = useDocumentStore((s) => s.selectedState);
  const [filter, setFilter] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  const follow = useRef(true);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setExpanded(new Set());
    follow.current = true;
  }, [events]);

  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return events.slice();
    return events.filter((e) => {
      if (e.type.toLowerCase().includes(q) || String(e.id) === q) return true;
      const step = stepOf(fold, e);
      return step ? step.name.toLowerCase().includes(q) : false;
    });
  }, [events, version, filter, fold]); // eslint-disable-line react-hooks/exhaustive-deps

  const expandedIdx = useMemo(() => {
    const idx: number[] = [];
    if (expanded.size === 0) return idx;
    rows.forEach((e, i) => {
      if (expanded.has(e.id)) idx.push(i);
    });
    return idx;
  }, [rows, expanded]);

  const total = offsetOf(rows.length, expandedIdx);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // While a run streams in, stay at the bottom (unless the user scrolled up). The row window is computed from the
  // target position directly, and the DOM scroll is set in the next frame: no forced layout, no second render.
  const following = follow.current && running;
  const viewTop = following ? Math.max(0, total - height) : scrollTop;
  useEffect(() => {
    if (!following) return;
    const id = requestAnimationFrame(() => {
      const el = scroller.current;
      if (el && follow.current) el.scrollTop = viewTop;
    });
    return () => cancelAnimationFrame(id);
  }, [following, viewTop]);

  // The visit shown in the state details: its events are highlighted and scrolled into view.
  const activeKey = activeVisitKey(fold, selectedVisit, selectedState);
  useEffect(() => {
    const el = scroller.current;
    if (!el || activeKey === undefined) return;
    const target = selectedEvent !== undefined && fold.ownerOf(selectedEvent) === activeKey ? selectedEvent : activeKey;
    const idx = indexOfId(rows, target);
    if (idx < 0) return;
    const top = offsetOf(idx, expandedIdx);
    if (top < el.scrollTop || top + ROW_H > el.scrollTop + el.clientHeight - ROW_H) {
      follow.current = false;
      el.scrollTop = Math.max(0, top - el.clientHeight / 3);
      setScrollTop(el.scrollTop);
    }
  }, [activeKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const first = Math.max(0, rowAt(viewTop, rows.length, expandedIdx) - OVERSCAN);
  let last = first;
  while (last < rows.length && offsetOf(last, expandedIdx) < viewTop + height + OVERSCAN * ROW_H) last++;
  const startMs = events.length ? Date.parse(events[0].timestamp) : 0;

  const onRow = (e: HistoryEvent) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(e.id)) next.delete(e.id);
      else next.add(e.id);
      return next;
    });
    const step = stepOf(fold, e);
    selectVisit(step?.key, e.id);
    if (step && useDocumentStore.getState().selectedState !== step.name) {
      useDocumentStore.getState().select(step.name);
    }
  };

  const visible = rows.slice(first, last);
  return (
    <div className="run-events">
      <div className="run-events-bar">
        <h3>Events</h3>
        <span className="run-muted">{events.length.toLocaleString('en-US')}</span>
        <input
          type="search"
          className="run-filter"
          placeholder="Filter by type or state"
          aria-label="Filter events"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      <div className="run-events-grid" role="table" aria-label="Execution events" aria-rowcount={rows.length + 1}>
        <div className="run-ev-head run-ev-cols" role="row">
          <span role="columnheader">ID</span>
          <span role="columnheader">Type</span>
          <span role="columnheader">Step</span>
          <span role="columnheader">Resource</span>
          <span role="columnheader">Started after</span>
          <span role="columnheader">Time</span>
        </div>
        <div
          className="run-events-scroll"
          ref={scroller}
          role="rowgroup"
          onScroll={(ev) => {
            const el = ev.currentTarget;
            setScrollTop(el.scrollTop);
            follow.current = el.scrollTop + el.clientHeight >= total - ROW_H * 2;
          }}
        >
          {/* Rows are absolutely positioned in a sized box: a new row costs no table layout. */}
          <div className="run-events-sizer" style={{ height: total }}>
            {visible.map((e, k) => {
              const i = first + k;
              const top = offsetOf(i, expandedIdx);
              const step = stepOf(fold, e);
              const open = expanded.has(e.id);
              const elapsed = Date.parse(e.timestamp) - startMs;
              const time = formatTime(e.timestamp);
              return (
                <div key={e.id} className="run-ev-item" style={{ top, height: open ? ROW_H + DETAIL_H : ROW_H }}>
                  <div
                    role="row"
                    aria-rowindex={i + 2}
                    aria-expanded={open}
                    tabIndex={0}
                    className={`run-ev-row run-ev-cols tone-${eventTone(e.type)} ${selectedEvent === e.id ? 'is-selected' : ''} ${
                      activeKey !== undefined && step?.key === activeKey ? 'is-in-visit' : ''
                    }`}
                    onClick={() => onRow(e)}
                    onKeyDown={(k2) => {
                      if (k2.key === 'Enter' || k2.key === ' ') {
                        k2.preventDefault();
                        onRow(e);
                      }
                    }}
                  >
                    <span role="cell" className="run-num-cell">
                      <span className="run-caret" aria-hidden="true">
                        {open ? '▾' : '▸'}
                      </span>
                      {e.id}
                    </span>
                    <span role="cell" className="run-ev-type">
                      {e.type}
                      {isMockedEvent(e) ? <span className="run-badge tone-mocked">mocked</span> : null}
                      {e.synthetic ? (
                        <span className="run-badge tone-idle" title="Recorded by the studio, not the engine">
                          studio
                        </span>
                      ) : null}
                    </span>
                    <span role="cell" className="run-ev-step" title={step?.name}>
                      {step?.name ?? ''}
                      {step?.iteration !== undefined ? <span className="run-muted"> [{step.iteration}]</span> : null}
                    </span>
                    <span role="cell" className="run-muted">
                      {resourceOf(e)}
                    </span>
                    <span role="cell" className="run-num-cell">
                      {Number.isFinite(elapsed) ? `${elapsed} ms` : ''}
                    </span>
                    <span role="cell" className="run-muted run-num-cell" title={time}>
                      {time.slice(11)}
                    </span>
                  </div>
                  {open ? (
                    <pre className="run-code-view run-ev-json" style={{ height: DETAIL_H - 8 }}>
                      {JSON.stringify(expandEvent(e), null, 2)}
                    </pre>
                  ) : null}
                </div>
              );
            })}
          </div>
          {rows.length === 0 ? <div className="run-muted run-empty">{filter ? 'No event matches the filter.' : 'No events yet.'}</div> : null}
        </div>
      </div>
    </div>
  );
}

/** Key of the visit the state details show: the chosen visit if it is of the selected state, else its last visit. */
function activeVisitKey(fold: HistoryFold, selectedVisit: number | undefined, selectedState: string | null): number | undefined {
  if (!selectedState) return undefined;
  const v = selectedVisit !== undefined ? fold.visit(selectedVisit) : undefined;
  if (v && v.name === selectedState) return v.key;
  const visits = fold.view.visitsByName[selectedState];
  return visits?.[visits.length - 1]?.key;
}

/** Row index of an event id (rows are in id order), or -1. */
function indexOfId(rows: HistoryEvent[], id: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].id === id) return mid;
    if (rows[mid].id < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The event with its JSON-text fields decoded, for reading. */
function expandEvent(e: HistoryEvent): unknown {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (v && typeof v === 'object' && k.endsWith('EventDetails')) {
      const d: Record<string, unknown> = {};
      for (const [dk, dv] of Object.entries(v as Record<string, unknown>)) {
        if (typeof dv === 'string' && /^(input|output|parameters|cause)$/.test(dk)) {
          try {
            d[dk] = JSON.parse(dv);
            continue;
          } catch {
            /* plain text */
          }
        }
        d[dk] = dv;
      }
      out[k] = d;
    } else out[k] = v;
  }
  return out;
}
