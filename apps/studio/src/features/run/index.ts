/**
 * Run side of the studio: execution controls, the execution view, and hooks the canvas uses
 * to paint live state statuses and the path taken.
 */
export { RunControls } from './RunControls';
export { RunPanel } from './RunPanel';
export { useStateRunStatus, useStateWaiting, useEdgeTaken } from './hooks';
/** Canvas status of a state (`idle` … `failed`) and the execution status shown by the run controls. */
export type { StateRunStatus, RunStatus } from './run-store';
/** The pure history fold, for tools that replay an exported history. */
export { foldHistory, isEdgeTaken, type RunView, type StateVisit, type HistoryEvent } from './fold-history';
