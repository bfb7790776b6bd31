/**
 * Fields every state has: name (rename with references), Comment, QueryLanguage, and the Next/End transition.
 * Spec: states-language.net/spec.html#common-state-fields, #transition; AWS dg/transforming-data.html (QueryLanguage).
 */
import type { ReactNode } from 'react';
import { renameState } from '@asl-studio/graph';
import { MAX_STATE_NAME_LENGTH } from '@asl-studio/asl';
import { useDocumentStore } from '../../stores/document-store';
import { useViewStore } from '../../stores/view-store';
import { FieldProblems, Row, SelectField, TextField } from './controls';
import { editDocument, setExclusive, setField } from './edit';
import { formatScalar, parseTextInput } from './field-values';
import { endLabel, transitionOf, type StateView } from './model';

/** The state name; committing renames the state and every reference to it (StartAt, Next, Default, Catch). */
export function NameField({ name }: { name: string }) {
  return (
    <TextField<string>
      label="State name"
      value={name}
      anchor="__name"
      parse={(t) => {
        const to = t.trim();
        if (!to) return { ok: false, error: 'A state name cannot be empty.' };
        return parseTextInput(to, { maxLength: MAX_STATE_NAME_LENGTH });
      }}
      onCommit={(to) => {
        if (!to || to === name) return;
        const ok = editDocument((t) => renameState(t, name, to));
        if (ok) {
          useViewStore.getState().renameNode(name, to);
          useDocumentStore.getState().select(to, { reveal: false });
        }
      }}
    />
  );
}

/** The state's Comment (empty removes it). */
export function CommentField({ view }: { view: StateView }) {
  return (
    <TextField<string>
      label="Comment"
      value={formatScalar(view.state.Comment)}
      placeholder="Optional description"
      anchor="Comment"
      parse={(t) => parseTextInput(t)}
      onCommit={(v) => setField(view.name, 'Comment', v)}
    />
  );
}

/**
 * The state's QueryLanguage: inherit the machine's (field absent), JSONPath or JSONata. A JSONata machine cannot
 * contain JSONPath states, so that choice is disabled there.
 */
export function QueryLanguageField({ view }: { view: StateView }) {
  const own = view.state.QueryLanguage;
  const value = own === 'JSONPath' || own === 'JSONata' ? own : '';
  return (
    <SelectField
      label="QueryLanguage"
      value={value}
      anchor="QueryLanguage"
      options={[
        { value: '', label: `Inherit from the workflow (${view.machineLang})` },
        { value: 'JSONPath', label: 'JSONPath', disabled: view.machineLang === 'JSONata' && value !== 'JSONPath' },
        { value: 'JSONata', label: 'JSONata' },
      ]}
      hint={
        view.machineLang === 'JSONata'
          ? 'The workflow uses JSONata: its states cannot use JSONPath.'
          : 'Changing it does not convert the fields: JSONPath-only ones (InputPath, Parameters, ResultPath…) are flagged.'
      }
      onChange={(v) => setField(view.name, 'QueryLanguage', v || undefined)}
    />
  );
}

const END = '\u0000end';

/** Next state: a drop-down of the states of the same scope plus "End of workflow / branch / iteration". */
export function NextField({ view }: { view: StateView }) {
  const tr = transitionOf(view.state);
  const value = tr.kind === 'next' ? tr.target : tr.kind === 'end' ? END : '';
  const options = [
    ...(tr.kind === 'none' ? [{ value: '', label: '— choose the next state —', disabled: true }] : []),
    ...view.scopeNames.map((n) => ({ value: n, label: n === view.name ? `${n} (this state)` : n })),
    { value: END, label: endLabel(view.scopeKind) },
  ];
  return (
    <>
    <div className="irow-with-action">
      <SelectField
        label="Next state"
        value={value}
        options={options}
        anchor={tr.kind === 'end' ? 'End' : 'Next'}
        onChange={(v) => {
          if (v === END) setExclusive(view.name, 'End', true, ['Next']);
          else if (v) setExclusive(view.name, 'Next', v, ['End']);
        }}
      />
      {tr.kind === 'next' && view.scopeNames.includes(tr.target) ? (
        <button
          type="button"
          className="btn small"
          aria-label={`Select ${tr.target}`}
          title={`Select ${tr.target}`}
          onClick={() => useDocumentStore.getState().select(tr.target)}
        >
          →
        </button>
      ) : null}
    </div>
    <FieldProblems anchor={tr.kind === 'end' ? 'Next' : 'End'} />
    </>
  );
}

/** A state-name drop-down (Catch Next, Choice rule Next, Default) over the states of the scope. */
export function TargetField({
  view,
  label,
  ariaLabel,
  value,
  onChange,
  anchor,
  allowNone,
}: {
  view: StateView;
  label: string;
  ariaLabel: string;
  value: unknown;
  onChange: (target: string | undefined) => void;
  anchor?: string;
  /** Offer "(none)", which removes the field (Choice Default). */
  allowNone?: string;
}) {
  const current = typeof value === 'string' ? value : '';
  const options = [
    ...(allowNone !== undefined ? [{ value: '', label: allowNone }] : current ? [] : [{ value: '', label: '— choose a state —', disabled: true }]),
    ...view.scopeNames.map((n) => ({ value: n, label: n === view.name ? `${n} (this state)` : n })),
  ];
  return <SelectField label={label} ariaLabel={ariaLabel} value={current} options={options} anchor={anchor} onChange={(v) => onChange(v || undefined)} />;
}

/** A read-only row. */
export function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Row label={label}>
      <div className="ifield-static">{children}</div>
    </Row>
  );
}
