import { useEffect, useRef } from 'react';
import { RunErrorBoundary } from './RunErrorBoundary';
import { StartDialog } from './StartDialog';
import { loadSampleFiles } from './run-settings';
import { prepareRunWorkers, setDialogOpen, stopRun, useRunStore } from './run-store';
import { RUN_STATUS_LABEL, runTone } from './status-labels';
import './run.css';

/**
 * Toolbar run controls: "Start execution" (opens the Start dialog), "Stop" (aborts the running execution) and the
 * execution status in an element with role="status" (empty before the first run, then Running, Succeeded, Failed,
 * Timed out or Aborted).
 *
 * @example
 * <header role="toolbar"><RunControls /></header>
 */
export function RunControls() {
  return (
    <RunErrorBoundary name="Run controls" compact>
      <RunControlsInner />
    </RunErrorBoundary>
  );
}

function RunControlsInner() {
  const status = useRunStore((s) => s.status);
  const started = useRunStore((s) => s.started);
  const dialogOpen = useRunStore((s) => s.dialogOpen);
  const running = status === 'RUNNING';
  const startButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    // Give focus back to the toolbar when the dialog closes.
    if (wasOpen.current && !dialogOpen && document.activeElement === document.body) startButton.current?.focus();
    wasOpen.current = dialogOpen;
  }, [dialogOpen]);
  useEffect(() => {
    // Warm the sample's mocks and input so the dialog opens prefilled.
    void loadSampleFiles();
    // Start the execution and history workers once the page is idle, not in the middle of the first run.
    const idle = globalThis.requestIdleCallback?.(prepareRunWorkers, { timeout: 3000 });
    const timer = idle === undefined ? setTimeout(prepareRunWorkers, 1500) : undefined;
    return () => {
      if (idle !== undefined) globalThis.cancelIdleCallback?.(idle);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  return (
    <div className="run-controls tb-group">
      <button ref={startButton} type="button" className="btn primary run-primary" onClick={() => setDialogOpen(true)} disabled={running} title="Run this workflow locally (mocked tasks)">
        <span aria-hidden="true">▶ </span>Start execution
      </button>
      <button type="button" className="btn" onClick={stopRun} disabled={!running} title="Abort the running execution">
        <span aria-hidden="true">■ </span>Stop
      </button>
      <span className={`run-status-pill tone-${runTone(status)}`} data-status={started ? status : undefined}>
        <span className="run-dot" aria-hidden="true" />
        <span role="status" aria-live="polite" title="Execution status">
          {RUN_STATUS_LABEL[started ? status : 'NOT_STARTED']}
        </span>
      </span>
      {dialogOpen ? <StartDialog /> : null}
    </div>
  );
}
