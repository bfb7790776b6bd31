import { useDocumentStore } from './stores/document-store';
import { useViewStore } from './stores/view-store';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Splitter } from './components/Splitter';
import { StatusBar } from './components/StatusBar';
import { NoticeToast } from './components/Notice';
import { Canvas } from './features/canvas/Canvas';
import { CodePane } from './features/code/CodePane';
import { Inspector } from './features/inspector/Inspector';
import { Palette } from './features/palette/Palette';
import { IoButtons } from './features/io/IoButtons';
import { RunControls, RunPanel } from './features/run';
import { useGlobalShortcuts } from './keyboard';

function HistoryButtons() {
  const canUndo = useDocumentStore((s) => s.canUndo);
  const canRedo = useDocumentStore((s) => s.canRedo);
  return (
    <div className="tb-group">
      <button type="button" className="btn" disabled={!canUndo} onClick={() => useDocumentStore.getState().undo()} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" className="btn" disabled={!canRedo} onClick={() => useDocumentStore.getState().redo()} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
    </div>
  );
}

/** The studio: toolbar, states browser, canvas and code side by side, inspector, execution panel, status bar. */
export function App() {
  useGlobalShortcuts();
  const codeWidth = useViewStore((s) => s.codeWidth);
  const runHeight = useViewStore((s) => s.runHeight);
  const setPaneSizes = useViewStore((s) => s.setPaneSizes);
  return (
    <div className="app">
      <header className="toolbar" role="toolbar" aria-label="Main toolbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">◆</span> ASL Studio
        </span>
        <IoButtons />
        <HistoryButtons />
        <div className="tb-group">
          <button type="button" className="btn" onClick={() => useViewStore.getState().autoLayout()} title="Re-run the automatic layout (discards moved positions)">
            Auto layout
          </button>
        </div>
        <span className="spacer" />
        <ErrorBoundary name="Run controls">
          <RunControls />
        </ErrorBoundary>
      </header>
      <div className="main">
        <ErrorBoundary name="States browser">
          <Palette />
        </ErrorBoundary>
        <div className="center">
          <div className="split">
            <section className="canvas-pane" aria-label="Design">
              <ErrorBoundary name="Canvas">
                <Canvas />
              </ErrorBoundary>
            </section>
            <Splitter direction="col" sign={-1} size={codeWidth} min={220} max={900} label="Resize code pane" onResize={(v) => setPaneSizes({ codeWidth: v })} />
            <div className="code-slot" style={{ width: codeWidth }}>
              <CodePane />
            </div>
          </div>
          <Splitter direction="row" sign={-1} size={runHeight} min={60} max={600} label="Resize execution pane" onResize={(v) => setPaneSizes({ runHeight: v })} />
          <div className="run-pane" style={{ height: runHeight }}>
            <ErrorBoundary name="Execution panel">
              <RunPanel />
            </ErrorBoundary>
          </div>
        </div>
        <ErrorBoundary name="Inspector">
          <Inspector />
        </ErrorBoundary>
      </div>
      <StatusBar />
      <NoticeToast />
    </div>
  );
}
