/**
 * Type-specific Configuration fields: Task, Wait, Pass, Fail, Parallel and Map (Choice rules are in ChoiceRules.tsx).
 * Field names verbatim from the States Language spec (states-language.net/spec.html, one section per state type) and
 * the AWS developer guide (dg/state-task.html, state-wait.html, state-map.html, state-map-distributed.html…).
 */
import { useDocumentStore } from '../../stores/document-store';
import { taskLabel } from '../canvas/labels';
import { InfoRow } from './common-fields';
import { FieldProblems, JsonField, NumberField, Section, SelectField, TextField } from './controls';
import { insertItem, removeItem, setExclusive, setField } from './edit';
import {
  defaultWaitValue,
  formatPath,
  formatScalar,
  parsePathInput,
  parseTextInput,
  parseTimestampInput,
  WAIT_MODE_LABELS,
  WAIT_MODES,
  waitModeOf,
  waitModesFor,
  type Parsed,
  type WaitMode,
} from './field-values';
import { newBranch } from './list-items';
import { mapMode, processorConfigFor, processorKey, type StateView } from './model';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Common Task Resource ARNs (AWS dg/integrate-services.html), offered as suggestions. */
const RESOURCE_SUGGESTIONS = [
  'arn:aws:states:::lambda:invoke',
  'arn:aws:states:::lambda:invoke.waitForTaskToken',
  'arn:aws:states:::sns:publish',
  'arn:aws:states:::sqs:sendMessage',
  'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
  'arn:aws:states:::dynamodb:getItem',
  'arn:aws:states:::dynamodb:putItem',
  'arn:aws:states:::dynamodb:updateItem',
  'arn:aws:states:::dynamodb:deleteItem',
  'arn:aws:states:::events:putEvents',
  'arn:aws:states:::states:startExecution.sync:2',
  'arn:aws:states:::ecs:runTask.sync',
  'arn:aws:states:::glue:startJobRun.sync',
  'arn:aws:states:::batch:submitJob.sync',
  'arn:aws:states:::bedrock:invokeModel',
  'arn:aws:states:::http:invoke',
  'arn:aws:states:::aws-sdk:s3:getObject',
];

const required =
  (what: string) =>
  <T,>(r: Parsed<T>): Parsed<T> =>
    r.ok && r.value === undefined ? { ok: false, error: what } : r;

