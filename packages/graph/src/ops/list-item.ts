import type { JsonPath, TextEdit } from '../types.js';
import { EditError, Session } from './doc.js';

/** A list field of a state: a field name (`"Retry"`) or a path inside the state (`["Choices", 0, "And"]`). */
export type StateListField = string | JsonPath;

function listPath(s: Session, name: string, field: StateListField): { path: JsonPath; length: number | undefined } {
  const loc = s.locate(name);
  const rel = typeof field === 'string' ? [field] : field;
  if (rel.length === 0) throw new EditError('A list edit needs a field name.');
  const path = [...loc.path, ...rel];
  const node = s.node(path);
  if (node && node.type !== 'array') throw new EditError(`${rel.join('.')} of "${name}" is not a list.`);
  return { path, length: node ? (node.children ?? []).length : undefined };
}

/**
 * Inserts `value` into a list field of a state (Retry, Catch, Choices, Branches, ErrorEquals, …) before position
 * `index` (omitted or ≥ length: appended), laid out like the other elements. A missing list is created as
 * `[value]` at the end of the state (its parent must exist). Pure: returns edits for `text`.
 * Retriers and catchers: states-language.net/spec.html#errors (the order matters: the first match wins).
 * @throws EditError if the text is not an editable JSON object, there is no state `name`, or the field is not a list.
 * @example insertStateListItem(text, 'Pay', 'Retry', 0, { ErrorEquals: ['States.Timeout'], MaxAttempts: 2 })
 */
export function insertStateListItem(text: string, name: string, field: StateListField, index: number | undefined, value: unknown): TextEdit[] {
  if (value === undefined) throw new EditError('A list item needs a value.');
  const s = new Session(text);
  const { path, length } = listPath(s, name, field);
  if (length === undefined) s.set(path, [value]);
  else s.insertElement(path, index ?? length, value);
  return s.result();
}

/**
 * Removes element `index` of a list field of a state, with its separating comma. When it was the last element and
 * `removeEmptyList` is true, the field itself is removed (an empty Retry/Catch means nothing anyway). Pure.
 * @throws EditError if the text is not editable, there is no state `name`, the field is not a list, or `index` is out of range.
 * @example removeStateListItem(text, 'Pay', 'Catch', 1, { removeEmptyList: true })
 */
export function removeStateListItem(
  text: string,
  name: string,
  field: StateListField,
  index: number,
  options: { removeEmptyList?: boolean } = {},
): TextEdit[] {
  const s = new Session(text);
  const { path, length } = listPath(s, name, field);
  if (length === undefined || !Number.isInteger(index) || index < 0 || index >= length) {
    throw new EditError(`There is no item ${index + 1} in ${path.slice(-1).join('.')} of "${name}".`);
  }
  if (length === 1 && options.removeEmptyList) s.set(path, undefined);
  else s.removeElement([...path, index]);
  return s.result();
}

/**
 * Moves element `from` of a list field of a state to position `to` (clamped), e.g. to reorder Choice rules or
 * retriers; each element keeps its own formatting. Pure.
 * @throws EditError if the text is not editable, there is no state `name`, the field is not a list, or `from` is out of range.
 * @example moveStateListItem(text, 'Check', 'Choices', 2, 0) // the third rule is now evaluated first
 */
export function moveStateListItem(text: string, name: string, field: StateListField, from: number, to: number): TextEdit[] {
  const s = new Session(text);
  const { path, length } = listPath(s, name, field);
  if (length === undefined) throw new EditError(`"${name}" has no ${path.slice(-1).join('.')} list.`);
  s.moveElement(path, from, to);
  return s.result();
}
