import { useRunStore } from './run-store';

const LABEL: Record<string, string> = {
  NOT_STARTED: 'Not started', RUNNING: 'Running', SUCCEEDED: 'Succeeded', FAILED: 'Failed', TIMED_OUT: 'Timed out', ABORTED: 'Aborted',
};

/** Toolbar run controls: "Start execution", "Stop", and the execution status (role="status"). */
export function RunControls() {
  const status = useRunStore((s) => s.status);
  return (
    <div className="run-controls">
      <button type="button">Start execution</button>
      <button type="button" disabled={status !== 'RUNNING'}>Stop</button>
      <span role="status">{LABEL[status]}</span>
    </div>
  );
}
