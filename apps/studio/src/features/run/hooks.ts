import { useRunStore, type StateRunStatus } from './run-store';

/**
 * Live run status of a state for the current execution: `undefined` until a run has begun,
 * then `'idle'` for states not (yet) reached.
 */
export function useStateRunStatus(stateName: string): StateRunStatus | undefined {
  return useRunStore((s) => (s.status === 'NOT_STARTED' ? undefined : (s.stateStatus[stateName] ?? 'idle')));
}

/** Whether the transition source → target was taken in the current execution (path highlighting). */
export function useEdgeTaken(sourceId: string, targetId: string): boolean {
  return useRunStore((s) => s.edges[`${sourceId}->${targetId}`] === true);
}
