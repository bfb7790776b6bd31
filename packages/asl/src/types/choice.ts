import type { Assignable, BaseState, JsonPathIO, JsonValue } from './common.js';

/**
 * A JSONPath choice rule (Boolean expression); top-level rules also carry `Next`.
 * Exactly one comparison operator (or And/Or/Not) per rule. Spec: states-language.net/spec.html#choice-state
 */
export interface JsonPathChoiceRule extends Assignable {
  /** Path to the value compared (required for comparison operators). */
  Variable?: string;
  And?: JsonPathChoiceRule[];
  Or?: JsonPathChoiceRule[];
  Not?: JsonPathChoiceRule;
  /** Top-level rules only: target state. */
  Next?: string;
  Comment?: string;
  /** Comparison operators (StringEquals, NumericGreaterThanPath, IsPresent, …). */
  [operator: string]: JsonValue | JsonPathChoiceRule | JsonPathChoiceRule[] | undefined;
}

/** A JSONata choice rule: `Condition` is a `{% %}` expression (or boolean). AWS dg/state-choice.html */
export interface JsonataChoiceRule extends Assignable {
  Condition: string | boolean;
  Next: string;
  Output?: JsonValue;
  Comment?: string;
}

/** A choice rule in either language. */
export type ChoiceRule = JsonPathChoiceRule | JsonataChoiceRule;

/** Choice state: branches on its input. Cannot be terminal (no `End`). Spec: states-language.net/spec.html#choice-state */
export interface ChoiceState extends BaseState, JsonPathIO, Assignable {
  Type: 'Choice';
  /** Non-empty list of rules, evaluated in order. */
  Choices: ChoiceRule[];
  /** Target when no rule matches; without it, no match fails with `States.NoChoiceMatched`. */
  Default?: string;
  /** JSONata: the state output. */
  Output?: JsonValue;
}
