/**
 * The inspector's view of the selected state, and which form field shows which ASL field. Pure (no React, no store).
 * Field names follow the States Language spec (states-language.net/spec.html) and STATE_FIELDS of @asl-studio/asl.
 */
import { isFieldAllowed, STATE_FIELDS, type JsonPath, type StateMachine, type StateType } from '@asl-studio/asl';

/** A query language (spec: "QueryLanguage"; AWS dg/transforming-data.html). */
export type QueryLang = 'JSONPath' | 'JSONata';

/** The inspector tabs, in display order. */
export type InspectorTab = 'config' | 'io' | 'variables' | 'errors' | 'json';

/** Tab titles, as Workflow Studio names them. */
export const TAB_TITLES: Readonly<Record<InspectorTab, string>> = {
  config: 'Configuration',
  io: 'Input/Output',
  variables: 'Variables',
  errors: 'Error handling',
  json: 'JSON',
};

/** Everything the form needs about the selected state. Plain data, safe to compare by JSON. */
export interface StateView {
  name: string;
  /** JSON path of the state (`["States","P","Branches",0,"States","B"]`). */
  path: JsonPath;
  /** JSON path of its scope (`[]` for the machine, a branch, or a Map ItemProcessor/Iterator). */
  scopePath: JsonPath;
  scopeKind: 'machine' | 'branch' | 'processor';
  /** The state's value as in the document. */
  state: Record<string, unknown>;
  /** The state's Type when it is one of the eight ASL types. */
  type: StateType | undefined;
  /** The state's effective query language (its own QueryLanguage, else the machine's, else JSONPath). */
  lang: QueryLang;
  /** The machine's QueryLanguage (default JSONPath). */
  machineLang: QueryLang;
  /** Names of the states of the same scope, in document order (the possible Next / Default / Catch targets). */
  scopeNames: string[];
}

const TYPES: ReadonlySet<string> = new Set(Object.keys(STATE_FIELDS));

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function langOf(v: unknown): QueryLang | undefined {
  return v === 'JSONata' || v === 'JSONPath' ? v : undefined;
}

/**
 * Finds state `name` in any scope of `def` (machine, Parallel branches, Map ItemProcessor/Iterator) and describes it.
 * Pure; undefined when there is no such state.
 * @example stateView(def, 'Pay')?.scopeNames // ["Validate", "Pay", "Ship"]
 */
export function stateView(def: StateMachine | undefined, name: string): StateView | undefined {
  if (!isObj(def)) return undefined;
  const machineLang = langOf(def.QueryLanguage) ?? 'JSONPath';
  let found: StateView | undefined;
  const walk = (scope: unknown, scopePath: JsonPath, scopeKind: StateView['scopeKind'], depth: number): void => {
    if (found || depth > 64 || !isObj(scope) || !isObj(scope.States)) return;
    const names = Object.keys(scope.States);
    for (const [n, s] of Object.entries(scope.States)) {
      if (found) return;
      if (!isObj(s)) continue;
      const path = [...scopePath, 'States', n];
      if (n === name) {
        const type = typeof s.Type === 'string' && TYPES.has(s.Type) ? (s.Type as StateType) : undefined;
        found = { name, path, scopePath, scopeKind, state: s, type, lang: langOf(s.QueryLanguage) ?? machineLang, machineLang, scopeNames: names };
        return;
      }
      if (Array.isArray(s.Branches)) s.Branches.forEach((b, i) => walk(b, [...path, 'Branches', i], 'branch', depth + 1));
      if (isObj(s.ItemProcessor)) walk(s.ItemProcessor, [...path, 'ItemProcessor'], 'processor', depth + 1);
      else if (isObj(s.Iterator)) walk(s.Iterator, [...path, 'Iterator'], 'processor', depth + 1);
    }
  };
  walk(def, [], 'machine', 0);
  return found;
}

/** The tabs a state type has: Variables where Assign is allowed, Error handling on Task, Parallel and Map. Pure. */
export function tabsFor(type: StateType | undefined): InspectorTab[] {
  if (!type) return ['config', 'json'];
  const tabs: InspectorTab[] = ['config'];
  if (type !== 'Fail') tabs.push('io');
  if (isFieldAllowed(type, 'Assign', 'any')) tabs.push('variables');
  if (isFieldAllowed(type, 'Retry', 'any')) tabs.push('errors');
  tabs.push('json');
  return tabs;
}

/**
 * Which tab shows each ASL field, per state type (before filtering by query language). Task Parameters / Arguments are
 * the "API parameters" of Configuration, as in Workflow Studio; elsewhere they are Input/Output.
 */
