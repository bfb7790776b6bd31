/**
 * Run side of the studio: execution controls, the execution view, and hooks the canvas uses
 * to paint live state statuses and the path taken.
 */
export { RunControls } from './RunControls';
export { RunPanel } from './RunPanel';
export { useStateRunStatus, useEdgeTaken } from './hooks';
export type { StateRunStatus, RunStatus } from './run-store';
