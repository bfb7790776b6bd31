import { memo, useEffect, useRef, useState } from 'react';
import { useDocumentStore } from '../../stores/document-store';
import { CallbackPanel } from './CallbackPanel';
import { EventsTable } from './EventsTable';
import { RunErrorBoundary } from './RunErrorBoundary';
import { clearRun, loadHistory, queryRun, selectVisit, useRunStore } from './run-store';
import { StateDetails, formatTime } from './StateDetails';
import { RUN_STATUS_LABEL, formatCount, runTone } from './status-labels';
import { RUN_TYPE_LABEL } from './worker-protocol';
import './run.css';

/**
 * The execution view (like the AWS console's execution details): a summary with the error of a failed run, the
 * selected state's input, output, error and cause for this run (click a state on the canvas or an event), and the
 * full event history.
 *
 * @example
 * <div className="run-pane"><RunPanel /></div>
 */
export function RunPanel() {
  return (
    <RunErrorBoundary name="Execution panel">
      <RunPanelInner />
    </RunErrorBoundary>
  );
}

/** Re-renders every second while `on` (the running duration). */
function useTick(on: boolean): void {
  const [, setN] = useState(0);
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setN((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [on]);
}

function durationText(from?: string, to?: string, live = false): string {
  if (!from) return '—';
  if (!to && !live) return '—';
  const end = to ? Date.parse(to) : Date.now();
  const ms = end - Date.parse(from);
  if (!Number.isFinite(ms)) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Downloads the history as GetExecutionHistory JSON (written by the history worker, which holds it). */
async function exportHistory(name: string | undefined): Promise<void> {
  const blob = await queryRun({ kind: 'export' });
  if (!blob) return;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name || 'execution'}.history.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "Load history…": replays an exported execution history (this panel's export or the AWS console's) offline. */
function LoadHistoryButton({ disabled }: { disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <>
      <button type="button" className="btn" disabled={disabled} onClick={() => input.current?.click()} title="Replay an exported execution history (GetExecutionHistory JSON)">
        Load history…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-hidden="true"
        tabIndex={-1}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          const err = await loadHistory(await file.text(), file.name.replace(/\.json$/i, ''));
          setError(err);
          if (err) useDocumentStore.getState().notify('error', err);
        }}
      />
      {error ? <span className="run-err-text run-load-error">{error}</span> : null}
    </>
  );
}

/** "Copy ARN": copies the execution ARN (as the engine made it: `…:execution:…` for Standard, `…:express:…` for Express). */
function CopyArnButton({ arn }: { arn: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => setCopied(false), [arn]);
  return (
    <button
      type="button"
      className="run-link-btn run-copy-arn"
      aria-label="Copy execution ARN"
      title={arn}
      data-arn={arn}
      onClick={() =>
        void navigator.clipboard
          ?.writeText(arn)
          .then(() => setCopied(true))
          .catch(() => undefined)
      }
    >
      {copied ? 'Copied' : 'Copy ARN'}
    </button>
  );
}

/** State details and events: they subscribe to what they show, so the summary's updates do not re-render them. */
const RunBody = memo(function RunBody() {
  return (
    <div className="run-body">
      <div className="run-left">
        <StateDetails />
      </div>
      <div className="run-right">
        <EventsTable />
      </div>
    </div>
  );
});

function RunPanelInner() {
  const started = useRunStore((s) => s.started);
  const status = useRunStore((s) => s.status);
  const request = useRunStore((s) => s.request);
  const view = useRunStore((s) => s.view);
  const executionArn = useRunStore((s) => s.executionArn);
  useTick(status === 'RUNNING' && request?.clock === 'real');

  if (!started) {
    return (
      <section className="run-panel is-empty" aria-label="Execution">
        <div className="run-empty-state">
          <strong>No execution yet.</strong> Use <em>Start execution</em> in the toolbar to run the workflow here: tasks answer from
          the mocks (or default responses) and Wait states pass at once, unless you choose real time. Or replay a recorded run:{' '}
          <LoadHistoryButton />
        </div>
      </section>
    );
  }

  const ended = status !== 'RUNNING' && status !== 'NOT_STARTED';
  const failedState = view.failedState;
  return (
    <section className="run-panel" aria-label="Execution">
      <header className="run-summary">
        <span className={`run-badge is-large tone-${runTone(status)}`} data-execution-status={status}>
          {RUN_STATUS_LABEL[status]}
        </span>
        <span className="run-sum-item" title={executionArn ? `Execution ARN: ${executionArn}` : `Execution name: ${request?.name ?? ''}`}>
          <span className="run-k">Execution</span> <code className="run-exec-name">{request?.name ?? '—'}</code>
          {request?.type ? (
            <span className="run-badge tone-idle run-type-badge" data-execution-type={request.type} title={`Type: ${RUN_TYPE_LABEL[request.type]}`}>
              {RUN_TYPE_LABEL[request.type]}
            </span>
          ) : null}
          {executionArn ? <CopyArnButton arn={executionArn} /> : null}
        </span>
        {request?.testCase ? (
          <span className="run-sum-item">
            <span className="run-k">Test case</span> {request.testCase}
          </span>
        ) : null}
        <span className="run-sum-item" title={formatTime(view.startedAt)}>
          <span className="run-k">Started</span> {formatTime(view.startedAt).slice(11)}
        </span>
        <span className="run-sum-item">
          <span className="run-k">Duration</span> {durationText(view.startedAt, view.endedAt, request?.clock === 'real')}
        </span>
        <span className="run-sum-item">
          <span className="run-k">State transitions</span> {formatCount(view.stateTransitions)}
        </span>
        {request?.clock === 'real' ? <span className="run-badge tone-idle">real time</span> : null}
        <span className="run-sum-actions">
          <button type="button" className="btn" disabled={!ended} onClick={() => void exportHistory(request?.name)}>
            Export history
          </button>
          <LoadHistoryButton disabled={!ended} />
          <button type="button" className="btn" disabled={!ended} onClick={clearRun} title="Clear the run highlights">
            Clear
          </button>
        </span>
      </header>
      {ended && status !== 'SUCCEEDED' ? (
        <div className="run-error-summary" title={view.cause ?? undefined}>
          <span className="run-error-summary-title">
            Execution {RUN_STATUS_LABEL[status].toLowerCase()}
            {failedState ? (
              <>
                {' '}
                at{' '}
                <button
                  type="button"
                  className="run-link-btn"
                  onClick={() => {
                    selectVisit(undefined);
                    useDocumentStore.getState().select(failedState);
                  }}
                >
                  {failedState}
                </button>
              </>
            ) : null}
          </span>
          {view.error ? <code className="run-error-name">{view.error}</code> : null}
          {view.cause ? <span className="run-error-cause">{view.cause}</span> : null}
        </div>
      ) : null}
      <CallbackPanel />
      <RunBody />
    </section>
  );
}
