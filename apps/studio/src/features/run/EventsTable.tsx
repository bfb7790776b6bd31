import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useDocumentStore } from '../../stores/document-store';
import { ROW_MOCKED, ROW_SYNTHETIC, type EventRows } from './event-rows';
import { queryRun, selectVisit, useRunStore } from './run-store';
import { formatTime } from './StateDetails';
import { formatCount } from './status-labels';
import type { RunSummary } from './worker-protocol';

const ROW_H = 24;
const DETAIL_H = 240;
const OVERSCAN = 8;

function eventTone(type: string): string {
  if (/(Failed|TimedOut|Aborted)$/.test(type)) return 'failed';
  if (/(Succeeded|Exited)$/.test(type)) return 'succeeded';
  if (/(Entered|Started|Scheduled|Submitted)$/.test(type)) return 'running';
  return 'idle';
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

/** The expanded row's details: the event's JSON, asked from the history worker (which holds the events). */
function EventJson({ id }: { id: number }) {
  const runId = useRunStore((s) => s.runId);
  const [text, setText] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void queryRun({ kind: 'event', id }).then((t) => live && setText(t ?? ''));
    return () => {
      live = false;
    };
  }, [id, runId]);
  return (
    <pre className="run-code-view run-ev-json" style={{ height: DETAIL_H - 8 }} aria-busy={text === undefined}>
      {text ?? '…'}
    </pre>
  );
}

/** Rows shown: every row, or the indexes matching the filter. */
interface RowList {
  length: number;
  /** Row index (into {@link EventRows}) of the i-th shown row. */
  at(i: number): number;
  /** Shown position of a row index, or -1. */
  find(row: number): number;
}

function allRows(n: number): RowList {
  return { length: n, at: (i) => i, find: (row) => (row >= 0 && row < n ? row : -1) };
}

function someRows(idx: Int32Array): RowList {
  return {
    length: idx.length,
    at: (i) => idx[i],
    find: (row) => {
      let lo = 0;
      let hi = idx.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (idx[mid] === row) return mid;
        if (idx[mid] < row) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    },
  };
}

/**
 * The execution's event history as a table (ID, type, step, resource, started after, date and time), virtualised so
 * 100,000 events scroll smoothly: only the rows in view are rendered, from the page's columnar copy of the table
 * ({@link EventRows}). A click on a row expands its details JSON (asked from the history worker) and selects its state.
 */
