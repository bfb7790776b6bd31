import type { TextEdit } from '../types.js';
import { isObject, Session } from './doc.js';

/**
 * Renames a state. Pure: returns edits for `text`, each replacing one string literal, so the state keeps its
 * position and every byte of formatting around it. Every reference in the state's scope follows (names are unique in
 * the machine and transitions never leave their scope, spec § "States"): the scope's `StartAt`, and each state's `Next`,
 * `Default`, Choice rule `Next` and Catcher `Next`. Renaming to the same name returns no edits.
 *
 * @throws EditError if the text is not an editable JSON object, `from` does not exist, or `to` is empty, longer than
 * 80 characters, or already the name of a state.
 * @example applyEdits(text, renameState(text, "Pay", "Charge card"))
 */
export function renameState(text: string, from: string, to: string): TextEdit[] {
  const s = new Session(text);
  const loc = s.locate(from);
  if (to === from) return [];
  s.assertNewName(to);
  const literal = JSON.stringify(to);
  const edits: TextEdit[] = [];
  const replaceAt = (path: (string | number)[]) => {
    const node = s.node(path);
    if (node && node.type === 'string' && node.value === from) edits.push({ offset: node.offset, length: node.length, content: literal });
  };
  const keyNode = s.node(loc.path)?.parent?.children?.[0];
  if (keyNode) edits.push({ offset: keyNode.offset, length: keyNode.length, content: literal });
  replaceAt([...loc.scopePath, 'StartAt']);
  const states = loc.scope.States;
  if (isObject(states)) {
    for (const [name, st] of Object.entries(states)) {
      if (!isObject(st)) continue;
      const sp = [...loc.scopePath, 'States', name];
      replaceAt([...sp, 'Next']);
      replaceAt([...sp, 'Default']);
      if (Array.isArray(st.Choices)) st.Choices.forEach((_, i) => replaceAt([...sp, 'Choices', i, 'Next']));
      if (Array.isArray(st.Catch)) st.Catch.forEach((_, i) => replaceAt([...sp, 'Catch', i, 'Next']));
    }
  }
  return edits.sort((a, b) => a.offset - b.offset);
}
