/**
 * Choice state: the rules (evaluated in order; the first match gives Next) and Default. Each rule shows its condition
 * in one line; it is edited as JSON (JSONPath: Variable + one comparison operator, or And/Or/Not) or, in JSONata, as
 * a Condition expression. Spec: states-language.net/spec.html#choice-state; AWS dg/state-choice.html.
 */
import { choiceRuleLabel } from '@asl-studio/graph';
import { TargetField } from './common-fields';
import { FieldProblems, JsonField, Section, TextField } from './controls';
import { insertItem, moveItem, removeItem, setField } from './edit';
import { formatScalar } from './field-values';
import { newChoiceRule, ruleCondition, ruleWithCondition } from './list-items';
import type { StateView } from './model';
import { ItemActions } from './ItemActions';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a JSONata Condition: `{% … %}` as typed, a bare expression is wrapped in `{% %}`, true/false are booleans. */
function parseCondition(text: string): { ok: true; value: string | boolean } | { ok: false; error: string } {
  const t = text.trim();
  if (!t) return { ok: false, error: 'A JSONata rule needs a Condition.' };
  if (t === 'true' || t === 'false') return { ok: true, value: t === 'true' };
  if (t.startsWith('{%') && t.endsWith('%}')) return { ok: true, value: t };
  return { ok: true, value: `{% ${t} %}` };
}

function Rule({ view, rule, index, count }: { view: StateView; rule: unknown; index: number; count: number }) {
  const label = `Rule ${index + 1}`;
  const jsonata = view.lang === 'JSONata';
  const r = isObj(rule) ? rule : {};
  return (
    <li className="icard">
      <div className="icard-head">
        <span className="icard-title">{label}</span>
        <code className="icard-summary" title={choiceRuleLabel(rule, index)}>
          {choiceRuleLabel(rule, index)}
        </code>
        <ItemActions
          what={`rule ${index + 1}`}
          index={index}
          count={count}
          onMove={(to) => moveItem(view.name, 'Choices', index, to)}
          onRemove={() => removeItem(view.name, 'Choices', index, false)}
          removeDisabled={count <= 1}
          removeTitle={count <= 1 ? 'A Choice state needs at least one rule' : undefined}
        />
      </div>
      {jsonata ? (
        <TextField<string | boolean>
          label="Condition"
          ariaLabel={`${label} Condition`}
          value={formatScalar(r.Condition)}
          mono
          anchor={`Choices/${index}`}
          placeholder="{% $states.input.total > 100 %}"
          parse={parseCondition}
          onCommit={(v) => setField(view.name, ['Choices', index, 'Condition'], v)}
        />
      ) : null}
      {jsonata ? (
        <details className="idetails">
          <summary>Rule as JSON (Assign, Output, Comment)</summary>
          <ConditionJson view={view} rule={rule} index={index} label={label} />
        </details>
      ) : (
        <ConditionJson view={view} rule={rule} index={index} label={label} />
      )}
      <TargetField
        view={view}
        label="Next state"
        ariaLabel={`${label} Next state`}
        value={r.Next}
        anchor={`Choices/${index}/Next`}
        onChange={(t) => t && setField(view.name, ['Choices', index, 'Next'], t)}
      />
    </li>
  );
}

function ConditionJson({ view, rule, index, label }: { view: StateView; rule: unknown; index: number; label: string }) {
  return (
    <JsonField
      label="Condition (JSON)"
      ariaLabel={`${label} condition JSON`}
      value={ruleCondition(rule)}
      object
      anchor={view.lang === 'JSONata' ? undefined : `Choices/${index}`}
      minRows={2}
      onCommit={(v) => setField(view.name, ['Choices', index], ruleWithCondition(rule, (v ?? {}) as Record<string, unknown>))}
    />
  );
}

/** The Choice rules list (add, remove, reorder) and the Default state. */
export function ChoiceFields({ view }: { view: StateView }) {
  const rules = Array.isArray(view.state.Choices) ? view.state.Choices : [];
  return (
    <>
      <Section
        title={`Choice rules (${rules.length})`}
        actions={
          <button
            type="button"
            className="btn small"
            aria-label="Add rule"
            onClick={() => {
              const { index, value } = newChoiceRule(rules, { names: view.scopeNames, self: view.name, lang: view.lang });
              insertItem(view.name, 'Choices', index, value);
            }}
          >
            + Add rule
          </button>
        }
      >
        <FieldProblems anchor="Choices" />
        <ol className="icards">
          {rules.map((rule, i) => (
            <Rule key={i} view={view} rule={rule} index={i} count={rules.length} />
          ))}
        </ol>
      </Section>
      <Section title="Default rule">
        <TargetField
          view={view}
          label="Default"
          ariaLabel="Default state"
          value={view.state.Default}
          anchor="Default"
          allowNone="(none: fail with States.NoChoiceMatched)"
          onChange={(t) => setField(view.name, 'Default', t)}
        />
      </Section>
    </>
  );
}
