/**
 * New list items for the inspector's "Add" buttons (Retrier, Catcher, Choice rule, Parallel branch) and ErrorEquals
 * editing. Each returns where to insert and what, so that the result stays valid ASL where it can. Pure.
 * Spec: states-language.net/spec.html ("Retrying after error", "Fallback states", "Choice Rules", "Parallel State").
 */
import { PREDEFINED_ERRORS, type JsonPath } from '@asl-studio/asl';
import { uniqueStateName } from '@asl-studio/graph';
import type { QueryLang } from './model';

/** An item to insert into a list field at `index`. */
export interface NewItem<T> {
  index: number;
  value: T;
}

/** A Retrier (spec field names). */
export interface RetrierValue {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
  Comment?: string;
}

/** A Catcher (spec field names; ResultPath is JSONPath-only, Output JSONata-only). */
export interface CatcherValue {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Comment?: string;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when a Retrier/Catcher matches States.ALL (which must be the last one: spec "Error names"). */
export function matchesAll(item: unknown): boolean {
  return isObj(item) && Array.isArray(item.ErrorEquals) && item.ErrorEquals.includes('States.ALL');
}

/**
 * Where a new Retrier/Catcher goes and which errors it matches: appended with `States.ALL`, or — when the last one
 * already matches States.ALL (which must stay last) — inserted before it, matching `States.TaskFailed`.
 */
function placeForErrors(list: readonly unknown[]): { index: number; errors: string[] } {
  const last = list[list.length - 1];
  if (list.length && matchesAll(last)) return { index: list.length - 1, errors: ['States.TaskFailed'] };
  return { index: list.length, errors: ['States.ALL'] };
}

/**
 * A new Retrier with the spec's defaults written out (IntervalSeconds 1, MaxAttempts 3, BackoffRate 2), like the
 * retriers Workflow Studio adds. Pure.
 * @example newRetrier([]) // { index: 0, value: { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 } }
 */
export function newRetrier(existing: readonly unknown[] | undefined): NewItem<RetrierValue> {
  const { index, errors } = placeForErrors(existing ?? []);
  return { index, value: { ErrorEquals: errors, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 } };
}

/**
 * A new Catcher going to the first other state of the scope (a Fail state when there is one). In JSONPath states
 * the error output goes to `$.error` (ResultPath) so the original input is kept. Pure.
 */
export function newCatcher(
  existing: readonly unknown[] | undefined,
  scope: { names: readonly string[]; self: string; failStates?: readonly string[]; lang: QueryLang },
): NewItem<CatcherValue> {
  const { index, errors } = placeForErrors(existing ?? []);
  const others = scope.names.filter((n) => n !== scope.self);
  const next = others.find((n) => scope.failStates?.includes(n)) ?? others[0] ?? scope.self;
  const value: CatcherValue = { ErrorEquals: errors, Next: next };
  if (scope.lang === 'JSONPath') value.ResultPath = '$.error';
  return { index, value };
}

/**
 * A new Choice rule, appended: JSONPath `{ Variable: "$.value", IsPresent: true, Next }`, JSONata
 * `{ Condition: "{% true %}", Next }`, going to the first other state of the scope. Pure.
 */
export function newChoiceRule(existing: readonly unknown[] | undefined, scope: { names: readonly string[]; self: string; lang: QueryLang }): NewItem<Record<string, unknown>> {
  const next = scope.names.find((n) => n !== scope.self) ?? scope.self;
  const value: Record<string, unknown> = scope.lang === 'JSONata' ? { Condition: '{% true %}', Next: next } : { Variable: '$.value', IsPresent: true, Next: next };
  return { index: (existing ?? []).length, value };
}

/** A new Parallel branch holding one Pass state with a name unique in the whole machine. Pure. */
export function newBranch(def: unknown): { StartAt: string; States: Record<string, unknown> } {
  const name = uniqueStateName(def as Parameters<typeof uniqueStateName>[0], 'Pass');
  return { StartAt: name, States: { [name]: { Type: 'Pass', End: true } } };
}

/** A Choice rule without its Next (the condition part a person edits as JSON). Pure. */
export function ruleCondition(rule: unknown): Record<string, unknown> {
  if (!isObj(rule)) return {};
  const { Next: _next, ...rest } = rule;
  return rest;
}

/**
 * A Choice rule rebuilt from an edited condition, with Next kept where it was (same key order as `rule`, new keys
 * before Next). Pure.
 */
export function ruleWithCondition(rule: unknown, condition: Record<string, unknown>): Record<string, unknown> {
  const old = isObj(rule) ? rule : {};
  const added = Object.keys(condition).filter((k) => k !== 'Next' && !(k in old));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(old)) {
    if (k === 'Next') {
      for (const a of added) out[a] = condition[a];
      out.Next = old.Next;
    } else if (k in condition) out[k] = condition[k];
  }
  if (!('Next' in old)) for (const a of added) out[a] = condition[a];
  return out;
}

/** The error names offered by the ErrorEquals picker: every predefined `States.*` error (AWS dg/concepts-error-handling.html). */
export const ERROR_SUGGESTIONS: readonly string[] = PREDEFINED_ERRORS;

/**
 * Reads an error name typed into the ErrorEquals picker: trimmed; empty, duplicate or unknown `States.*` names are
 * refused (names starting with "States." are reserved). Returns the new list or an error. Pure.
 */
export function addErrorName(list: readonly string[], typed: string): { ok: true; value: string[] } | { ok: false; error: string } {
  const name = typed.trim();
  if (!name) return { ok: false, error: 'Type an error name.' };
  if (list.includes(name)) return { ok: false, error: `${name} is already in the list.` };
  if (name.startsWith('States.') && !PREDEFINED_ERRORS.includes(name)) return { ok: false, error: `${name} is not a predefined error; names starting with "States." are reserved.` };
  return { ok: true, value: [...list, name] };
}

/** The path of a list item's field inside the state: `["Retry", 0, "MaxAttempts"]`. */
export function itemPath(list: 'Retry' | 'Catch' | 'Choices', index: number, field?: string): JsonPath {
  return field === undefined ? [list, index] : [list, index, field];
}