export function EventsTable() {
  const version = useRunStore((s) => s.version);
  const rows = useRunStore((s) => s.rows);
  const selectedEvent = useRunStore((s) => s.selectedEvent);
  const running = useRunStore((s) => s.status === 'RUNNING');
  const selectedVisit = useRunStore((s) => s.selectedVisit);
  const visits = useRunStore((s) => s.view.visits);
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
  }, [rows]);

  const n = rows.length;
  const list = useMemo(() => (filter.trim() ? someRows(rows.filter(filter)) : allRows(n)), [rows, n, version, filter]); // eslint-disable-line react-hooks/exhaustive-deps

  const expandedIdx = useMemo(() => {
    const idx: number[] = [];
    for (const id of expanded) {
      const i = list.find(rows.indexOfId(id));
      if (i >= 0) idx.push(i);
    }
    return idx.sort((a, b) => a - b);
  }, [list, expanded, rows]);

  const total = offsetOf(list.length, expandedIdx);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // While a run streams in, stay at the bottom (unless the user scrolled up). The row window is computed from the
  // target position directly, and the DOM scroll is set at the start of the next frame (its layout is then done once,
  // in that frame); the scroll event it causes re-renders nothing.
  const following = follow.current && running;
  const viewTop = following ? Math.max(0, total - height) : scrollTop;
  const programmatic = useRef(-1);
  useEffect(() => {
    if (!following) return;
    const id = requestAnimationFrame(() => {
      const el = scroller.current;
      if (!el || !follow.current) return;
      programmatic.current = viewTop;
      el.scrollTop = viewTop;
    });
    return () => cancelAnimationFrame(id);
  }, [following, viewTop]);
  // Following ends: when the run finished, the table shows its end (the last update's rows included); when the user
  // scrolled away, the window continues from where the table is.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (following || !el) return;
    if (follow.current) {
      programmatic.current = Math.max(0, total - height);
      el.scrollTop = programmatic.current;
    }
    setScrollTop(el.scrollTop);
  }, [following]); // eslint-disable-line react-hooks/exhaustive-deps

  // The visit shown in the state details: its events are highlighted and scrolled into view.
  const activeKey = activeVisitKey(rows, visits, selectedVisit, selectedState);
  useEffect(() => {
    const el = scroller.current;
    if (!el || activeKey === undefined) return;
    const selRow = selectedEvent !== undefined ? rows.indexOfId(selectedEvent) : -1;
    const target = selRow >= 0 && rows.stepKey(selRow) === activeKey ? selRow : rows.indexOfId(activeKey);
    const idx = list.find(target);
    if (idx < 0) return;
    const top = offsetOf(idx, expandedIdx);
    if (top < el.scrollTop || top + ROW_H > el.scrollTop + el.clientHeight - ROW_H) {
      follow.current = false;
      el.scrollTop = Math.max(0, top - el.clientHeight / 3);
      setScrollTop(el.scrollTop);
    }
  }, [activeKey]); // eslint-disable-line react-hooks/exhaustive-deps

  // While following, the rows above the view are replaced by the next update anyway: a small overscan is enough.
  const overscan = following ? 2 : OVERSCAN;
  const first = Math.max(0, rowAt(viewTop, list.length, expandedIdx) - overscan);
  let last = first;
  while (last < list.length && offsetOf(last, expandedIdx) < viewTop + height + overscan * ROW_H) last++;
  const startMs = n ? rows.time(0) : 0;

  const onRow = (row: number) => {
    const id = rows.id(row);
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
    const key = rows.stepKey(row);
    const name = rows.step(row);
    selectVisit(key || undefined, id);
    if (key && useDocumentStore.getState().selectedState !== name) {
      useDocumentStore.getState().select(name);
    }
  };

  const visible: number[] = [];
  for (let i = first; i < last; i++) visible.push(i);
  return (
    <div className="run-events">
      <div className="run-events-bar">
        <h3>Events</h3>
        <span className="run-muted">{formatCount(n)}</span>
        <input
          type="search"
          className="run-filter"
          placeholder="Filter by type or state"
          aria-label="Filter events"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      <div className="run-events-grid" role="table" aria-label="Execution events" aria-rowcount={list.length + 1}>
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
            // Our own follow scroll (the table may have grown since): nothing to re-render.
            if (follow.current && Math.abs(el.scrollTop - programmatic.current) <= 1) return;
            programmatic.current = -1;
            setScrollTop(el.scrollTop);
            follow.current = el.scrollTop + el.clientHeight >= total - ROW_H * 2;
          }}
        >
          {/* Rows are absolutely positioned in a sized box: a new row costs no table layout. */}
          <div className="run-events-sizer" style={{ height: total }}>
            {/* Keyed by slot, not by event: while the window moves, rows are updated in place instead of recreated. */}
            {visible.map((i, slot) => {
              const row = list.at(i);
              const id = rows.id(row);
              const type = rows.type(row);
              const key = rows.stepKey(row);
              const step = key ? rows.step(row) : undefined;
              const iteration = rows.iteration(row);
              const flags = rows.flags(row);
              const top = offsetOf(i, expandedIdx);
              const open = expanded.has(id);
              const elapsed = Math.round(rows.time(row) - startMs);
              const time = formatTime(rows.time(row));
              return (
                <div key={slot} className="run-ev-item" style={{ top, height: open ? ROW_H + DETAIL_H : ROW_H }}>
                  <div
                    role="row"
                    aria-rowindex={i + 2}
                    aria-expanded={open}
                    tabIndex={0}
                    className={`run-ev-row run-ev-cols tone-${eventTone(type)} ${selectedEvent === id ? 'is-selected' : ''} ${
                      activeKey !== undefined && key === activeKey ? 'is-in-visit' : ''
                    }`}
                    onClick={() => onRow(row)}
                    onKeyDown={(k2) => {
                      if (k2.key === 'Enter' || k2.key === ' ') {
                        k2.preventDefault();
                        onRow(row);
                      }
                    }}
                  >
                    <span role="cell" className="run-num-cell">
                      <span className="run-caret" aria-hidden="true">
                        {open ? '▾' : '▸'}
                      </span>
                      {id}
                    </span>
                    <span role="cell" className="run-ev-type">
                      {type}
                      {flags & ROW_MOCKED ? <span className="run-badge tone-mocked">mocked</span> : null}
                      {flags & ROW_SYNTHETIC ? (
                        <span className="run-badge tone-idle" title="Recorded by the studio, not the engine">
                          studio
                        </span>
                      ) : null}
                    </span>
                    <span role="cell" className="run-ev-step" title={step}>
                      {step ?? ''}
                      {step !== undefined && iteration !== undefined ? <span className="run-muted"> [{iteration}]</span> : null}
                    </span>
                    <span role="cell" className="run-muted">
                      {rows.resource(row)}
                    </span>
                    <span role="cell" className="run-num-cell">
                      {Number.isFinite(elapsed) ? `${elapsed} ms` : ''}
                    </span>
                    <span role="cell" className="run-muted run-num-cell" title={time}>
                      {time.slice(11)}
                    </span>
                  </div>
                  {open ? <EventJson key={id} id={id} /> : null}
                </div>
              );
            })}
          </div>
          {list.length === 0 ? <div className="run-muted run-empty">{filter ? 'No event matches the filter.' : 'No events yet.'}</div> : null}
        </div>
      </div>
    </div>
  );
}

/** Key of the visit the state details show: the chosen visit if it is of the selected state, else its last visit. */
function activeVisitKey(rows: EventRows, visits: RunSummary['visits'], selectedVisit: number | undefined, selectedState: string | null): number | undefined {
  if (!selectedState) return undefined;
  if (selectedVisit !== undefined) {
    // A visit's key is the id of its StateEntered event, whose row names the state.
    const row = rows.indexOfId(selectedVisit);
    if (row >= 0 && rows.stepKey(row) === selectedVisit && rows.step(row) === selectedState) return selectedVisit;
  }
  return visits[selectedState]?.lastKey;
}