/** Task: Resource, API parameters (Parameters in JSONPath, Arguments in JSONata), TimeoutSeconds, HeartbeatSeconds. */
export function TaskFields({ view }: { view: StateView }) {
  const { state, name, lang } = view;
  const jsonata = lang === 'JSONata';
  const listId = `resources-${name.replace(/\W/g, '_')}`;
  return (
    <>
      <Section title="API">
        <TextField<string>
          label="Resource"
          value={formatScalar(state.Resource)}
          mono
          list={listId}
          anchor="Resource"
          placeholder="arn:aws:states:::lambda:invoke"
          hint={typeof state.Resource === 'string' && state.Resource ? taskLabel(state.Resource) : 'The integration ARN: Lambda, aws-sdk, activity, …'}
          parse={(t) => required('A Task needs a Resource.')(parseTextInput(t.trim()))}
          onCommit={(v) => setField(name, 'Resource', v)}
        />
        <datalist id={listId}>
          {RESOURCE_SUGGESTIONS.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        {jsonata ? (
          <JsonField
            label="Arguments"
            ariaLabel="API arguments (Arguments)"
            value={state.Arguments}
            expressions
            anchor="Arguments"
            placeholder={'{\n  "FunctionName": "…",\n  "Payload": "{% $states.input %}"\n}'}
            hint="API arguments; {% %} strings are JSONata. Ctrl+Enter or leaving the field applies."
            onCommit={(v) => setField(name, 'Arguments', v)}
          />
        ) : (
          <JsonField
            label="Parameters"
            ariaLabel="API parameters (Parameters)"
            value={state.Parameters}
            object
            anchor="Parameters"
            placeholder={'{\n  "FunctionName": "…",\n  "Payload.$": "$"\n}'}
            hint="API parameters; keys ending in .$ take a path. Ctrl+Enter or leaving the field applies."
            onCommit={(v) => setField(name, 'Parameters', v)}
          />
        )}
      </Section>
      <Section title="Timeouts">
        <div className="igrid">
          <NumberField field="TimeoutSeconds" label="TimeoutSeconds" value={state.TimeoutSeconds} jsonata={jsonata} anchor="TimeoutSeconds" placeholder="none"
            onCommit={(v) => (v === undefined ? setField(name, 'TimeoutSeconds', undefined) : setExclusive(name, 'TimeoutSeconds', v, ['TimeoutSecondsPath']))} />
          <NumberField field="HeartbeatSeconds" label="HeartbeatSeconds" value={state.HeartbeatSeconds} jsonata={jsonata} anchor="HeartbeatSeconds" placeholder="none"
            onCommit={(v) => (v === undefined ? setField(name, 'HeartbeatSeconds', undefined) : setExclusive(name, 'HeartbeatSeconds', v, ['HeartbeatSecondsPath']))} />
        </div>
        {!jsonata && (state.TimeoutSecondsPath !== undefined || state.HeartbeatSecondsPath !== undefined) ? (
          <div className="igrid">
            <PathField view={view} field="TimeoutSecondsPath" exclusive={['TimeoutSeconds']} />
            <PathField view={view} field="HeartbeatSecondsPath" exclusive={['HeartbeatSeconds']} />
          </div>
        ) : null}
        {state.Credentials !== undefined ? (
          <JsonField label="Credentials" value={state.Credentials} object anchor="Credentials" onCommit={(v) => setField(name, 'Credentials', v)} />
        ) : null}
      </Section>
    </>
  );
}

/** A Reference Path field (…Path); committing a value removes its exclusive plain field. */
function PathField({ view, field, exclusive, required: req, hint }: { view: StateView; field: string; exclusive: string[]; required?: string; hint?: string }) {
  return (
    <TextField<string | null>
      label={field}
      value={formatPath(view.state[field])}
      mono
      anchor={field}
      placeholder="$.path"
      hint={hint}
      parse={(t) => {
        const r = parsePathInput(t, field === 'ErrorPath' || field === 'CausePath' ? 'pathOrIntrinsic' : 'reference');
        return req ? required(req)(r) : r;
      }}
      onCommit={(v) => (v === undefined ? setField(view.name, field, undefined) : setExclusive(view.name, field, v, exclusive))}
    />
  );
}

/** Wait: one mode selector (Seconds, Timestamp, SecondsPath, TimestampPath: spec "Wait State", exactly one) and its value. */
export function WaitFields({ view }: { view: StateView }) {
  const { state, name, lang } = view;
  const mode = waitModeOf(state);
  const modes = waitModesFor(lang);
  const others = (m: WaitMode) => WAIT_MODES.filter((x) => x !== m);
  const need = 'A Wait state needs a value (or choose another mode).';
  return (
    <Section title="Wait">
      <SelectField
        label="Wait mode"
        value={mode}
        options={modes.map((m) => ({ value: m, label: WAIT_MODE_LABELS[m] }))}
        onChange={(m) => setExclusive(name, m, defaultWaitValue(m as WaitMode, new Date()), others(m as WaitMode))}
      />
      {mode === 'Seconds' ? (
        <NumberField field="Seconds" label="Seconds" value={state.Seconds} jsonata={lang === 'JSONata'} anchor="Seconds"
          required={need}
          onCommit={(v) => setExclusive(name, 'Seconds', v, others('Seconds'))}
          hint="0 to 99999999 seconds." />
      ) : mode === 'Timestamp' ? (
        <TextField<string>
          label="Timestamp"
          value={formatScalar(state.Timestamp)}
          mono
          anchor="Timestamp"
          placeholder="2026-01-01T00:00:00Z"
          parse={(t) => required(need)(parseTimestampInput(t, { jsonata: lang === 'JSONata' }))}
          onCommit={(v) => setExclusive(name, 'Timestamp', v, others('Timestamp'))}
          hint="RFC 3339, uppercase T and Z (or an offset)."
        />
      ) : (
        <PathField view={view} field={mode} exclusive={others(mode)} required={need} />
      )}
      {others(mode).map((m) => (
        <FieldProblems key={m} anchor={m} />
      ))}
    </Section>
  );
}

/** Pass: Result (JSONPath; a fixed output used instead of the input). */
export function PassFields({ view }: { view: StateView }) {
  if (view.lang === 'JSONata') return <p className="ifield-hint">A JSONata Pass state sets its output with Output (Input/Output tab).</p>;
  return (
    <Section title="Result">
      <JsonField
        label="Result"
        value={view.state.Result}
        anchor="Result"
        placeholder={'{ "greeting": "hello" }'}
        hint="Any JSON: the state's result instead of its input (then ResultPath places it)."
        onCommit={(v) => setField(view.name, 'Result', v)}
      />
    </Section>
  );
}

/** Fail: Error and Cause (or ErrorPath / CausePath in JSONPath; each pair is exclusive). */
export function FailFields({ view }: { view: StateView }) {
  const { state, name, lang } = view;
  const text = (field: 'Error' | 'Cause', other: string) => (
    <TextField<string>
      label={field}
      value={formatScalar(state[field])}
      anchor={field}
      placeholder={field === 'Error' ? 'MyError' : 'A human-readable cause'}
      parse={(t) => parseTextInput(t)}
      onCommit={(v) => (v === undefined ? setField(name, field, undefined) : setExclusive(name, field, v, [other]))}
    />
  );
  return (
    <Section title="Failure">
      {text('Error', 'ErrorPath')}
      {lang === 'JSONPath' ? <PathField view={view} field="ErrorPath" exclusive={['Error']} hint="Instead of Error: a path or an intrinsic function (States.Format…)." /> : null}
      {text('Cause', 'CausePath')}
      {lang === 'JSONPath' ? <PathField view={view} field="CausePath" exclusive={['Cause']} hint="Instead of Cause: a path or an intrinsic function." /> : null}
    </Section>
  );
}

/** Parallel: its branches (each {StartAt, States}); add a branch (one Pass state) or remove one. */
export function ParallelFields({ view }: { view: StateView }) {
  const branches = Array.isArray(view.state.Branches) ? view.state.Branches : [];
  return (
    <Section
      title={`Branches (${branches.length})`}
      actions={
        <button
          type="button"
          className="btn small"
          aria-label="Add branch"
          onClick={() => insertItem(view.name, 'Branches', undefined, newBranch(useDocumentStore.getState().lastValidDefinition))}
        >
          + Add branch
        </button>
      }
    >
      <FieldProblems anchor="Branches" />
      <ol className="ilist-plain">
        {branches.map((b, i) => {
          const states = isObj(b) && isObj(b.States) ? Object.keys(b.States).length : 0;
          const start = isObj(b) && typeof b.StartAt === 'string' ? b.StartAt : undefined;
          return (
            <li key={i}>
              <span className="ilist-title">Branch {i + 1}</span>
              <span className="muted small">
                {states} state{states === 1 ? '' : 's'}
                {start ? `, starts at ${start}` : ''}
              </span>
              <button
                type="button"
                className="btn ghost small"
                aria-label={`Remove branch ${i + 1}`}
                title="Remove this branch and its states"
                disabled={branches.length <= 1}
                onClick={() => removeItem(view.name, 'Branches', i, false)}
              >
                ✕
              </button>
            </li>
          );
        })}
      </ol>
      {branches.length === 0 ? <p className="ifield-hint">A Parallel state needs at least one branch.</p> : null}
    </Section>
  );
}

/** Map fields only a distributed Map uses (their section also shows when one is present on an inline Map). */
const DISTRIBUTED_FIELDS = ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', 'ToleratedFailureCount', 'ToleratedFailureCountPath', 'Label',
  'ItemReader', 'ItemBatcher', 'ResultWriter'];

