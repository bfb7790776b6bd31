import { applyEdits as jsoncApplyEdits } from 'jsonc-parser';
import type { DefinitionLike, JsonPath, TextEdit } from '../types.js';
import { allStates, EditError, isObject, Session } from './doc.js';

/**
 * Applies edits (from any operation of this package, or jsonc-parser) to a text. Pure. Edits must not overlap;
 * they are applied in offset order, each offset referring to the original text.
 * @throws Error (from jsonc-parser) if edits overlap.
 */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return jsoncApplyEdits(text, edits);
}

/**
 * `base` if no state of the machine (any scope) has that name, else the first free `base 2`, `base 3`, ….
 * Pure; accepts any value (a non-object has no states).
 * @example uniqueStateName(def, "Pass") // "Pass", or "Pass 2" if "Pass" exists
 */
export function uniqueStateName(def: DefinitionLike, base: string): string {
  const taken = new Set(allStates(def).map((s) => s.name));
  return uniqueAmong(taken, base);
}

/** {@link uniqueStateName} over a set of taken names. */
export function uniqueAmong(taken: Set<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} ${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Adds a state, unconnected, at the end of a scope's States (the machine by default; a branch
 * `["States","P","Branches",0]`; a Map processor `["States","M","ItemProcessor"]`). If the scope has no states yet
 * (or no valid StartAt), its `StartAt` becomes the new state. Pure: returns edits for `text`.
 *
 * @throws EditError if the text is not an editable JSON object, the scope does not exist, `state` is not an object,
 * or `name` is empty/too long/already used.
 */
export function appendState(text: string, name: string, state: object, scope: JsonPath = []): TextEdit[] {
  const s = new Session(text);
  s.assertNewName(name);
  if (!isObject(state)) throw new EditError('A state must be a JSON object.');
  const scopeNode = s.node(scope);
  if (!scopeNode || scopeNode.type !== 'object') throw new EditError(`There is no scope at ${JSON.stringify(scope)}.`);
  const scopeValue = scope.reduce<unknown>((v, seg) => (v as Record<string | number, unknown>)?.[seg], s.def) as Record<string, unknown>;
  const states = isObject(scopeValue.States) ? scopeValue.States : {};
  const hasStart = typeof scopeValue.StartAt === 'string' && isObject(states[scopeValue.StartAt]);
  s.set([...scope, 'States', name], state);
  if (!hasStart) s.set([...scope, 'StartAt'], name);
  return s.result();
}

/**
 * Sets one field of a state (`Comment`, `Resource`, `Parameters`, …) to a JSON value, replacing it in place or adding
 * it at the end of the state; `undefined` removes the field. `field` may also be a path inside the state
 * (e.g. `["Retry", 0, "MaxAttempts"]`). Renaming is {@link renameState}'s job; this does not update references.
 * Pure: returns edits for `text`.
 * @throws EditError if the text is not an editable JSON object or there is no state named `name`.
 */
export function setStateField(text: string, name: string, field: string | JsonPath, value: unknown): TextEdit[] {
  const s = new Session(text);
  const loc = s.locate(name);
  const rel = typeof field === 'string' ? [field] : field;
  if (rel.length === 0) throw new EditError('setStateField needs a field name.');
  if (value === undefined && !s.node([...loc.path, ...rel])) return [];
  s.set([...loc.path, ...rel], value);
  return s.result();
}

/**
 * Replaces a state's whole value (same name, same position), formatted like the document. References to it are
 * unchanged. Pure: returns edits for `text`.
 * @throws EditError if the text is not an editable JSON object, there is no state named `name`, or `state` is not an object.
 */
export function replaceState(text: string, name: string, state: object): TextEdit[] {
  const s = new Session(text);
  const loc = s.locate(name);
  if (!isObject(state)) throw new EditError('A state must be a JSON object.');
  s.set(loc.path, state);
  return s.result();
}
