import { useEffect, useRef, useState } from 'react';
import { useDocumentStore } from '../../stores/document-store';
import { isEdgeTaken } from './fold-history';
import { queryRun, useRunStore, type StateRunStatus } from './run-store';
import type { RunSummary, VisitReply } from './worker-protocol';

/** Names of the states directly inside a Parallel branch, from its canvas id `__branch:States/P/Branches/0`. */
function branchStates(def: unknown, id: string): string[] {
  let cur: unknown = def;
  for (const seg of id.slice('__branch:'.length).split('/')) {
    if (!cur || typeof cur !== 'object') return [];
    cur = (cur as Record<string, unknown>)[seg];
  }
  const states = (cur as { States?: unknown } | undefined)?.States;
  return states && typeof states === 'object' ? Object.keys(states) : [];
}

/** Status of a Parallel branch: failed if a state in it failed, running while one runs, succeeded once reached. */
function branchStatus(view: RunSummary, names: string[]): StateRunStatus {
  const st = names.map((n) => view.stateStatus[n] ?? 'idle');
  if (st.includes('failed')) return 'failed';
  if (st.includes('running') || st.includes('retrying')) return 'running';
  return st.some((x) => x !== 'idle') ? 'succeeded' : 'idle';
}

/**
 * Live run status of a state in the current execution, for the canvas node's `data-status`:
 * `undefined` until a run has begun, then `'idle'` for states not reached, `'running'`, `'retrying'`,
 * `'succeeded'`, `'caught'` (exited through a Catch) or `'failed'`. Over several visits (loops, Map iterations)
 * a failure wins, then an open retry, then a visit in progress, then the last visit's outcome. A Parallel branch
 * container (`__branch:<path>`) gets the combined status of its states.
 *
 * @example
 * const status = useStateRunStatus(name);
 * return <div className="node" data-status={status}>{name}</div>;
 */
export function useStateRunStatus(stateName: string): StateRunStatus | undefined {
  const isBranch = stateName.startsWith('__branch:');
  const def = useDocumentStore((s) => (isBranch ? s.lastValidDefinition : undefined));
  return useRunStore((s) => {
    if (!s.started) return undefined;
    if (isBranch) return branchStatus(s.view, branchStates(def, stateName));
    return s.view.stateStatus[stateName] ?? 'idle';
  });
}

/**
 * Whether a state has a task waiting for a callback (`.waitForTaskToken`) in the running execution, for the canvas
 * node's `data-waiting`.
 *
 * @example
 * const waiting = useStateWaiting(name); // true while SendTaskSuccess/Failure is awaited
 */
export function useStateWaiting(stateName: string): boolean {
  return useRunStore((s) => s.status === 'RUNNING' && s.view.callbacks.some((c) => c.stateName === stateName));
}

/**
 * Whether the transition `sourceId → targetId` was taken in the current execution (path highlighting).
 * Start/end markers (`__start`, `__start:<scope>`, `__end`, `__end:<scope>`) are matched by the state on the other end.
 *
 * @example
 * const taken = useEdgeTaken(edge.source, edge.target);
 */
export function useEdgeTaken(sourceId: string, targetId: string): boolean {
  return useRunStore((s) => s.started && isEdgeTaken(s.view, sourceId, targetId));
}

/**
 * A visit of a state in the current run, asked from the history worker: the chosen one (`key`), else the state's last
 * visit. Kept live while the run goes on: asked again when the shown visit may have changed (it is still open, a newer
 * last visit appeared, or the execution status changed). While a new answer is on its way the previous one of the same
 * state stays shown; answers are applied in the order they were asked.
 *
 * @example
 * const reply = useVisit('Work', selectedVisit);
 * reply?.visit.input; // pretty-printed JSON text
 */
export function useVisit(name: string | null, key: number | undefined): VisitReply | undefined {
  const runId = useRunStore((s) => s.runId);
  const status = useRunStore((s) => s.status);
  const lastKey = useRunStore((s) => (name ? s.view.visits[name]?.lastKey : undefined));
  const count = useRunStore((s) => (name ? s.view.visits[name]?.count : undefined));
  const [reply, setReply] = useState<{ id: string; reply: VisitReply | undefined } | undefined>(undefined);
  const id = `${runId}\u0000${name}`;
  const shown = reply?.id === id ? reply.reply : undefined;
  const open = shown !== undefined && !shown.visit.closed;
  const version = useRunStore((s) => (open ? s.version : 0));
  // A change of this token means the answer may be stale.
  const token = `${id}\u0000${key}\u0000${key === undefined ? lastKey : ''}\u0000${count}\u0000${status}\u0000${version}`;
  const asked = useRef(0);
  const applied = useRef(0);
  const current = useRef(id);
  current.current = id;

  useEffect(() => {
    if (!name || lastKey === undefined) return;
    const n = ++asked.current;
    void queryRun({ kind: 'visit', name, key }).then((r) => {
      if (n <= applied.current || current.current !== id) return;
      applied.current = n;
      setReply({ id, reply: r });
    });
  }, [token]); // eslint-disable-line react-hooks/exhaustive-deps

  return lastKey === undefined ? undefined : shown;
}
