import type { JsonPath, QueryLanguage } from '../types/common.js';
import { isObj, typeName, type Ctx } from './context.js';
import { BRANCH_FIELDS, MACHINE_FIELDS, PROCESSOR_FIELDS } from './fields.js';
import { checkState, type StateSummary } from './state.js';
import { closest } from './suggest.js';
import { checkEnum, checkNumber, checkString } from './values.js';

/** Maximum state name length. AWS dg/limits.html; spec: states-language.net/spec.html#states-fields */
export const MAX_STATE_NAME_LENGTH = 80;

interface ScopeState {
  name: string;
  path: JsonPath;
  summary: StateSummary;
}

interface Scope {
  path: JsonPath;
  kind: 'machine' | 'branch' | 'processor';
  startAt: unknown;
  states: Map<string, ScopeState>;
}

/**
 * Validates a whole state machine: top-level fields, every scope (the machine, each Parallel branch, each Map
 * processor), every state, transitions (targets exist in the same scope), reachability from StartAt, the presence
 * of a reachable terminal state, and state-name uniqueness across the machine.
 * Spec: states-language.net/spec.html#toplevelfields, #transitions; AWS dg/concepts-amazon-states-language.html
 */
export function checkMachine(ctx: Ctx, def: unknown): void {
  if (!isObj(def)) {
    ctx.error('NOT_AN_OBJECT', `A state machine definition must be an object, not ${typeName(def)}`, []);
    return;
  }
  for (const k of Object.keys(def)) {
    if (!MACHINE_FIELDS.includes(k)) {
      ctx.error('INVALID_PROPERTY_NAME', `Unknown top-level field '${k}' (allowed: ${MACHINE_FIELDS.join(', ')})`, [k], 'key');
    }
  }
  if ('Comment' in def) checkString(ctx, def.Comment, ['Comment'], 'Comment');
  if ('Version' in def) checkString(ctx, def.Version, ['Version'], 'Version');
  if ('TimeoutSeconds' in def) checkNumber(ctx, def.TimeoutSeconds, ['TimeoutSeconds'], 'TimeoutSeconds', { integer: true, min: 0, exclusiveMin: true }, 'JSONPath');
  let machineLang: QueryLanguage = 'JSONPath';
  if ('QueryLanguage' in def) {
    checkEnum(ctx, def.QueryLanguage, ['QueryLanguage'], 'QueryLanguage', ['JSONPath', 'JSONata']);
    if (def.QueryLanguage === 'JSONata') machineLang = 'JSONata';
  }

  const scopes: Scope[] = [];
  const firstSeen = new Map<string, JsonPath>();
  const scopeOfName = new Map<string, Scope>();

  const visit = (obj: unknown, path: JsonPath, kind: 'machine' | 'branch' | 'processor', inherited: Set<QueryLanguage>) => {
    const where = kind === 'machine' ? 'The state machine' : kind === 'branch' ? 'A Parallel branch' : 'A Map processor';
    if (!isObj(obj)) {
      ctx.error('INVALID_FIELD_TYPE', `${where} must be an object with 'StartAt' and 'States', not ${typeName(obj)}`, path);
      return;
    }
    if (kind !== 'machine') {
      const allowed = kind === 'branch' ? BRANCH_FIELDS : PROCESSOR_FIELDS;
      for (const k of Object.keys(obj)) {
        if (!allowed.includes(k)) ctx.error('INVALID_PROPERTY_NAME', `Unknown field '${k}' in ${where.toLowerCase().slice(2)} (allowed: ${allowed.join(', ')})`, [...path, k], 'key');
      }
      if ('Comment' in obj) checkString(ctx, obj.Comment, [...path, 'Comment'], 'Comment');
      if ('QueryLanguage' in obj) {
        checkEnum(ctx, obj.QueryLanguage, [...path, 'QueryLanguage'], 'QueryLanguage', ['JSONPath', 'JSONata']);
        if (obj.QueryLanguage === 'JSONPath' || obj.QueryLanguage === 'JSONata') inherited = new Set([obj.QueryLanguage]);
        if (machineLang === 'JSONata' && obj.QueryLanguage === 'JSONPath') {
          ctx.error('INVALID_QUERY_LANGUAGE', `${where} uses JSONPath, but the state machine's QueryLanguage is JSONata; a JSONata state machine cannot contain JSONPath states`, [...path, 'QueryLanguage']);
        }
      }
    }
    const scope: Scope = { path, kind, startAt: obj.StartAt, states: new Map() };
    scopes.push(scope);
    if (!('StartAt' in obj)) ctx.error('MISSING_REQUIRED_FIELD', `${where} must have 'StartAt'`, path, 'key');
    else checkString(ctx, obj.StartAt, [...path, 'StartAt'], 'StartAt');
    if (!('States' in obj)) {
      ctx.error('MISSING_REQUIRED_FIELD', `${where} must have 'States'`, path, 'key');
      return;
    }
    const states = obj.States;
    if (!isObj(states)) {
      ctx.error('INVALID_FIELD_TYPE', `'States' must be an object mapping state names to states, not ${typeName(states)}`, [...path, 'States']);
      return;
    }
    const names = Object.keys(states);
    if (names.length === 0) ctx.error('MISSING_REQUIRED_FIELD', `${where} must have at least one state in 'States'`, [...path, 'States']);
    for (const name of names) {
      const sp = [...path, 'States', name];
      if (name.length === 0) ctx.error('INVALID_STATE_NAME', 'State names must not be empty', sp, 'key');
      else if (name.length > MAX_STATE_NAME_LENGTH) {
        ctx.error('INVALID_STATE_NAME', `State name '${name.slice(0, 30)}…' is ${name.length} characters long; the maximum is ${MAX_STATE_NAME_LENGTH}`, sp, 'key');
      }
      const first = firstSeen.get(name);
      if (first) {
        ctx.error('DUPLICATE_STATE_NAMES', `State name '${name}' is already used at ${first.join('.')}; state names must be unique across the whole state machine, including Parallel branches and Map processors`, sp, 'key');
      } else {
        firstSeen.set(name, sp);
        scopeOfName.set(name, scope);
      }
      const summary = checkState(ctx, name, states[name], sp, inherited, machineLang);
      scope.states.set(name, { name, path: sp, summary });
      for (const nested of summary.nested) {
        // A branch/processor inherits from the machine and from its enclosing state; when they differ, accept either.
        const next = nested.lang === 'any'
          ? new Set<QueryLanguage>(['JSONPath', 'JSONata'])
          : new Set<QueryLanguage>([machineLang, nested.lang]);
        visit(nested.obj, nested.path, nested.kind, next);
      }
    }
  };
  visit(def, [], 'machine', new Set([machineLang]));
  // Transitions last, once every scope's names are known (for "is in another scope" hints).
  // "Did you mean" suggestions cost an edit-distance scan of the scope: at most 50 per validation.
  const budget = { n: 50 };
  for (const scope of scopes) checkTransitions(ctx, scope, scope.startAt, scope.path, scope.kind, scopeOfName, budget);
}

