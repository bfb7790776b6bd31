import { create } from 'zustand';

/** Execution status as shown in the UI. */
export type RunStatus = 'NOT_STARTED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** Per-state run status used by canvas nodes. */
export type StateRunStatus = 'idle' | 'running' | 'succeeded' | 'failed' | 'caught' | 'retrying';

/** The run store's state (a fold over the event history, filled in by the worker bridge). */
export interface RunStoreState {
  /** Status of the current/last execution. */
  status: RunStatus;
  /** Per-state statuses; empty before any run. */
  stateStatus: Record<string, StateRunStatus>;
  /** Edges taken, keyed "source->target". */
  edges: Record<string, true>;
}

/** The run store (zustand). */
export const useRunStore = create<RunStoreState>(() => ({
  status: 'NOT_STARTED',
  stateStatus: {},
  edges: {},
}));
