import type { TextEdit } from '../types.js';
import { EditError, Session } from './doc.js';

/**
 * Sets one field of a group of mutually exclusive state fields and removes the others, e.g. `Next` vs `End`
 * (states-language.net/spec.html#transition), Wait's `Seconds` / `Timestamp` / `SecondsPath` / `TimestampPath`
 * (spec "Wait State": exactly one), Fail's `Error` vs `ErrorPath`. When `field` is absent but another member is
 * present, `field` takes that member's place (same position and spacing: `"End": true` becomes `"Next": "B"`);
 * otherwise the value is set in place or added at the end. `value` undefined removes every member. Pure.
 * @throws EditError if the text is not an editable JSON object or there is no state named `name`.
 * @example setExclusiveStateField(text, 'A', 'End', true, ['Next'])
 * @example setExclusiveStateField(text, 'W', 'Timestamp', '2026-01-01T00:00:00Z', ['Seconds', 'SecondsPath', 'TimestampPath'])
 */
export function setExclusiveStateField(text: string, name: string, field: string, value: unknown, others: readonly string[]): TextEdit[] {
  if (typeof field !== 'string' || !field) throw new EditError('setExclusiveStateField needs a field name.');
  const s = new Session(text);
  const path = s.locate(name).path;
  const rivals = others.filter((o) => o !== field);
  if (value === undefined) {
    for (const key of [field, ...rivals]) if (s.node([...path, key])) s.set([...path, key], undefined);
    return s.result();
  }
  if (!s.node([...path, field])) {
    const present = rivals.find((o) => s.node([...path, o]));
    if (present) {
      const keyNode = s.node([...path, present])?.parent?.children?.[0];
      if (keyNode) s.apply([{ offset: keyNode.offset, length: keyNode.length, content: JSON.stringify(field) }]);
    }
  }
  s.set([...path, field], value);
  for (const key of rivals) if (s.node([...path, key])) s.set([...path, key], undefined);
  return s.result();
}
