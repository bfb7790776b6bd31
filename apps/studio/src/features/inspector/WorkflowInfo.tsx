/** What the inspector shows with no state selected: the workflow's top-level fields and problem counts. */
import type { ReactNode } from 'react';
import type { StateMachine } from '@asl-studio/asl';
import { useDocumentStore } from '../../stores/document-store';
import { graphOf } from '../canvas/graph-cache';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field">
      <div className="field-label">{label}</div>
      <div className="field-value">{children}</div>
    </div>
  );
}

/** The workflow summary: name, StartAt, Comment, QueryLanguage, TimeoutSeconds, Version, state and problem counts. */
export function WorkflowInfo({ def }: { def: StateMachine | undefined }) {
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
