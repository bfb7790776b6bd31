import { useDocumentStore } from '../../stores/document-store';
import { isEdgeTaken, type RunView } from './fold-history';
import { useRunStore, type StateRunStatus } from './run-store';

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
function branchStatus(view: RunView, names: string[]): StateRunStatus {
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
    if (isBranch) return branchStatus(s.fold.view, branchStates(def, stateName));
    return s.fold.view.stateStatus[stateName] ?? 'idle';
  });
}

/**
 * Whether the transition `sourceId → targetId` was taken in the current execution (path highlighting).
 * Start/end markers (`__start`, `__start:<scope>`, `__end`, `__end:<scope>`) are matched by the state on the other end.
 *
 * @example
 * const taken = useEdgeTaken(edge.source, edge.target);
 */
export function useEdgeTaken(sourceId: string, targetId: string): boolean {
  return useRunStore((s) => s.started && s.version >= 0 && isEdgeTaken(s.fold.view, sourceId, targetId));
}
