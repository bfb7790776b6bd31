/**
 * The inspector (right pane): with a state selected, a per-state form in tabs — Configuration, Input/Output,
 * Variables, Error handling, JSON — as Workflow Studio's inspector; with none, the workflow's summary.
 * Every field writes one text edit through the document store (one undo step shared with the code editor); the form
 * re-renders only when the selected state's part of the document (or its diagnostics) changes.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { useDocumentStore } from '../../stores/document-store';
import { stateSubtitle } from '../canvas/labels';
import { ConfigurationTab } from './ConfigurationTab';
import { DiagnosticsProvider, Problem } from './controls';
import { ErrorHandlingTab } from './ErrorHandlingTab';
import { InputOutputTab, VariablesTab } from './InputOutputTab';
import { JsonTab } from './JsonTab';
import { TAB_TITLES, tabsFor, type InspectorTab, type StateView } from './model';
import { useStateDiagnostics, useStateView } from './use-state-view';
import { WorkflowInfo } from './WorkflowInfo';
import { setField } from './edit';
import type { Diagnostic } from '@asl-studio/asl';
import './inspector.css';

/** The state field a diagnostic says is not allowed here (unknown, or of the other query language), if any. */
function removableField(d: Diagnostic, view: StateView): string | undefined {
  if (d.code !== 'INVALID_PROPERTY_NAME' || !d.path || d.path.length !== view.path.length + 1) return undefined;
  const field = d.path[d.path.length - 1];
  return typeof field === 'string' && d.path.slice(0, -1).every((p, i) => p === view.path[i]) ? field : undefined;
}

function TabPanel({ tab, view }: { tab: InspectorTab; view: StateView }) {
  switch (tab) {
    case 'config':
      return <ConfigurationTab view={view} />;
    case 'io':
      return <InputOutputTab view={view} />;
    case 'variables':
      return <VariablesTab view={view} />;
    case 'errors':
      return <ErrorHandlingTab view={view} />;
    case 'json':
      return <JsonTab name={view.name} state={view.state} />;
  }
}

function StateInspector({ view, tab, onTab }: { view: StateView; tab: InspectorTab; onTab: (t: InspectorTab) => void }) {
  const diagnostics = useStateDiagnostics(view);
  const broken = useDocumentStore((s) => s.syntaxError);
  const tabs = tabsFor(view.type);
  const active = tabs.includes(tab) ? tab : 'config';
  const tabRefs = useRef<Partial<Record<InspectorTab, HTMLButtonElement | null>>>({});
  const onTabKey = (e: KeyboardEvent) => {
    const i = tabs.indexOf(active);
    const to =
      e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : e.key === 'Home' ? tabs[0] : e.key === 'End' ? tabs[tabs.length - 1] : undefined;
    if (!to) return;
    e.preventDefault();
    onTab(to);
    tabRefs.current[to]?.focus();
  };
  const type = typeof view.state.Type === 'string' ? view.state.Type : 'State';
  const subtitle = stateSubtitle(view.state, view.type);
  return (
    <DiagnosticsProvider value={diagnostics}>
      <div className="panel-title-row">
        <h2 className="panel-title">{type}</h2>
        <span className="muted small ellipsis">{subtitle !== type ? subtitle : ''}</span>
        <span className={`ilang-badge is-${view.lang}`} title={`Query language: ${view.lang}`}>
          {view.lang}
        </span>
        <button type="button" className="btn ghost small" aria-label="Close inspector selection" onClick={() => useDocumentStore.getState().select(null)}>
          ✕
        </button>
      </div>
      {broken ? (
        <div className="ibanner" role="status">
          The JSON has a syntax error (line {broken.line}); fix it in the code to edit here.
        </div>
      ) : null}
      {diagnostics.top.length ? (
        <ul className="iproblems is-top" aria-label="Problems of this state">
          {diagnostics.top.map((d, i) => {
            const field = removableField(d, view);
            return <Problem key={i} d={d} fix={field ? { label: `Remove ${field}`, run: () => setField(view.name, field, undefined) } : undefined} />;
          })}
        </ul>
      ) : null}
      <div className="itabs" role="tablist" aria-label="State settings" onKeyDown={onTabKey}>
        {tabs.map((t) => {
          const count = diagnostics.perTab[t] ?? 0;
          return (
            <button
              key={t}
              ref={(el) => {
                tabRefs.current[t] = el;
              }}
              type="button"
              role="tab"
              id={`inspector-tab-${t}`}
              aria-selected={t === active}
              aria-controls="inspector-panel"
              tabIndex={t === active ? 0 : -1}
              className={`itab${t === active ? ' is-active' : ''}`}
              onClick={() => onTab(t)}
            >
              {TAB_TITLES[t]}
              {count ? (
                <span className="itab-count" aria-label={`${count} problem${count === 1 ? '' : 's'}`}>
                  {count}
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
      <fieldset className="ipanel" id="inspector-panel" role="tabpanel" aria-labelledby={`inspector-tab-${active}`} disabled={!!broken}>
        <TabPanel key={`${view.path.join('/')}:${active}`} tab={active} view={view} />
      </fieldset>
    </DiagnosticsProvider>
  );
}

function WorkflowPanel() {
  const def = useDocumentStore((s) => s.lastValidDefinition);
  return <WorkflowInfo def={def} />;
}

/** The inspector pane. */
export function Inspector() {
  const view = useStateView();
  const [tab, setTab] = useState<InspectorTab>('config');
  return (
    <aside
      className="inspector inspector-form"
      aria-label="Inspector"
      onKeyDown={(e) => {
        // Delete/Backspace on an inspector button or checkbox must not delete the selected state (a global shortcut).
        if (e.key === 'Delete' || e.key === 'Backspace') e.stopPropagation();
      }}
    >
      {view ? <StateInspector view={view} tab={tab} onTab={setTab} /> : <WorkflowPanel />}
    </aside>
  );
}