const LAYOUT: Readonly<Record<StateType, Partial<Record<InspectorTab, readonly string[]>>>> = {
  Pass: { config: ['Comment', 'QueryLanguage', 'Next', 'End', 'Result'], io: ['InputPath', 'Parameters', 'ResultPath', 'OutputPath', 'Output'], variables: ['Assign'] },
  Task: {
    config: ['Comment', 'QueryLanguage', 'Next', 'End', 'Resource', 'Parameters', 'Arguments', 'TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath', 'Credentials'],
    io: ['InputPath', 'ResultSelector', 'ResultPath', 'OutputPath', 'Output'],
    variables: ['Assign'],
    errors: ['Retry', 'Catch'],
  },
  Choice: { config: ['Comment', 'QueryLanguage', 'Choices', 'Default'], io: ['InputPath', 'OutputPath', 'Output'], variables: ['Assign'] },
  Wait: { config: ['Comment', 'QueryLanguage', 'Next', 'End', 'Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'], io: ['InputPath', 'OutputPath', 'Output'], variables: ['Assign'] },
  Succeed: { config: ['Comment', 'QueryLanguage'], io: ['InputPath', 'OutputPath', 'Output'] },
  Fail: { config: ['Comment', 'QueryLanguage', 'Error', 'ErrorPath', 'Cause', 'CausePath'] },
  Parallel: {
    config: ['Comment', 'QueryLanguage', 'Next', 'End', 'Branches'],
    io: ['InputPath', 'Parameters', 'Arguments', 'ResultSelector', 'ResultPath', 'OutputPath', 'Output'],
    variables: ['Assign'],
    errors: ['Retry', 'Catch'],
  },
  Map: {
    config: ['Comment', 'QueryLanguage', 'Next', 'End', 'ItemsPath', 'Items', 'MaxConcurrency', 'MaxConcurrencyPath', 'ItemSelector', 'ItemProcessor', 'Iterator',
      'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', 'ToleratedFailureCount', 'ToleratedFailureCountPath', 'Label', 'ItemReader', 'ItemBatcher', 'ResultWriter'],
    io: ['InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath', 'Output'],
    variables: ['Assign'],
    errors: ['Retry', 'Catch'],
  },
};

/**
 * The tab whose form shows `field` of a state of `type` in query language `lang`, or undefined when the form does not
 * show it (an unknown field, or one not allowed in that language: its diagnostics go to the top of the inspector).
 * `Type` and the state name are in the header / Configuration. Pure.
 */
export function tabOfField(type: StateType | undefined, lang: QueryLang, field: string): InspectorTab | undefined {
  if (!type) return undefined;
  if (!isFieldAllowed(type, field, lang)) return undefined;
  const layout = LAYOUT[type];
  for (const tab of Object.keys(layout) as InspectorTab[]) if (layout[tab]?.includes(field)) return tab;
  return undefined;
}

/** The fields a tab shows for a state type and query language, in order (for tests and the anchor table). Pure. */
export function fieldsOfTab(type: StateType, lang: QueryLang, tab: InspectorTab): string[] {
  return (LAYOUT[type][tab] ?? []).filter((f) => isFieldAllowed(type, f, lang));
}

/** A state's transition (spec "Transitions": exactly one of Next or End: true). */
export type Transition = { kind: 'next'; target: string } | { kind: 'end' } | { kind: 'none' };

/** Reads a state's transition. Pure. */
export function transitionOf(state: Record<string, unknown>): Transition {
  if (typeof state.Next === 'string') return { kind: 'next', target: state.Next };
  if (state.End === true) return { kind: 'end' };
  return { kind: 'none' };
}

/** Whether a state type has Next/End (Choice, Succeed and Fail do not). */
export function hasTransition(type: StateType | undefined): boolean {
  return type !== undefined && type !== 'Choice' && type !== 'Succeed' && type !== 'Fail';
}

/** The label of the "End" option of a Next dropdown: where ending leads in this scope. */
export function endLabel(scopeKind: StateView['scopeKind']): string {
  return scopeKind === 'machine' ? 'End of workflow' : scopeKind === 'branch' ? 'End of branch' : 'End of iteration';
}

/** The key of a Map's processor object: ItemProcessor, or the legacy Iterator when only that is present. */
export function processorKey(state: Record<string, unknown>): 'ItemProcessor' | 'Iterator' {
  return !isObj(state.ItemProcessor) && isObj(state.Iterator) ? 'Iterator' : 'ItemProcessor';
}

/** A Map's ProcessorConfig Mode (spec: INLINE by default; AWS dg/state-map-distributed.html). */
export function mapMode(state: Record<string, unknown>): 'INLINE' | 'DISTRIBUTED' {
  const proc = state[processorKey(state)];
  const config = isObj(proc) && isObj(proc.ProcessorConfig) ? proc.ProcessorConfig : undefined;
  return config?.Mode === 'DISTRIBUTED' ? 'DISTRIBUTED' : 'INLINE';
}

/**
 * The ProcessorConfig for a Map switched to `mode`: DISTRIBUTED gets ExecutionType (STANDARD unless set), INLINE
 * drops it. Other keys are kept. Pure.
 */
export function processorConfigFor(state: Record<string, unknown>, mode: 'INLINE' | 'DISTRIBUTED'): Record<string, unknown> {
  const proc = state[processorKey(state)];
  const config = isObj(proc) && isObj(proc.ProcessorConfig) ? { ...proc.ProcessorConfig } : {};
  config.Mode = mode;
  if (mode === 'DISTRIBUTED') config.ExecutionType = config.ExecutionType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
  else delete config.ExecutionType;
  return config;
}
