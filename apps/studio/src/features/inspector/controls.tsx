/**
 * The inspector's form controls. Text inputs keep a local draft and commit on blur or Enter (Ctrl/Cmd+Enter in JSON
 * text areas); Escape restores the document's value. Invalid input shows an inline error and writes nothing.
 * Every control has an aria-label; diagnostics of the field show under it.
 */
import { createContext, useContext, useId, useState, type ReactNode, type KeyboardEvent } from 'react';
import type { Diagnostic } from '@asl-studio/asl';
import { plainMessage, useDocumentStore } from '../../stores/document-store';
import type { GroupedDiagnostics } from './field-diagnostics';
import { formatJsonValue, parseJsonInput, parseNumberInput, NUMBER_RULES, type NumberRule, type Parsed } from './field-values';

const EMPTY: GroupedDiagnostics = { byAnchor: {}, top: [], perTab: {} };
const DiagnosticsContext = createContext<GroupedDiagnostics>(EMPTY);

/** Provides the selected state's grouped diagnostics to the fields below. */
export const DiagnosticsProvider = DiagnosticsContext.Provider;

/**
 * One diagnostic line: severity mark, message, an optional quick fix (e.g. remove a field not allowed here), and a
 * button revealing it in the code editor.
 */
export function Problem({ d, fix }: { d: Diagnostic; fix?: { label: string; run: () => void } }) {
  return (
    <li className={`iproblem is-${d.severity}`}>
      <span className="iproblem-mark" aria-hidden="true">{d.severity === 'error' ? '✕' : d.severity === 'warning' ? '⚠' : 'i'}</span>
      <span className="iproblem-text">
        {plainMessage(d)}
        {fix ? (
          <>
            {' '}
            <button type="button" className="link iproblem-fix" onClick={fix.run}>
              {fix.label}
            </button>
          </>
        ) : null}
      </span>
      <button
        type="button"
        className="link iproblem-go"
        aria-label={`Show in code: ${plainMessage(d)}`}
        title="Show in the code editor"
        onClick={() => useDocumentStore.getState().revealRange(d.range, true)}
      >
        Ln {d.line}
      </button>
    </li>
  );
}

/** The diagnostics pointing at a field (by anchor, see field-diagnostics.ts). */
export function FieldProblems({ anchor }: { anchor: string }) {
  const list = useContext(DiagnosticsContext).byAnchor[anchor];
  if (!list?.length) return null;
  return (
    <ul className="iproblems" aria-label="Problems">
      {list.map((d, i) => (
        <Problem key={i} d={d} />
      ))}
    </ul>
  );
}

/** A labelled row: label, control, inline error, the field's diagnostics, a hint. */
export function Row({
  label,
  htmlFor,
  anchor,
  error,
  errorId,
  hint,
  children,
  className,
}: {
  label: ReactNode;
  htmlFor?: string;
  anchor?: string;
  error?: string | null;
  errorId?: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`ifield${className ? ` ${className}` : ''}`}>
      {htmlFor ? (
        <label className="ifield-label" htmlFor={htmlFor}>
          {label}
        </label>
      ) : (
        <div className="ifield-label">{label}</div>
      )}
      {children}
      {error ? (
        <div className="ifield-error" id={errorId} role="alert">
          {error}
        </div>
      ) : null}
      {anchor ? <FieldProblems anchor={anchor} /> : null}
      {hint ? <div className="ifield-hint">{hint}</div> : null}
    </div>
  );
}

/** A draft of a text value that follows the document's value whenever that changes. */
function useDraft(value: string): [string, (s: string) => void, string | null, (e: string | null) => void] {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [error, setError] = useState<string | null>(null);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
    setError(null);
  }
  return [draft, setDraft, error, setError];
}

/** Props shared by the text-like fields. */
interface TextLikeProps<T> {
  /** Visible label (an ASL field name, verbatim, where there is one). */
  label: ReactNode;
  /** Accessible name; defaults to `label` when it is a string. */
  ariaLabel?: string;
  /** The document's current value, formatted for the input. */
  value: string;
  /** Reads the typed text: a value to write (undefined removes the field) or an error. */
  parse: (text: string) => Parsed<T>;
  /** Writes a parsed value (called only when the text differs from `value`). */
  onCommit: (value: T | undefined) => void;
  placeholder?: string;
  anchor?: string;
  hint?: ReactNode;
  mono?: boolean;
  /** id of a datalist of suggestions. */
  list?: string;
  inputMode?: 'text' | 'decimal' | 'numeric';
  className?: string;
}

