import { useDocumentStore } from '../stores/document-store';
import { useViewStore } from '../stores/view-store';
import { useSaveStatus } from '../stores/persistence';

/** Bottom status bar: problems count (click → first problem in the editor), state count, layout activity. */
export function StatusBar() {
  const diagnostics = useDocumentStore((s) => s.diagnostics);
  const syntaxError = useDocumentStore((s) => s.syntaxError);
  const layingOut = useViewStore((s) => s.layingOut);
  const name = useDocumentStore((s) => s.name);
  const save = useSaveStatus((s) => s.status);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics.find((d) => d.severity === 'warning');
  return (
    <footer className="statusbar">
      <button
        type="button"
        className={`status-problems${errors ? ' has-errors' : warnings ? ' has-warnings' : ''}`}
        aria-label={`Problems: ${errors} errors, ${warnings} warnings`}
        data-testid="problems-count"
        disabled={!first}
        onClick={() => first && useDocumentStore.getState().revealRange(first.range, true)}
        title={first ? `${first.message} (line ${first.line})` : 'No problems'}
      >
        <span className="ico-err" aria-hidden="true">✕</span> {errors} <span className="ico-warn" aria-hidden="true">⚠</span> {warnings}
      </button>
      {syntaxError ? <span className="status-item error-text">JSON error at line {syntaxError.line}</span> : null}
      {first && !syntaxError ? (
        <span className="status-item muted ellipsis" title={first.message}>
          Ln {first.line}: {first.message}
        </span>
      ) : null}
      <span className="spacer" />
      {layingOut ? <span className="status-item muted">Laying out…</span> : null}
      <span className="status-item muted">{name}.asl.json</span>
      <span className={`status-item${save === 'failed' ? ' error-text' : ' muted'}`} title="The open workflow is kept in this browser (IndexedDB)">
        {save === 'saved' ? 'Saved in browser' : save === 'pending' ? 'Saving…' : 'Not saved: browser storage unavailable'}
      </span>
    </footer>
  );
}
