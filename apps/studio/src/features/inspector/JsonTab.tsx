/**
 * The JSON tab: the selected state's whole definition as JSON, applied with replaceState (same name, same place).
 * For anything the form does not cover.
 */
import { useMemo, useState } from 'react';
import { replaceState } from '@asl-studio/graph';
import { editDocument } from './edit';

/** Editable JSON of one state: Apply (or Ctrl/Cmd+Enter) replaces the state; invalid JSON is refused inline. */
export function JsonTab({ name, state }: { name: string; state: unknown }) {
  const pretty = useMemo(() => JSON.stringify(state, null, 2), [state]);
  const [draft, setDraft] = useState(pretty);
  const [seen, setSeen] = useState(pretty);
  const [error, setError] = useState<string | null>(null);
  if (seen !== pretty) {
    setSeen(pretty);
    setDraft(pretty);
    setError(null);
  }
  const dirty = draft !== pretty;
  const apply = () => {
    let value: unknown;
    try {
      value = JSON.parse(draft);
    } catch (e) {
      setError(`Invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      setError('A state must be a JSON object.');
      return;
    }
    setError(null);
    editDocument((t) => replaceState(t, name, value as object));
  };
  return (
    <div className="fragment">
      <textarea
        aria-label="State JSON"
        className="input mono"
        spellCheck={false}
        value={draft}
        rows={Math.min(30, Math.max(8, draft.split('\n').length))}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            apply();
          }
        }}
      />
      {error ? (
        <div className="ifield-error" role="alert">
          {error}
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
