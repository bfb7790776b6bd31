/**
 * Error handling of Task, Parallel and Map states: the Retry list (Retriers) and the Catch list (Catchers), each
 * added, removed and reordered in place. Spec: states-language.net/spec.html#errors ("Retrying after error",
 * "Fallback states"); AWS dg/concepts-error-handling.html.
 */
import { useId, useState } from 'react';
import { useDocumentStore } from '../../stores/document-store';
import { TargetField } from './common-fields';
import { FieldProblems, JsonField, NumberField, Section, SelectField, TextField } from './controls';
import { insertItem, moveItem, removeItem, setField } from './edit';
import { formatJsonValue, formatPath, formatScalar, parsePathInput, parseTextInput } from './field-values';
import { addErrorName, ERROR_SUGGESTIONS, newCatcher, newRetrier } from './list-items';
import type { StateView } from './model';
import { ItemActions } from './ItemActions';
import { stateView } from './model';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * ErrorEquals: the matched error names as removable chips, plus a field with the predefined States.* errors as
 * suggestions (any other name can be typed). Enter or "Add" adds; the list cannot become empty (the spec requires
 * a non-empty array).
 */
export function ErrorEqualsField({ view, list, index, what }: { view: StateView; list: 'Retry' | 'Catch'; index: number; what: string }) {
  const item = (view.state[list] as unknown[] | undefined)?.[index];
  const names = isObj(item) && Array.isArray(item.ErrorEquals) ? item.ErrorEquals.filter((e): e is string => typeof e === 'string') : [];
  const id = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const r = addErrorName(names, draft);
    if (!r.ok) {
      setError(draft.trim() ? r.error : null);
      return;
    }
    setError(null);
    setDraft('');
    setField(view.name, [list, index, 'ErrorEquals'], r.value);
  };
  return (
    <div className="ifield">
      <label className="ifield-label" htmlFor={id}>
        ErrorEquals
      </label>
      <ul className="ichips" aria-label={`${what} errors`}>
        {names.map((n) => (
          <li key={n} className={`ichip${n.startsWith('States.') ? ' is-predefined' : ''}`}>
            <span>{n}</span>
            <button
              type="button"
              aria-label={`Remove ${n} from ${what}`}
              title={names.length <= 1 ? 'ErrorEquals cannot be empty' : `Remove ${n}`}
              disabled={names.length <= 1}
              onClick={() => setField(view.name, [list, index, 'ErrorEquals'], names.filter((x) => x !== n))}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <div className="irow-with-action">
        <input
          id={id}
          className="input mono"
          aria-label={`Add error to ${what}`}
          aria-invalid={error ? true : undefined}
          list={`${id}-errors`}
          placeholder="States.Timeout or MyError"
          value={draft}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="btn small" aria-label={`Add error to ${what} now`} disabled={!draft.trim()} onClick={add}>
          Add
        </button>
      </div>
      <datalist id={`${id}-errors`}>
        {ERROR_SUGGESTIONS.filter((e) => !names.includes(e)).map((e) => (
          <option key={e} value={e} />
        ))}
      </datalist>
      {error ? (
        <div className="ifield-error" role="alert">
          {error}
        </div>
      ) : null}
      <FieldProblems anchor={`${list}/${index}/ErrorEquals`} />
    </div>
  );
}

function Retrier({ view, item, index, count }: { view: StateView; item: unknown; index: number; count: number }) {
  const r = isObj(item) ? item : {};
  const what = `retrier ${index + 1}`;
  const label = `Retrier ${index + 1}`;
  const num = (field: string, placeholder: string) => (
    <NumberField
      field={field}
      label={field}
      ariaLabel={`${label} ${field}`}
      value={r[field]}
      placeholder={placeholder}
      anchor={`Retry/${index}/${field}`}
      onCommit={(v) => setField(view.name, ['Retry', index, field], v)}
    />
  );
  return (
    <li className="icard">
      <div className="icard-head">
        <span className="icard-title">{label}</span>
        <ItemActions what={what} index={index} count={count} onMove={(to) => moveItem(view.name, 'Retry', index, to)} onRemove={() => removeItem(view.name, 'Retry', index)} />
      </div>
      <FieldProblems anchor={`Retry/${index}`} />
      <ErrorEqualsField view={view} list="Retry" index={index} what={what} />
      <div className="igrid">
        {num('IntervalSeconds', '1')}
        {num('MaxAttempts', '3')}
        {num('BackoffRate', '2.0')}
        {num('MaxDelaySeconds', 'none')}
      </div>
      <SelectField
        label="JitterStrategy"
        ariaLabel={`${label} JitterStrategy`}
        value={typeof r.JitterStrategy === 'string' ? r.JitterStrategy : ''}
        anchor={`Retry/${index}/JitterStrategy`}
        options={[
          { value: '', label: 'Default (NONE)' },
          { value: 'FULL', label: 'FULL (randomised intervals)' },
          { value: 'NONE', label: 'NONE' },
        ]}
        onChange={(v) => setField(view.name, ['Retry', index, 'JitterStrategy'], v || undefined)}
      />
      <TextField<string>
        label="Comment"
        ariaLabel={`${label} Comment`}
        value={formatScalar(r.Comment)}
        anchor={`Retry/${index}/Comment`}
        placeholder="Optional"
        parse={(t) => parseTextInput(t)}
        onCommit={(v) => setField(view.name, ['Retry', index, 'Comment'], v)}
      />
    </li>
  );
}

function Catcher({ view, item, index, count }: { view: StateView; item: unknown; index: number; count: number }) {
  const c = isObj(item) ? item : {};
  const what = `catcher ${index + 1}`;
  const label = `Catcher ${index + 1}`;
  const jsonata = view.lang === 'JSONata';
  return (
    <li className="icard">
      <div className="icard-head">
        <span className="icard-title">{label}</span>
        <ItemActions what={what} index={index} count={count} onMove={(to) => moveItem(view.name, 'Catch', index, to)} onRemove={() => removeItem(view.name, 'Catch', index)} />
      </div>
      <FieldProblems anchor={`Catch/${index}`} />
      <ErrorEqualsField view={view} list="Catch" index={index} what={what} />
      <TargetField
        view={view}
        label="Fallback state (Next)"
        ariaLabel={`${label} Next state`}
        value={c.Next}
        anchor={`Catch/${index}/Next`}
        onChange={(t) => t && setField(view.name, ['Catch', index, 'Next'], t)}
      />
      {jsonata ? (
        <JsonField
          label="Output"
          ariaLabel={`${label} Output`}
          value={c.Output}
          expressions
          minRows={1}
          anchor={`Catch/${index}/Output`}
          placeholder="{% $states.errorOutput %}"
          hint="The state output when caught; default: the error output."
          onCommit={(v) => setField(view.name, ['Catch', index, 'Output'], v)}
        />
      ) : (
        <TextField<string | null>
          label="ResultPath"
          ariaLabel={`${label} ResultPath`}
          value={formatPath(c.ResultPath)}
          mono
          anchor={`Catch/${index}/ResultPath`}
          placeholder="$ (replace the input with the error)"
          hint="Where the error output goes in the input; null discards it."
          parse={(t) => parsePathInput(t, 'reference', { nullable: true })}
          onCommit={(v) => setField(view.name, ['Catch', index, 'ResultPath'], v)}
        />
      )}
      <JsonField
        label="Assign"
        ariaLabel={`${label} Assign`}
        value={c.Assign}
        object
        minRows={1}
        anchor={`Catch/${index}/Assign`}
        placeholder={jsonata ? '{ "failed": "{% $states.errorOutput.Error %}" }' : '{ "failed.$": "$.Error" }'}
        onCommit={(v) => setField(view.name, ['Catch', index, 'Assign'], v)}
      />
      <TextField<string>
        label="Comment"
        ariaLabel={`${label} Comment`}
        value={formatScalar(c.Comment)}
        anchor={`Catch/${index}/Comment`}
        placeholder="Optional"
        parse={(t) => parseTextInput(t)}
        onCommit={(v) => setField(view.name, ['Catch', index, 'Comment'], v)}
      />
    </li>
  );
}

/** The Error handling tab: Retriers then Catchers. */
export function ErrorHandlingTab({ view }: { view: StateView }) {
  const retry = Array.isArray(view.state.Retry) ? view.state.Retry : [];
  const katch = Array.isArray(view.state.Catch) ? view.state.Catch : [];
  const badRetry = view.state.Retry !== undefined && !Array.isArray(view.state.Retry);
  const badCatch = view.state.Catch !== undefined && !Array.isArray(view.state.Catch);
  return (
    <>
      <Section
        title={`Retry (${retry.length})`}
        actions={
          <button
            type="button"
            className="btn small"
            aria-label="Add retrier"
            disabled={badRetry}
            onClick={() => {
              const { index, value } = newRetrier(retry);
              insertItem(view.name, 'Retry', index, value);
            }}
          >
            + Add retrier
          </button>
        }
      >
        <FieldProblems anchor="Retry" />
        {badRetry ? <p className="ifield-error">Retry is not a list: {formatJsonValue(view.state.Retry)}. Fix it in the JSON tab.</p> : null}
        {retry.length === 0 && !badRetry ? <p className="ifield-hint">No retriers: an error fails the state at once (or goes to a catcher).</p> : null}
        <ol className="icards">
          {retry.map((item, i) => (
            <Retrier key={i} view={view} item={item} index={i} count={retry.length} />
          ))}
        </ol>
      </Section>
      <Section
        title={`Catch (${katch.length})`}
        actions={
          <button
            type="button"
            className="btn small"
            aria-label="Add catcher"
            disabled={badCatch}
            onClick={() => {
              const def = useDocumentStore.getState().lastValidDefinition;
              const failStates = view.scopeNames.filter((n) => stateView(def, n)?.type === 'Fail');
              const { index, value } = newCatcher(katch, { names: view.scopeNames, self: view.name, failStates, lang: view.lang });
              insertItem(view.name, 'Catch', index, value);
            }}
          >
            + Add catcher
          </button>
        }
      >
        <FieldProblems anchor="Catch" />
        {badCatch ? <p className="ifield-error">Catch is not a list: {formatJsonValue(view.state.Catch)}. Fix it in the JSON tab.</p> : null}
        {katch.length === 0 && !badCatch ? <p className="ifield-hint">No catchers: an error that is not retried fails the execution.</p> : null}
        <ol className="icards">
          {katch.map((item, i) => (
            <Catcher key={i} view={view} item={item} index={i} count={katch.length} />
          ))}
        </ol>
      </Section>
    </>
  );
}
