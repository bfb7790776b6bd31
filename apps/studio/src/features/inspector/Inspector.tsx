import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { renameState, replaceState, setStateField } from '@asl-studio/graph';
import type { StateMachine } from '@asl-studio/asl';
import { findStatePath, useDocumentStore } from '../../stores/document-store';
import { useViewStore } from '../../stores/view-store';
import { graphOf, valueAtPath } from '../canvas/graph-cache';
import { stateSubtitle } from '../canvas/labels';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <div className="field-label">{label}</div>
      <div className="field-value">{children}</div>
    </div>
  );
}

/** Transitions of a state, from the graph (Next, Choice rules, Default, Catch, End). */
function Transitions({ def, name }: { def: StateMachine; name: string }) {
  const edges = graphOf(def).edges.filter((e) => e.source === name);
  if (!edges.length) return <div className="muted">No outgoing transitions.</div>;
  return (
    <ul className="transitions">
      {edges.map((e) => (
        <li key={e.id}>
          <span className={`tr-kind kind-${e.kind}`}>{e.kind === 'next' ? 'Next' : e.kind === 'end' ? 'End' : e.kind === 'catch' ? 'Catch' : e.kind === 'default' ? 'Default' : 'Rule'}</span>
          {e.label && e.kind !== 'default' ? <span className="tr-label" title={e.label}>{e.label}</span> : null}
          {e.kind !== 'end' ? (
            <button type="button" className="link" onClick={() => useDocumentStore.getState().select(e.target)}>
              → {e.target}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function NameField({ name }: { name: string }) {
  const [draft, setDraft] = useState(name);
  useEffect(() => setDraft(name), [name]);
  const commit = () => {
    const to = draft.trim();
    if (!to || to === name) {
      setDraft(name);
      return;
    }
    const ok = useDocumentStore.getState().edit((t) => renameState(t, name, to), 'inspector');
    if (ok) {
      useViewStore.getState().renameNode(name, to);
      useDocumentStore.getState().select(to, { reveal: false });
    } else setDraft(name);
  };
  return (
    <input
      aria-label="State name"
      className="input"
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(name);
      }}
    />
  );
}

function CommentField({ name, comment }: { name: string; comment: string }) {
  const [draft, setDraft] = useState(comment);
  useEffect(() => setDraft(comment), [comment]);
  const commit = () => {
    if (draft === comment) return;
    useDocumentStore.getState().edit((t) => setStateField(t, name, 'Comment', draft ? draft : undefined), 'inspector');
  };
  return (
    <input
      aria-label="Comment"
      className="input"
      value={draft}
      placeholder="Optional"
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(comment);
      }}
    />
  );
}

function JsonFragment({ name, state }: { name: string; state: unknown }) {
  const pretty = useMemo(() => JSON.stringify(state, null, 2), [state]);
  const [draft, setDraft] = useState(pretty);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(pretty);
    setError(null);
  }, [pretty]);
  const dirty = draft !== pretty;
  const apply = () => {
    let value: unknown;
    try {
      value = JSON.parse(draft);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      setError('A state must be a JSON object.');
      return;
    }
    setError(null);
    useDocumentStore.getState().edit((t) => replaceState(t, name, value as object), 'inspector');
  };
  return (
    <div className="fragment">
      <textarea
        aria-label="State JSON"
        className="input mono"
        spellCheck={false}
        value={draft}
        rows={Math.min(18, Math.max(6, draft.split('\n').length))}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') apply();
        }}
      />
      {error ? (
        <div className="error-text" role="alert">
          Invalid JSON: {error}
        </div>
      ) : null}
      <div className="row">
        <button type="button" className="btn primary" disabled={!dirty} onClick={apply}>
          Apply
        </button>
        <button type="button" className="btn" disabled={!dirty} onClick={() => (setDraft(pretty), setError(null))}>
          Reset
        </button>
      </div>
    </div>
  );
}

function WorkflowInfo({ def }: { def: StateMachine | undefined }) {
  const diagnostics = useDocumentStore((s) => s.diagnostics);
  const name = useDocumentStore((s) => s.name);
  if (!def) return <div className="muted">No valid definition yet.</div>;
  const count = graphOf(def).nodes.filter((n) => n.kind === 'state').length;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return (
    <>
      <h2 className="panel-title">Workflow</h2>
      <Field label="Name">{name}</Field>
      <Field label="StartAt">
        {def.StartAt ? (
          <button type="button" className="link" onClick={() => useDocumentStore.getState().select(def.StartAt)}>
            {def.StartAt}
          </button>
        ) : (
          <span className="muted">—</span>
        )}
      </Field>
      <Field label="Comment">{def.Comment ?? <span className="muted">—</span>}</Field>
      <Field label="QueryLanguage">{def.QueryLanguage ?? 'JSONPath (default)'}</Field>
      <Field label="TimeoutSeconds">{def.TimeoutSeconds ?? <span className="muted">—</span>}</Field>
      <Field label="Version">{def.Version ?? '1.0'}</Field>
      <Field label="States">{count}</Field>
      <Field label="Problems">
        {errors} errors, {warnings} warnings
      </Field>
      <p className="hint">Select a state on the canvas or in the code to edit it.</p>
    </>
  );
}

/** The inspector: the selected state's name, comment, JSON and transitions; workflow info when nothing is selected. */
export function Inspector() {
  const def = useDocumentStore((s) => s.lastValidDefinition);
  const selected = useDocumentStore((s) => s.selectedState);
  const path = selected ? findStatePath(def, selected) : undefined;
  const state = path ? (valueAtPath(def, path) as Record<string, unknown> | undefined) : undefined;
  return (
    <aside className="inspector" aria-label="Inspector">
      {selected && state && def ? (
        <>
          <div className="panel-title-row">
            <h2 className="panel-title">{String(state.Type ?? 'State')}</h2>
            <span className="muted small">{stateSubtitle(state, typeof state.Type === 'string' ? state.Type : undefined)}</span>
            <button type="button" className="btn ghost small" aria-label="Close inspector selection" onClick={() => useDocumentStore.getState().select(null)}>
              ✕
            </button>
          </div>
          <Field label="State name">
            <NameField name={selected} />
          </Field>
          <Field label="Comment">
            <CommentField name={selected} comment={typeof state.Comment === 'string' ? state.Comment : ''} />
          </Field>
          <Field label="Transitions">
            <Transitions def={def} name={selected} />
          </Field>
          <Field label="Definition">
            <JsonFragment name={selected} state={state} />
          </Field>
        </>
      ) : (
        <WorkflowInfo def={def} />
      )}
    </aside>
  );
}
