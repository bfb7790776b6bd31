import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useDocumentStore } from '../../stores/document-store';
import { checkJson, defaultSettings, loadSettings, mockMachines, saveSettings, type RunSettings } from './run-settings';
import { setDialogOpen, startRun } from './run-store';
import { RUN_TYPE_LABEL, type RunType } from './worker-protocol';

const RUN_TYPES: RunType[] = ['STANDARD', 'EXPRESS'];

function newExecutionName(): string {
  try {
    return crypto.randomUUID();
  } catch {
    return `run-${Date.now()}`;
  }
}

/**
 * The Start execution dialog: execution name, type (Standard or Express, as the state machine would be created in AWS),
 * input (checked JSON), mocks (Step Functions Local mock config + test case), the Real time switch and the AWS quotas
 * switch. The confirm button "Start" is disabled while the input or the
 * mocks are not valid JSON, or while the definition has errors (the first one is shown).
 */
export function StartDialog() {
  const docName = useDocumentStore((s) => s.name);
  const def = useDocumentStore((s) => s.lastValidDefinition);
  const diagnostics = useDocumentStore((s) => s.diagnostics);
  const syntaxError = useDocumentStore((s) => s.syntaxError);
  const firstError =
    syntaxError ??
    diagnostics.filter((d) => d.severity === 'error').sort((a, b) => a.range.offset - b.range.offset || a.line - b.line)[0];

  const [settings, setSettings] = useState<RunSettings | undefined>(undefined);
  const [execName, setExecName] = useState(newExecutionName);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const ids = { title: useId(), input: useId(), inputErr: useId(), name: useId(), mocks: useId(), mocksErr: useId(), sm: useId(), tc: useId(), type: useId(), typeHint: useId() };

  useEffect(() => {
    let live = true;
    void (async () => {
      const saved = await loadSettings(docName);
      const s = saved ?? (await defaultSettings(def));
      if (live) setSettings(s);
    })();
    return () => {
      live = false;
    };
    // Load once per opening (the dialog is mounted while open).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (settings) inputRef.current?.focus();
  }, [settings !== undefined]); // eslint-disable-line react-hooks/exhaustive-deps

  const inputCheck = useMemo(() => (settings ? checkJson(settings.input) : undefined), [settings?.input]); // eslint-disable-line react-hooks/exhaustive-deps
  const mocksCheck = useMemo(
    () => (settings && settings.mocks.trim() !== '' ? checkJson(settings.mocks) : undefined),
    [settings?.mocks], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const machines = useMemo(() => (mocksCheck?.ok ? mockMachines(mocksCheck.value) : {}), [mocksCheck]);
  const machineNames = Object.keys(machines);
  const machine = settings && machineNames.includes(settings.stateMachineName) ? settings.stateMachineName : (machineNames[0] ?? '');
  const testCases = machines[machine] ?? [];
  const testCase = settings && testCases.includes(settings.testCase) ? settings.testCase : '';

  const update = (patch: Partial<RunSettings>) => setSettings((s) => (s ? { ...s, ...patch } : s));
  const close = () => setDialogOpen(false);

  const problem = !def
    ? 'The document has no valid state machine to run.'
    : firstError
      ? `${firstError.message} (line ${firstError.line}, column ${firstError.column})`
      : undefined;
  const canStart = !!settings && !!inputCheck?.ok && (mocksCheck === undefined || mocksCheck.ok) && !problem;

  const start = () => {
    if (!canStart || !settings || !inputCheck?.ok || !def) return;
    const final: RunSettings = { ...settings, stateMachineName: machine, testCase };
    void saveSettings(docName, final);
    startRun({
      definition: def,
      input: inputCheck.value,
      name: execName.trim() || undefined,
      stateMachineName: machine || docName || undefined,
      mockConfig: mocksCheck?.ok ? mocksCheck.value : undefined,
      testCase: testCase || undefined,
      type: final.type,
      clock: final.realTime ? 'real' : 'simulated',
      quotas: final.awsQuotas ? 'aws' : 'off',
    });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      start();
    }
  };

  return createPortal(
    <div className="run-dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="run-dialog" role="dialog" aria-modal="true" aria-labelledby={ids.title} onKeyDown={onKeyDown}>
        <header className="run-dialog-head">
          <h2 id={ids.title}>Start execution</h2>
          <button type="button" className="run-icon-btn" aria-label="Close" onClick={close}>
            ×
          </button>
        </header>
        {problem ? (
          <div className="run-dialog-problem" role="alert">
            <strong>This definition can’t run:</strong> {problem}
          </div>
        ) : null}
        {!settings ? (
          <div className="run-dialog-body run-muted">Loading the last input…</div>
        ) : (
          <div className="run-dialog-body">
            <div className="run-field">
              <label htmlFor={ids.name}>Name</label>
              <input id={ids.name} type="text" value={execName} spellCheck={false} onChange={(e) => setExecName(e.target.value)} />
            </div>
            <div className="run-field">
              <span className="run-field-label" id={ids.type}>
                Type
              </span>
              <div className="run-segmented" role="radiogroup" aria-labelledby={ids.type} aria-describedby={ids.typeHint}>
                {RUN_TYPES.map((t) => (
                  <label key={t} className={settings.type === t ? 'is-selected' : undefined}>
                    <input type="radio" name={ids.type} value={t} checked={settings.type === t} onChange={() => update({ type: t })} />
                    {RUN_TYPE_LABEL[t]}
                  </label>
                ))}
              </div>
              <div id={ids.typeHint} className="run-field-msg run-muted">
                Standard: up to 1 year, 25,000-event history · Express: up to 5 minutes, no history limit
              </div>
            </div>
            <div className="run-field">
              <label htmlFor={ids.input}>Input</label>
              <textarea
                id={ids.input}
                ref={inputRef}
                className={`run-code ${inputCheck && !inputCheck.ok ? 'is-invalid' : ''}`}
                rows={10}
                spellCheck={false}
                value={settings.input}
                aria-invalid={inputCheck ? !inputCheck.ok : undefined}
                aria-describedby={ids.inputErr}
                onChange={(e) => update({ input: e.target.value })}
              />
              <div id={ids.inputErr} className="run-field-msg">
                {inputCheck && !inputCheck.ok ? <span className="run-err-text">Invalid JSON: {inputCheck.message}</span> : <span className="run-muted">JSON</span>}
              </div>
            </div>
            <details className="run-mocks" open={settings.mocks.trim() !== ''}>
              <summary>Mocks</summary>
              <p className="run-muted">
                A Step Functions Local mock config (<code>StateMachines</code> → <code>TestCases</code>, <code>MockedResponses</code>). Tasks
                without a mocked response get a default response (marked “mocked”).
              </p>
              <div className="run-field-row">
                <div className="run-field">
                  <label htmlFor={ids.sm}>State machine</label>
                  <select id={ids.sm} value={machine} disabled={machineNames.length === 0} onChange={(e) => update({ stateMachineName: e.target.value, testCase: '' })}>
                    {machineNames.length === 0 ? <option value="">—</option> : null}
                    {machineNames.map((m) => (
                      <option key={m} value={m}>
                        {m}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="run-field">
                  <label htmlFor={ids.tc}>Test case</label>
                  <select id={ids.tc} value={testCase} disabled={machineNames.length === 0} onChange={(e) => update({ testCase: e.target.value, stateMachineName: machine })}>
                    <option value="">(none: default responses)</option>
                    {testCases.map((t) => (
                      <option key={t} value={t}>
                        {t}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <div className="run-field">
                <label htmlFor={ids.mocks}>Mock config</label>
                <textarea
                  id={ids.mocks}
                  className={`run-code ${mocksCheck && !mocksCheck.ok ? 'is-invalid' : ''}`}
                  rows={8}
                  spellCheck={false}
                  placeholder='{"StateMachines": {}, "MockedResponses": {}}'
                  value={settings.mocks}
                  aria-invalid={mocksCheck ? !mocksCheck.ok : undefined}
                  aria-describedby={ids.mocksErr}
                  onChange={(e) => update({ mocks: e.target.value })}
                />
                <div id={ids.mocksErr} className="run-field-msg">
                  {mocksCheck && !mocksCheck.ok ? <span className="run-err-text">Invalid JSON: {mocksCheck.message}</span> : null}
                </div>
              </div>
            </details>
            <div className="run-switches">
              <label className="run-switch">
                <input type="checkbox" role="switch" checked={settings.realTime} onChange={(e) => update({ realTime: e.target.checked })} />
                <span>Real time</span>
                <span className="run-muted">Wait states and retry back-off take real time (default: simulated clock, instant)</span>
              </label>
              <label className="run-switch">
                <input type="checkbox" role="switch" checked={settings.awsQuotas} onChange={(e) => update({ awsQuotas: e.target.checked })} />
                <span>AWS quotas</span>
                <span className="run-muted">
                  {settings.type === 'EXPRESS'
                    ? 'Fail like AWS at 256 KiB payloads; time out after 5 minutes of real time too'
                    : 'Fail like AWS at 25,000 history events or 256 KiB payloads'}
                </span>
              </label>
            </div>
          </div>
        )}
        <footer className="run-dialog-foot">
          <span className="run-muted">Ctrl+Enter to start</span>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="button" className="btn primary run-primary" disabled={!canStart} onClick={start}>
            Start
          </button>
        </footer>
      </div>
    </div>,
    document.body,
  );
}
