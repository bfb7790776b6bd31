/**
 * Input/Output and Variables tabs. JSONPath states: InputPath → Parameters → (result) → ResultSelector → ResultPath →
 * OutputPath, each behind an enable checkbox as in Workflow Studio (checking writes a neutral default, unchecking
 * removes the field). JSONata states: Arguments and Output. Spec: states-language.net/spec.html#filters; AWS
 * dg/concepts-input-output-filtering.html, dg/transforming-data.html, dg/workflow-variables.html.
 */
import { isFieldAllowed } from '@asl-studio/asl';
import { JsonField, SelectField, TextField, Toggle } from './controls';
import { setField } from './edit';
import { formatPath, parsePathInput, resultPathMode } from './field-values';
import type { StateView } from './model';

function PathToggle({
  view,
  field,
  label,
  fallback,
  kind,
}: {
  view: StateView;
  field: 'InputPath' | 'OutputPath';
  label: string;
  fallback: string;
  kind: 'path' | 'reference';
}) {
  const value = view.state[field];
  return (
    <Toggle label={label} checked={value !== undefined} anchor={field} onChange={(on) => setField(view.name, field, on ? fallback : undefined)}>
      <TextField<string | null>
        label={field}
        value={formatPath(value)}
        mono
        anchor={field}
        placeholder="$"
        hint="A JSONPath; null discards it (the next step gets {})."
        parse={(t) => parsePathInput(t, kind, { nullable: true })}
        onCommit={(v) => setField(view.name, field, v === undefined ? fallback : v)}
      />
    </Toggle>
  );
}

function TemplateToggle({ view, field, label, hint }: { view: StateView; field: 'Parameters' | 'ResultSelector' | 'Arguments'; label: string; hint: string }) {
  const value = view.state[field];
  return (
    <Toggle label={label} checked={value !== undefined} anchor={field} onChange={(on) => setField(view.name, field, on ? {} : undefined)}>
      <JsonField
        label={field}
        value={value}
        object={field !== 'Arguments'}
        expressions={field === 'Arguments'}
        anchor={field}
        hint={hint}
        onCommit={(v) => setField(view.name, field, v === undefined ? {} : v)}
      />
    </Toggle>
  );
}

function ResultPathToggle({ view }: { view: StateView }) {
  const value = view.state.ResultPath;
  const mode = resultPathMode(value);
  return (
    <Toggle
      label="Add original input to output using ResultPath"
      checked={value !== undefined}
      anchor="ResultPath"
      hint="Off: the result replaces the input."
      onChange={(on) => setField(view.name, 'ResultPath', on ? '$.result' : undefined)}
    >
      <SelectField
        label="ResultPath"
        ariaLabel="ResultPath mode"
        value={mode}
        options={[
          { value: 'combine', label: 'Combine original input with result' },
          { value: 'replace', label: 'Replace original input with result ($)' },
          { value: 'discard', label: 'Discard result and keep original input (null)' },
        ]}
        onChange={(m) => setField(view.name, 'ResultPath', m === 'discard' ? null : m === 'replace' ? '$' : '$.result')}
      />
      {mode === 'combine' ? (
        <TextField<string | null>
          label="Result goes to"
          ariaLabel="ResultPath"
          value={formatPath(value)}
          mono
          anchor="ResultPath"
          placeholder="$.result"
          parse={(t) => parsePathInput(t, 'reference', { nullable: true })}
          onCommit={(v) => setField(view.name, 'ResultPath', v === undefined ? '$' : v)}
        />
      ) : null}
    </Toggle>
  );
}

/** The Input/Output tab for the selected state's type and query language. */
export function InputOutputTab({ view }: { view: StateView }) {
  const type = view.type;
  if (!type) return null;
  const has = (f: string) => isFieldAllowed(type, f, view.lang);
  if (view.lang === 'JSONata') {
    const result = type === 'Task' || type === 'Parallel' || type === 'Map';
    return (
      <>
        {has('Arguments') && type !== 'Task' ? (
          <TemplateToggle view={view} field="Arguments" label="Transform input with Arguments" hint="The input of the branches; {% %} strings are JSONata." />
        ) : null}
        {type === 'Task' ? <p className="ifield-hint">The Task's Arguments are its API arguments (Configuration tab).</p> : null}
        {has('Output') ? (
          <Toggle
            label="Transform output with Output"
            checked={view.state.Output !== undefined}
            anchor="Output"
            hint={result ? 'Off: the output is the result.' : 'Off: the output is the input.'}
            onChange={(on) => setField(view.name, 'Output', on ? (result ? '{% $states.result %}' : '{% $states.input %}') : undefined)}
          >
            <JsonField
              label="Output"
              value={view.state.Output}
              expressions
              minRows={1}
              anchor="Output"
              hint="Any JSON; {% %} strings are JSONata ($states.input, $states.result)."
              onCommit={(v) => setField(view.name, 'Output', v)}
            />
          </Toggle>
        ) : null}
      </>
    );
  }
  return (
    <>
      <h3 className="isection-title">Input</h3>
      {has('InputPath') ? <PathToggle view={view} field="InputPath" label="Filter input with InputPath" fallback="$" kind="path" /> : null}
      {has('Parameters') && type !== 'Task' && (type !== 'Map' || view.state.Parameters !== undefined) ? (
        <TemplateToggle view={view} field="Parameters" label="Transform input with Parameters" hint="A payload template; keys ending in .$ take a path." />
      ) : null}
      {type === 'Task' ? <p className="ifield-hint">The Task's Parameters are its API parameters (Configuration tab).</p> : null}
      <h3 className="isection-title">Output</h3>
      {has('ResultSelector') ? (
        <TemplateToggle view={view} field="ResultSelector" label="Transform result with ResultSelector" hint="Picks fields of the result; keys ending in .$ take a path into it." />
      ) : null}
      {has('ResultPath') ? <ResultPathToggle view={view} /> : null}
      {has('OutputPath') ? <PathToggle view={view} field="OutputPath" label="Filter output with OutputPath" fallback="$" kind="path" /> : null}
    </>
  );
}

/** The Variables tab: Assign (variable name → value; JSONPath keys ending in .$ take a path, JSONata values {% %}). */
export function VariablesTab({ view }: { view: StateView }) {
  const jsonata = view.lang === 'JSONata';
  return (
    <>
      <JsonField
        label="Assign"
        ariaLabel="Assign (variables)"
        value={view.state.Assign}
        object
        anchor="Assign"
        placeholder={jsonata ? '{\n  "orderId": "{% $states.input.id %}"\n}' : '{\n  "orderId.$": "$.id"\n}'}
        hint={
          <>
            Variables set when the state succeeds, visible to later states as <code>$name</code>. All values are computed from the
            state&apos;s input{view.type === 'Task' || view.type === 'Map' || view.type === 'Parallel' ? ' and result' : ''} before any is assigned. Empty removes Assign.
          </>
        }
        onCommit={(v) => setField(view.name, 'Assign', v)}
      />
      {view.type === 'Choice' ? <p className="ifield-hint">Each Choice rule can also assign: edit the rule&apos;s JSON on the Configuration tab.</p> : null}
    </>
  );
}
