import { useEffect, useState } from 'react';
import { useDocumentStore } from '../../stores/document-store';
import { visitDisplayStatus } from './fold-history';
import { useVisit } from './hooks';
import { JsonBlock } from './JsonBlock';
import { prettyJson } from './json-text';
import { queryRun, selectVisit, useRunStore } from './run-store';
import { STATE_STATUS_LABEL, formatCount } from './status-labels';
import type { VisitReply } from './worker-protocol';

function duration(from: string | undefined, to: string | undefined): string {
  if (!from || !to) return '—';
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Formats an ISO timestamp (or ms since the epoch) as local time with milliseconds. */
export function formatTime(iso: string | number | undefined): string {
  if (iso === undefined || iso === '') return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return typeof iso === 'string' ? iso : '—';
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** The error and cause of a state or execution, red. */
export function ErrorBox({ error, cause, title = 'Error' }: { error?: string; cause?: string; title?: string }) {
  if (error === undefined && cause === undefined) return null;
  return (
    <div className="run-error-box" role="group" aria-label={title}>
      <div className="run-kv">
        <span className="run-k">{title}</span>
        <code className="run-error-name">{error ?? '—'}</code>
      </div>
      {cause !== undefined ? (
        <div className="run-kv is-block">
          <span className="run-k">Cause</span>
          <pre className="run-cause">{prettyJson(cause)}</pre>
        </div>
      ) : null}
    </div>
  );
}

/** The selected state's data for this run: status, error and cause, input, output (and the Task's raw result). */
export function StateDetails() {
  const selected = useDocumentStore((s) => s.selectedState);
  const selectedVisit = useRunStore((s) => s.selectedVisit);
  const started = useRunStore((s) => s.started);
  const reached = useRunStore((s) => (selected ? (s.view.visits[selected]?.count ?? 0) > 0 : false));
  const reply = useVisit(started ? selected : null, selectedVisit);

  if (!started) return null;
  if (!selected) return <ExecutionIO />;
  if (!reached) {
    return (
      <div className="run-details">
        <div className="run-details-head">
          <h3>{selected}</h3>
          <span className="run-badge tone-idle">Not reached</span>
        </div>
        <p className="run-muted">This state was not entered in this run.</p>
      </div>
    );
  }
  if (!reply) {
    return (
      <div className="run-details" aria-busy="true">
        <div className="run-details-head">
          <h3>{selected}</h3>
        </div>
      </div>
    );
  }
  return <VisitView key={selected} name={selected} reply={reply} />;
}

function VisitView({ name, reply }: { name: string; reply: VisitReply }) {
  const { visit, pos, count } = reply;
  const execution = useRunStore((s) => s.status);
  const shown = visitDisplayStatus(visit, execution);
  const inMap = visit.iteration !== undefined;
  const [jump, setJump] = useState(String(inMap ? visit.iteration : pos + 1));
  useEffect(() => setJump(String(inMap ? visit.iteration : pos + 1)), [visit.key]); // eslint-disable-line react-hooks/exhaustive-deps
  // Another visit is asked from the history worker, then selected by its key.
  const show = (q: { pos?: number; iteration?: number }) =>
    void queryRun({ kind: 'visit', name, ...q }).then((r) => {
      if (r && useDocumentStore.getState().selectedState === name) selectVisit(r.visit.key);
    });
  const go = (i: number) => show({ pos: Math.max(0, Math.min(count - 1, i)) });
  const onJump = (text: string) => {
    setJump(text);
    const n = Number(text);
    if (text.trim() === '' || !Number.isInteger(n)) return;
    if (inMap) show({ iteration: n });
    else go(n - 1);
  };
  const isTask = visit.type === 'Task';
  return (
    <div className="run-details">
      <div className="run-details-head">
        <h3 title={name}>{name}</h3>
        <span className="run-type">{visit.type}</span>
        <span className={`run-badge tone-${shown}`}>{STATE_STATUS_LABEL[shown]}</span>
        {visit.mocked ? (
          <span className="run-badge tone-mocked" title="The Task result is a default response: no mock and no handler">
            mocked
          </span>
        ) : null}
      </div>
      {count > 1 ? (
        <div className="run-visit-nav" role="group" aria-label={inMap ? 'Map iteration' : 'Visit'}>
          <button type="button" className="run-icon-btn" aria-label="Previous visit" disabled={pos <= 0} onClick={() => go(pos - 1)}>
            ‹
          </button>
          <label>
            {inMap ? 'Iteration' : 'Visit'}{' '}
            <input
              type="number"
              className="run-num"
              aria-label={inMap ? 'Iteration index' : 'Visit number'}
              value={jump}
              onChange={(e) => onJump(e.target.value)}
            />
          </label>
          <button type="button" className="run-icon-btn" aria-label="Next visit" disabled={pos >= count - 1} onClick={() => go(pos + 1)}>
            ›
          </button>
          <span className="run-muted">
            {pos + 1} of {formatCount(count)} visits
          </span>
        </div>
      ) : inMap ? (
        <div className="run-muted run-visit-nav">Iteration {visit.iteration}</div>
      ) : null}
      <dl className="run-meta">
        <dt>Entered</dt>
        <dd>{formatTime(visit.enteredAt)}</dd>
        <dt>Duration</dt>
        <dd>{visit.exitedAt ? duration(visit.enteredAt, visit.exitedAt) : visit.closed ? '—' : 'in progress'}</dd>
        {isTask || visit.attempts > 1 ? (
          <>
            <dt>Attempts</dt>
            <dd>
              {visit.attempts}
              {visit.attempts > 1 ? ` (${visit.attempts - 1} ${visit.attempts === 2 ? 'retry' : 'retries'})` : ''}
            </dd>
          </>
        ) : null}
        {visit.mapLength !== undefined ? (
          <>
            <dt>Items</dt>
            <dd>
              {visit.mapLength} · {visit.iterationsSucceeded} succeeded{visit.iterationsFailed ? ` · ${visit.iterationsFailed} failed` : ''}
            </dd>
          </>
        ) : null}
        {visit.iterationPath.length > 1 ? (
          <>
            <dt>Iterations</dt>
            <dd>{visit.iterationPath.join(' › ')}</dd>
          </>
        ) : null}
      </dl>
      <ErrorBox error={visit.error} cause={visit.cause} title={shown === 'succeeded' || shown === 'retrying' ? 'Last error (retried)' : 'Error'} />
      <div className="run-io">
        <JsonBlock label="Input" value={visit.input} formatted />
        <JsonBlock
          label="Output"
          value={visit.output}
          formatted
          empty={shown === 'running' || shown === 'retrying' ? 'In progress…' : 'No output (the state did not complete).'}
        />
      </div>
      {isTask ? (
        <div className="run-io">
          <JsonBlock label="Task parameters" value={visit.parameters} formatted />
          <JsonBlock
            label="Task result"
            value={visit.result}
            formatted
            badge={visit.mocked ? <span className="run-badge tone-mocked">mocked</span> : null}
          />
        </div>
      ) : null}
    </div>
  );
}

function ExecutionIO() {
  const input = useRunStore((s) => s.view.input);
  const output = useRunStore((s) => s.view.output);
  const error = useRunStore((s) => s.view.error);
  const cause = useRunStore((s) => s.view.cause);
  const running = useRunStore((s) => s.view.status === 'RUNNING');
  return (
    <div className="run-details">
      <div className="run-details-head">
        <h3>Execution</h3>
        <span className="run-muted">Select a state on the canvas or an event to see its data for this run.</span>
      </div>
      <ErrorBox error={error} cause={cause} />
      <div className="run-io">
        <JsonBlock label="Input" value={input} formatted />
        <JsonBlock label="Output" value={output} formatted empty={running ? 'In progress…' : '—'} />
      </div>
    </div>
  );
}
