import type { JsonPath } from './types/common.js';
import type { State, StateMachine } from './types/index.js';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A scope: the machine, a Parallel branch or a Map processor; transitions stay inside one scope. */
export interface StateScope {
  /** Path of the object holding StartAt/States ([] for the machine). */
  path: JsonPath;
  kind: 'machine' | 'branch' | 'processor';
  startAt: string | undefined;
  /** State names of this scope, in document order. */
  names: string[];
  /** Name of the Parallel/Map state that owns this scope (undefined for the machine). */
  owner?: string;
}

/**
 * Visits every state depth-first in document order (a Parallel/Map state before its nested states), with its path
 * (`["States","A"]` or `["States","P","Branches",0,"States","B"]`). Tolerates malformed input (skips non-objects).
 * Pure apart from calling `visit`.
 * @example
 * const names: string[] = [];
 * forEachState(def, (name, state) => { if (state.Type === 'Task') names.push(name); });
 */
export function forEachState(def: StateMachine, visit: (name: string, state: State, path: JsonPath) => void): void {
  const walk = (scope: unknown, path: JsonPath) => {
    if (!isObj(scope) || !isObj(scope.States)) return;
    for (const [name, state] of Object.entries(scope.States)) {
      const sp = [...path, 'States', name];
      if (!isObj(state)) continue;
      visit(name, state as unknown as State, sp);
      if (Array.isArray(state.Branches)) state.Branches.forEach((b, i) => walk(b, [...sp, 'Branches', i]));
      if (isObj(state.ItemProcessor)) walk(state.ItemProcessor, [...sp, 'ItemProcessor']);
      if (isObj(state.Iterator)) walk(state.Iterator, [...sp, 'Iterator']);
    }
  };
  walk(def, []);
}

/** Every scope of a definition (machine first, then nested scopes in document order). Pure. */
export function stateScopes(def: StateMachine): StateScope[] {
  const out: StateScope[] = [];
  const walk = (scope: unknown, path: JsonPath, kind: StateScope['kind'], owner?: string) => {
    if (!isObj(scope)) return;
    const states = isObj(scope.States) ? scope.States : {};
    const s: StateScope = { path, kind, startAt: typeof scope.StartAt === 'string' ? scope.StartAt : undefined, names: Object.keys(states) };
    if (owner !== undefined) s.owner = owner;
    out.push(s);
    for (const [name, state] of Object.entries(states)) {
      if (!isObj(state)) continue;
      const sp = [...path, 'States', name];
      if (Array.isArray(state.Branches)) state.Branches.forEach((b, i) => walk(b, [...sp, 'Branches', i], 'branch', name));
      if (isObj(state.ItemProcessor)) walk(state.ItemProcessor, [...sp, 'ItemProcessor'], 'processor', name);
      if (isObj(state.Iterator)) walk(state.Iterator, [...sp, 'Iterator'], 'processor', name);
    }
  };
  walk(def, [], 'machine');
  return out;
}