/** A one-line text field committing on blur / Enter. */
export function TextField<T>({ label, ariaLabel, value, parse, onCommit, placeholder, anchor, hint, mono, list, inputMode, className }: TextLikeProps<T>) {
  const id = useId();
  const [draft, setDraft, error, setError] = useDraft(value);
  const commit = () => {
    if (draft === value) {
      setError(null);
      return;
    }
    const r = parse(draft);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    onCommit(r.value);
    setDraft(value);
  };
  return (
    <Row label={label} htmlFor={id} anchor={anchor} error={error} errorId={`${id}-err`} hint={hint} className={className}>
      <input
        id={id}
        className={`input${mono ? ' mono' : ''}`}
        aria-label={ariaLabel ?? (typeof label === 'string' ? label : undefined)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        value={draft}
        placeholder={placeholder}
        list={list}
        inputMode={inputMode}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape' && (draft !== value || error)) {
            e.stopPropagation();
            setDraft(value);
            setError(null);
          }
        }}
      />
    </Row>
  );
}

/** A number field checked against {@link NUMBER_RULES} (by `field`) or `rule`; empty removes the field. */
export function NumberField({
  field,
  rule,
  jsonata,
  value,
  onCommit,
  required,
  ...rest
}: Omit<TextLikeProps<number | string>, 'parse' | 'value'> & {
  field: string;
  rule?: NumberRule;
  jsonata?: boolean;
  value: unknown;
  /** Message shown when the field is emptied (else emptying removes the field). */
  required?: string;
}) {
  const r = rule ?? NUMBER_RULES[field] ?? {};
  return (
    <TextField<number | string>
      {...rest}
      value={value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value)}
      parse={(t) => {
        const p = parseNumberInput(t, r, { jsonata });
        return required && p.ok && p.value === undefined ? { ok: false, error: required } : p;
      }}
      onCommit={onCommit}
      inputMode={jsonata ? 'text' : 'decimal'}
    />
  );
}

/** A JSON text area (payload templates, Result, Assign, …): commits on blur or Ctrl/Cmd+Enter; empty removes. */
export function JsonField({
  label,
  ariaLabel,
  value,
  onCommit,
  object,
  expressions,
  anchor,
  hint,
  placeholder,
  minRows = 3,
}: {
  label: ReactNode;
  ariaLabel?: string;
  value: unknown;
  onCommit: (value: unknown) => void;
  /** The value must be a JSON object. */
  object?: boolean;
  /** A bare `{% … %}` is a JSONata expression string. */
  expressions?: boolean;
  anchor?: string;
  hint?: ReactNode;
  placeholder?: string;
  minRows?: number;
}) {
  const id = useId();
  const shown = formatJsonValue(value, { expressions });
  const [draft, setDraft, error, setError] = useDraft(shown);
  const commit = () => {
    if (draft === shown) {
      setError(null);
      return;
    }
    const r = parseJsonInput(draft, { object, expressions });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    if (JSON.stringify(r.value) === JSON.stringify(value)) {
      setDraft(shown);
      return;
    }
    onCommit(r.value);
    setDraft(shown);
  };
  const rows = Math.min(14, Math.max(minRows, draft.split('\n').length));
  return (
    <Row label={label} htmlFor={id} anchor={anchor} error={error} errorId={`${id}-err`} hint={hint}>
      <textarea
        id={id}
        className="input mono"
        aria-label={ariaLabel ?? (typeof label === 'string' ? label : undefined)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        spellCheck={false}
        value={draft}
        rows={rows}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e: KeyboardEvent<HTMLTextAreaElement>) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape' && (draft !== shown || error)) {
            e.stopPropagation();
            setDraft(shown);
            setError(null);
          }
        }}
      />
    </Row>
  );
}

/** One option of a {@link SelectField}. */
export interface Option {
  value: string;
  label: string;
  disabled?: boolean;
}

/** A drop-down committing on change. */
export function SelectField({
  label,
  ariaLabel,
  value,
  options,
  onChange,
  anchor,
  hint,
  className,
}: {
  label: ReactNode;
  ariaLabel?: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  anchor?: string;
  hint?: ReactNode;
  className?: string;
}) {
  const id = useId();
  const known = options.some((o) => o.value === value);
  return (
    <Row label={label} htmlFor={id} anchor={anchor} hint={hint} className={className}>
      <select
        id={id}
        className="input"
        aria-label={ariaLabel ?? (typeof label === 'string' ? label : undefined)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {known ? null : <option value={value}>{value || '—'}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </Row>
  );
}

/**
 * An optional field behind a checkbox, as Workflow Studio shows InputPath, ResultSelector, OutputPath…: checking it
 * writes `onEnable`'s default value, unchecking removes the field.
 */
export function Toggle({
  label,
  checked,
  onChange,
  anchor,
  children,
  hint,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  anchor?: string;
  children?: ReactNode;
  hint?: ReactNode;
}) {
  const id = useId();
  return (
    <div className={`itoggle${checked ? ' is-on' : ''}`}>
      <div className="itoggle-head">
        <input id={id} type="checkbox" aria-label={label} checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{label}</label>
      </div>
      {!checked && anchor ? <FieldProblems anchor={anchor} /> : null}
      {checked ? <div className="itoggle-body">{children}</div> : hint ? <div className="ifield-hint">{hint}</div> : null}
    </div>
  );
}

/** A titled group of fields. */
export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="isection" aria-label={title}>
      <div className="isection-head">
        <h3 className="isection-title">{title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}