function checkTransitions(ctx: Ctx, scope: Scope, startAt: unknown, path: JsonPath, kind: string,
  scopeOfName: Map<string, Scope>, budget: { n: number }): void {
  const elsewhere = (target: string) => {
    const s = scopeOfName.get(target);
    return s && s !== scope ? ` ('${target}' is in another scope: transitions cannot enter or leave a Parallel branch or Map processor)` : '';
  };
  for (const st of scope.states.values()) {
    for (const e of st.summary.edges) {
      if (scope.states.has(e.target)) continue;
      const code = e.kind === 'Default' ? 'INVALID_DEFAULT' : 'INVALID_NEXT';
      const what = e.kind === 'Default' ? 'Default target' : e.kind === 'Catch' ? 'Catch Next target' : e.kind === 'Choice' ? 'Choice rule Next target' : 'Next target';
      const other = elsewhere(e.target);
      const near = other || budget.n-- <= 0 ? undefined : closest(e.target, [...scope.states.keys()]);
      ctx.error(code, `${what} '${e.target}' of state '${st.name}' is not a state in this scope${other}${near ? ` (did you mean '${near}'?)` : ''}`, e.path);
    }
  }
  if (typeof startAt !== 'string') return;
  if (!scope.states.has(startAt)) {
    const where = kind === 'machine' ? 'the state machine' : kind === 'branch' ? 'this Parallel branch' : 'this Map processor';
    const other = elsewhere(startAt);
    const near = other || budget.n-- <= 0 ? undefined : closest(startAt, [...scope.states.keys()]);
    ctx.error('INVALID_START_AT', `StartAt '${startAt}' is not a state in ${where}${other}${near ? ` (did you mean '${near}'?)` : ''}`, [...path, 'StartAt']);
    return;
  }
  // Reachability (BFS from StartAt).
  const seen = new Set<string>([startAt]);
  const queue = [startAt];
  while (queue.length) {
    const cur = scope.states.get(queue.pop()!)!;
    for (const e of cur.summary.edges) {
      if (!seen.has(e.target) && scope.states.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
  }
  let terminal = false;
  for (const st of scope.states.values()) {
    if (!seen.has(st.name)) {
      ctx.error('UNREACHABLE_STATE', `State '${st.name}' is not reachable from StartAt '${startAt}'`, st.path, 'key');
    } else if (st.summary.terminal) terminal = true;
  }
  const unknownTypes = [...scope.states.values()].some((s) => seen.has(s.name) && !s.summary.type);
  if (!terminal && !unknownTypes) {
    ctx.error('NO_TERMINAL_STATE', `No state reachable from StartAt '${startAt}' can end ${kind === 'machine' ? 'the execution' : kind === 'branch' ? 'this branch' : 'this Map iteration'}: add "End": true, a Succeed state or a Fail state`, [...path, 'States'], 'key');
  }
}
