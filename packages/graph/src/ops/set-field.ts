import type { JsonPath, TextEdit } from '../types.js';
import { EditError, Session } from './doc.js';

/**
 * Sets one field of a state (`Comment`, `Resource`, `Parameters`, …) to a JSON value, replacing it in place or adding
 * it at the end of the state; `undefined` removes the field. `field` may also be a path inside the state
 * (e.g. `["Retry", 0, "MaxAttempts"]`). Renaming is {@link renameState}'s job; this does not update references.
 * Pure: returns edits for `text`.
 * @throws EditError if the text is not an editable JSON object or there is no state named `name`.
 * @example setStateField(text, 'Pay', 'Comment', 'Charges the card') // undefined instead removes Comment
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
