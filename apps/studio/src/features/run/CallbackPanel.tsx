import { useEffect, useId, useState } from 'react';
import { useDocumentStore } from '../../stores/document-store';
import { useViewStore } from '../../stores/view-store';
import { callbackWhere, checkCallbackOutput, type CallbackOutcome, type PendingCallback } from './callbacks';
import { selectVisit, sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess, useRunStore } from './run-store';
import { formatTime } from './StateDetails';

/** Height (px) the execution pane grows to (once per run) when a task starts waiting, so the answer form fits. */
const WAITING_PANE_HEIGHT = 360;

/**
 * "Waiting for callback": the running execution's `.waitForTaskToken` tasks, each with its task token and the
 * SendTaskSuccess (output JSON), SendTaskFailure (error, cause) and SendTaskHeartbeat calls. Shown while the run has
 * pending tokens; with several, one form at a time (click a row to answer another).
 *
 * @example
 * <CallbackPanel />
 */
export function CallbackPanel() {
  const callbacks = useRunStore((s) => s.view.callbacks);
  const running = useRunStore((s) => s.status === 'RUNNING');
  const runId = useRunStore((s) => s.runId);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const waiting = running && callbacks.length > 0;

  // Make room for the form the first time a task of this run waits (never shrinks the pane).
  const [grown, setGrown] = useState(0);
  useEffect(() => {
    if (!waiting || grown === runId) return;
    setGrown(runId);
    const view = useViewStore.getState();
    const room = Math.min(WAITING_PANE_HEIGHT, Math.round(window.innerHeight * 0.45));
    if (view.runHeight < room) view.setPaneSizes({ runHeight: room });
  }, [waiting, runId, grown]);

  if (!waiting) return null;
  const open = callbacks.find((c) => c.token === chosen) ?? callbacks[0];
  const n = callbacks.length;
  return (
    <section className="run-callbacks" aria-label="Waiting for callback">
      <div className="run-callbacks-head">
        <span className="run-badge is-large tone-waiting">Waiting for callback</span>
        <span className="run-muted">
          {n === 1 ? 'A task waits' : `${n} tasks wait`} for SendTaskSuccess or SendTaskFailure with {n === 1 ? 'its' : 'their'} task token
          (.waitForTaskToken).
        </span>
      </div>
      <ul className="run-callbacks-list">
        {callbacks.map((c) =>
          c.token === open.token ? (
            <li key={c.token} className="run-callback is-open">
              <CallbackForm callback={c} />
            </li>
          ) : (
            <li key={c.token} className="run-callback">
              <button type="button" className="run-callback-row" onClick={() => setChosen(c.token)} aria-label={`Answer ${c.stateName}${callbackWhere(c) ? ` (${callbackWhere(c)})` : ''}`}>
                <CallbackHead callback={c} />
              </button>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

/** State name, Map iteration / enclosing state, resource, waiting since. */
function CallbackHead({ callback: c, link = false }: { callback: PendingCallback; link?: boolean }) {
  const where = callbackWhere(c);
  return (
    <span className="run-callback-head">
      {link ? (
        <button
          type="button"
          className="run-link-btn run-callback-state"
          title="Show this state's details"
          onClick={() => {
            useDocumentStore.getState().select(c.stateName);
            selectVisit(c.visitKey);
          }}
        >
          {c.stateName}
        </button>
      ) : (
        <strong className="run-callback-state">{c.stateName}</strong>
      )}
      {where ? <span className="run-muted">{where}</span> : null}
      {c.resource ? <code className="run-callback-resource">{c.resource}</code> : null}
      <span className="run-muted" title={formatTime(c.since)}>
        since {formatTime(c.since).slice(11, 19)}
      </span>
      {c.heartbeatSeconds !== undefined ? <span className="run-muted">heartbeat {c.heartbeatSeconds} s</span> : null}
      {c.timeoutSeconds !== undefined ? <span className="run-muted">timeout {c.timeoutSeconds} s</span> : null}
    </span>
  );
}

type Sent = { kind: 'success' | 'failure' | 'heartbeat'; outcome: CallbackOutcome; at: number } | undefined;

/** The answer form of one token. */
function CallbackForm({ callback: c }: { callback: PendingCallback }) {
  const ids = { output: useId(), outputErr: useId(), error: useId(), cause: useId() };
  const [output, setOutput] = useState('{}');
  const [error, setError] = useState('');
  const [cause, setCause] = useState('');
  const [outputError, setOutputError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent>(undefined);
  const [copied, setCopied] = useState(false);

  const finish = (kind: 'success' | 'failure' | 'heartbeat', outcome: CallbackOutcome) => {
    setBusy(false);
    setSent({ kind, outcome, at: Date.now() });
    if (!outcome.ok) useDocumentStore.getState().notify('error', `${outcome.error}: ${outcome.message}`);
  };
  const onSuccess = async () => {
    const check = checkCallbackOutput(output);
    if (!check.ok) {
      setOutputError(check.message);
      return;
    }
    setOutputError(undefined);
    setBusy(true);
    finish('success', await sendTaskSuccess(c.token, check.value));
  };
  const onFailure = async () => {
    setBusy(true);
    finish('failure', await sendTaskFailure(c.token, error.trim() || undefined, cause || undefined));
  };
  const onHeartbeat = async () => {
    setBusy(true);
    finish('heartbeat', await sendTaskHeartbeat(c.token));
  };
  // Answered: the token goes away with the next update; until then the buttons stay off.
  const answered = sent !== undefined && sent.outcome.ok && sent.kind !== 'heartbeat';

  return (
    <div className="run-callback-form" role="group" aria-label={`Callback for ${c.stateName}`}>
      <div className="run-callback-top">
        <CallbackHead callback={c} link />
      </div>
      <div className="run-callback-token">
        <span className="run-k">Task token</span>
        <code className="run-token" data-token={c.token} title={c.token}>
          {c.token}
        </code>
        <button
          type="button"
          className="run-link-btn"
          aria-label="Copy task token"
          onClick={() =>
            void navigator.clipboard
              ?.writeText(c.token)
              .then(() => setCopied(true))
              .catch(() => undefined)
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <div className="run-callback-fields">
        <div className="run-callback-field is-output">
          <label htmlFor={ids.output}>Output (JSON)</label>
          <textarea
            id={ids.output}
            className="run-code"
            rows={2}
            spellCheck={false}
            value={output}
            aria-invalid={outputError ? true : undefined}
            aria-describedby={outputError ? ids.outputErr : undefined}
            title="The task's result (any JSON value). Ctrl+Enter sends success."
            onChange={(e) => {
              setOutput(e.target.value);
              if (outputError) setOutputError(undefined);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !busy && !answered) {
                e.preventDefault();
                void onSuccess();
              }
            }}
          />
          {outputError ? (
            <span id={ids.outputErr} className="run-err-text run-callback-msg" role="alert">
              {outputError}
            </span>
          ) : null}
        </div>
        <div className="run-callback-field is-failure">
          <label htmlFor={ids.error}>Error</label>
          <input id={ids.error} type="text" value={error} placeholder="States.TaskFailed" spellCheck={false} onChange={(e) => setError(e.target.value)} />
          <label htmlFor={ids.cause}>Cause</label>
          <input id={ids.cause} type="text" value={cause} placeholder="optional" onChange={(e) => setCause(e.target.value)} />
        </div>
        <div className="run-callback-actions">
          <button type="button" className="btn primary" disabled={busy || answered} onClick={() => void onSuccess()} title="SendTaskSuccess with the output">
            Send success
          </button>
          <button type="button" className="btn" disabled={busy || answered} onClick={() => void onFailure()} title="SendTaskFailure with the error and cause">
            Send failure
          </button>
          <button type="button" className="btn" disabled={busy || answered} onClick={() => void onHeartbeat()} title="SendTaskHeartbeat: restarts HeartbeatSeconds">
            Send heartbeat
          </button>
        </div>
      </div>
      {sent ? <SentMessage sent={sent} /> : null}
    </div>
  );
}

function SentMessage({ sent }: { sent: NonNullable<Sent> }) {
  if (!sent.outcome.ok) {
    return (
      <div className="run-err-text run-callback-msg" role="alert">
        <code className="run-error-name">{sent.outcome.error}</code> {sent.outcome.message}
      </div>
    );
  }
  const what = sent.kind === 'success' ? 'Success sent.' : sent.kind === 'failure' ? 'Failure sent.' : `Heartbeat sent at ${formatTime(sent.at).slice(11, 19)}.`;
  return <div className="run-muted run-callback-msg">{what}</div>;
}
