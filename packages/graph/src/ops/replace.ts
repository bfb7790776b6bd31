import type { TextEdit } from '../types.js';
import { EditError, isObject, Session } from './doc.js';

/**
 * Replaces a state's whole value (same name, same position), formatted like the document. References to it are
 * unchanged. Pure: returns edits for `text`.
 * @throws EditError if the text is not an editable JSON object, there is no state named `name`, or `state` is not an object.
 * @example replaceState(text, 'Pay', { Type: 'Pass', Next: 'Ship' })
 */
export function replaceState(text: string, name: string, state: object): TextEdit[] {
  const s = new Session(text);
  const loc = s.locate(name);
  if (!isObject(state)) throw new EditError('A state must be a JSON object.');
  s.set(loc.path, state);
  return s.result();
}
