import { useMemo, useState } from 'react';
import { prettyJson } from './json-text';

/** Characters / lines shown before "show all" (a 10,000-line <pre> costs a long layout and paint). */
const SHOW_LIMIT = 8_000;
const SHOW_LINES = 250;

/** The first SHOW_LINES lines / SHOW_LIMIT characters of a text, or undefined when it is shorter. Pure. */
function cutText(text: string): string | undefined {
  let end = Math.min(text.length, SHOW_LIMIT);
  let lines = 0;
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10 && ++lines >= SHOW_LINES) {
      end = i;
      break;
    }
  }
  return end < text.length ? text.slice(0, end) : undefined;
}

/** Props of {@link JsonBlock}. */
export interface JsonBlockProps {
  /** Heading shown above the value (exact text, e.g. "Input"). */
  label: string;
  /** JSON text (as in the history), or undefined for "none". */
  value: string | undefined;
  /** Shown when value is undefined. */
  empty?: string;
  /** Extra badge next to the label (e.g. "mocked"). */
  badge?: React.ReactNode;
  /** Max height of the code area in px (default 220). */
  maxHeight?: number;
  /** The value is already formatted for display (pretty-printed by the history worker): shown as is. */
  formatted?: boolean;
}

/** A labelled, pretty-printed, scrollable JSON value with a Copy button; very large values are cut until "Show all". */
export function JsonBlock({ label, value, empty = '—', badge, maxHeight = 220, formatted = false }: JsonBlockProps) {
  const [all, setAll] = useState(false);
  const pretty = useMemo(() => (formatted ? (value ?? '') : prettyJson(value)), [value, formatted]);
  const head = useMemo(() => cutText(pretty), [pretty]);
  const cut = !all && head !== undefined;
  return (
    <div className="run-json">
      <div className="run-json-head">
        <h4>{label}</h4>
        {badge}
        <span className="spacer" />
        {value !== undefined ? (
          <button
            type="button"
            className="run-link-btn"
            onClick={() => void navigator.clipboard?.writeText(pretty).catch(() => undefined)}
            aria-label={`Copy ${label}`}
          >
            Copy
          </button>
        ) : null}
      </div>
      {value === undefined ? (
        <div className="run-muted run-json-empty">{empty}</div>
      ) : (
        <pre className="run-code-view" style={{ maxHeight }}>
          {cut ? head : pretty}
          {cut ? (
            <>
              {'\n'}
              <button type="button" className="run-link-btn" onClick={() => setAll(true)}>
                … show all ({Math.max(1, Math.round(pretty.length / 1024))} KiB)
              </button>
            </>
          ) : null}
        </pre>
      )}
    </div>
  );
}
