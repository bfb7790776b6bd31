import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../../components/ErrorBoundary';

const CodeEditor = lazy(() => import('./CodeEditor'));

/** The code pane: Monaco, lazy-loaded after the first paint so it stays out of the first-load JS. */
export function CodePane() {
  return (
    <section className="code-pane" aria-label="Code">
      <ErrorBoundary name="Code editor">
        <Suspense fallback={<div className="pane-loading">Loading editor…</div>}>
          <CodeEditor />
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}
