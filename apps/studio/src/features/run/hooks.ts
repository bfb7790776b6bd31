import { isEdgeTaken } from './fold-history';
import { useRunStore, type StateRunStatus } from './run-store';

/**
 * Live run status of a state in the current execution, for the canvas node's `data-status`:
 * `undefined` until a run has begun, then `'idle'` for states not reached, `'running'`, `'retrying'`,
 * `'succeeded'`, `'caught'` (exited through a Catch) or `'failed'`. Over several visits (loops, Map iterations)
 * a failure wins, then an open retry, then a visit in progress, then the last visit's outcome.
 *
 * @example
 * const status = useStateRunStatus(name);
 * return <div className="node" data-status={status}>{name}</div>;
 */
export function useStateRunStatus(stateName: string): StateRunStatus | undefined {
  return useRunStore((s) => (s.started ? (s.fold.view.stateStatus[stateName] ?? 'idle') : undefined));
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
