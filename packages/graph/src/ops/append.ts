import type { JsonPath, TextEdit } from '../types.js';
import { allStates, EditError, isObject, Session } from './doc.js';
import { withUniqueNestedNames } from './nested-names.js';

/**
 * Adds a state, unconnected, at the end of a scope's States (the machine by default; a branch
 * `["States","P","Branches",0]`; a Map processor `["States","M","ItemProcessor"]`). If the scope has no states yet
 * (or no valid StartAt), its `StartAt` becomes the new state. States nested in it whose names are taken get fresh
 * ones, as insertStateOnEdge does. Pure: returns edits for `text`.
 *
 * @throws EditError if the text is not an editable JSON object, the scope does not exist, `state` is not an object,
 * or `name` is empty/too long/already used.
 * @example appendState(text, 'Wait 2', { Type: 'Wait', Seconds: 5, End: true }, ['States', 'P', 'Branches', 0])
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
  const taken = new Set([...allStates(s.def).map((x) => x.name), name]);
  s.set([...scope, 'States', name], withUniqueNestedNames(state, taken));
  if (!hasStart) s.set([...scope, 'StartAt'], name);
  return s.result();
}
