import { lazy, Suspense, useEffect, useState } from 'react';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { useViewStore } from '../../stores/view-store';

const CodeEditor = lazy(() => import('./CodeEditor'));

/** Load Monaco at the latest this long after mount, even if the canvas has nothing to draw. */
const EDITOR_FALLBACK_MS = 1500;

/**
 * The code pane: Monaco, lazy-loaded (out of the first-load JS) once the canvas has painted, so the two do not
 * compete for the CPU during the first load.
 */
export function CodePane() {
  const painted = useViewStore((s) => s.canvasPainted);
  const [timedOut, setTimedOut] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setTimedOut(true), EDITOR_FALLBACK_MS);
    return () => clearTimeout(t);
  }, []);
  return (
    <section className="code-pane" aria-label="Code">
      <ErrorBoundary name="Code editor">
        {painted || timedOut ? (
          <Suspense fallback={<div className="pane-loading">Loading editor…</div>}>
            <CodeEditor />
          </Suspense>
        ) : (
          <div className="pane-loading">Loading editor…</div>
        )}
      </ErrorBoundary>
    </section>
  );
}