/**
 * Map: processing mode (ProcessorConfig.Mode INLINE / DISTRIBUTED, ExecutionType), the items (ItemsPath in JSONPath,
 * Items in JSONata), MaxConcurrency, ItemSelector, and for distributed Maps the tolerated failures, Label, ItemReader,
 * ItemBatcher and ResultWriter.
 */
export function MapFields({ view }: { view: StateView }) {
  const { state, name, lang } = view;
  const jsonata = lang === 'JSONata';
  const mode = mapMode(state);
  const key = processorKey(state);
  const proc = isObj(state[key]) ? (state[key] as Record<string, unknown>) : undefined;
  const config = proc && isObj(proc.ProcessorConfig) ? proc.ProcessorConfig : {};
  const count = proc && isObj(proc.States) ? Object.keys(proc.States).length : 0;
  const distributed = mode === 'DISTRIBUTED';
  return (
    <>
      <Section title="Processing">
        <div className="igrid">
          <SelectField
            label="Mode"
            ariaLabel="ProcessorConfig Mode"
            value={mode}
            anchor="ProcessorConfig"
            options={[
              { value: 'INLINE', label: 'Inline' },
              { value: 'DISTRIBUTED', label: 'Distributed' },
            ]}
            onChange={(m) => setField(name, [key, 'ProcessorConfig'], processorConfigFor(state, m as 'INLINE' | 'DISTRIBUTED'))}
          />
          {distributed ? (
            <SelectField
              label="ExecutionType"
              value={typeof config.ExecutionType === 'string' ? config.ExecutionType : 'STANDARD'}
              options={[
                { value: 'STANDARD', label: 'Standard' },
                { value: 'EXPRESS', label: 'Express' },
              ]}
              onChange={(v) => setField(name, [key, 'ProcessorConfig', 'ExecutionType'], v)}
            />
          ) : null}
        </div>
        <InfoRow label={key}>
          {count} state{count === 1 ? '' : 's'}
          {proc && typeof proc.StartAt === 'string' ? `, starts at ${proc.StartAt}` : ''} (edit them on the canvas)
        </InfoRow>
      </Section>
      <Section title="Items">
        {jsonata ? (
          <JsonField label="Items" value={state.Items} expressions anchor="Items" minRows={1} placeholder="{% $states.input.items %}"
            hint="A JSON array or a {% %} expression; default: the state input." onCommit={(v) => setField(name, 'Items', v)} />
        ) : (
          <TextField<string | null>
            label="ItemsPath"
            value={formatPath(state.ItemsPath)}
            mono
            anchor="ItemsPath"
            placeholder="$ (the whole input)"
            parse={(t) => parsePathInput(t, 'reference')}
            onCommit={(v) => setField(name, 'ItemsPath', v)}
          />
        )}
        <NumberField field="MaxConcurrency" label="MaxConcurrency" value={state.MaxConcurrency} jsonata={jsonata} anchor="MaxConcurrency" placeholder="0 (no limit)"
          onCommit={(v) => (v === undefined ? setField(name, 'MaxConcurrency', undefined) : setExclusive(name, 'MaxConcurrency', v, ['MaxConcurrencyPath']))} />
        {!jsonata && state.MaxConcurrencyPath !== undefined ? <PathField view={view} field="MaxConcurrencyPath" exclusive={['MaxConcurrency']} /> : null}
        <JsonField
          label="ItemSelector"
          value={state.ItemSelector}
          object
          anchor="ItemSelector"
          placeholder={jsonata ? '{ "item": "{% $states.context.Map.Item.Value %}" }' : '{ "item.$": "$$.Map.Item.Value" }'}
          hint="Builds each iteration's input; empty passes the item itself."
          onCommit={(v) => setField(name, 'ItemSelector', v)}
        />
      </Section>
      {distributed || DISTRIBUTED_FIELDS.some((f) => state[f] !== undefined) ? (
        <Section title="Distributed">
          <div className="igrid">
            <NumberField field="ToleratedFailurePercentage" label="ToleratedFailurePercentage" ariaLabel="ToleratedFailurePercentage" value={state.ToleratedFailurePercentage}
              jsonata={jsonata} anchor="ToleratedFailurePercentage" placeholder="0" onCommit={(v) => setField(name, 'ToleratedFailurePercentage', v)} />
            <NumberField field="ToleratedFailureCount" label="ToleratedFailureCount" value={state.ToleratedFailureCount}
              jsonata={jsonata} anchor="ToleratedFailureCount" placeholder="0" onCommit={(v) => setField(name, 'ToleratedFailureCount', v)} />
          </div>
          {!jsonata && (state.ToleratedFailurePercentagePath !== undefined || state.ToleratedFailureCountPath !== undefined) ? (
            <div className="igrid">
              <PathField view={view} field="ToleratedFailurePercentagePath" exclusive={['ToleratedFailurePercentage']} />
              <PathField view={view} field="ToleratedFailureCountPath" exclusive={['ToleratedFailureCount']} />
            </div>
          ) : null}
          <TextField<string>
            label="Label"
            value={formatScalar(state.Label)}
            anchor="Label"
            placeholder="Child execution label"
            parse={(t) => parseTextInput(t, { maxLength: 40 })}
            onCommit={(v) => setField(name, 'Label', v)}
          />
          <JsonField label="ItemReader" value={state.ItemReader} object anchor="ItemReader" minRows={2}
            placeholder={'{\n  "Resource": "arn:aws:states:::s3:getObject",\n  "ReaderConfig": { "InputType": "JSON" },\n  "Parameters": { "Bucket": "…", "Key": "…" }\n}'}
            onCommit={(v) => setField(name, 'ItemReader', v)} />
          <JsonField label="ItemBatcher" value={state.ItemBatcher} object anchor="ItemBatcher" minRows={1} placeholder={'{ "MaxItemsPerBatch": 10 }'}
            onCommit={(v) => setField(name, 'ItemBatcher', v)} />
          <JsonField label="ResultWriter" value={state.ResultWriter} object anchor="ResultWriter" minRows={2}
            placeholder={'{\n  "Resource": "arn:aws:states:::s3:putObject",\n  "Parameters": { "Bucket": "…", "Prefix": "…" }\n}'}
            onCommit={(v) => setField(name, 'ResultWriter', v)} />
        </Section>
      ) : null}
    </>
  );
}
