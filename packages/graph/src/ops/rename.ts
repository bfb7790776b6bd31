import type { TextEdit } from '../types.js';
import type { Node as JsonNode } from 'jsonc-parser';
import { Session } from './doc.js';

/** The value node of property `key` of an object node (the last one if repeated, as JSON.parse keeps). */
function prop(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object') return undefined;
  let found: JsonNode | undefined;
  for (const p of node.children ?? []) if (p.children?.[0]?.value === key) found = p.children[1];
  return found;
}

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
  const fix = (node: JsonNode | undefined) => {
    if (node && node.type === 'string' && node.value === from) edits.push({ offset: node.offset, length: node.length, content: literal });
  };
  const keyNode = s.node(loc.path)?.parent?.children?.[0];
  if (keyNode) edits.push({ offset: keyNode.offset, length: keyNode.length, content: literal });
  const scopeNode = s.node(loc.scopePath);
  fix(prop(scopeNode, 'StartAt'));
  // Walk the scope's States node directly (one pass; path lookups per state would be quadratic).
  for (const stateProp of prop(scopeNode, 'States')?.children ?? []) {
    const st = stateProp.children?.[1];
    if (!st || st.type !== 'object') continue;
    fix(prop(st, 'Next'));
    fix(prop(st, 'Default'));
    for (const list of [prop(st, 'Choices'), prop(st, 'Catch')]) {
      if (list?.type === 'array') for (const item of list.children ?? []) fix(prop(item, 'Next'));
    }
  }
  return edits.sort((a, b) => a.offset - b.offset);
}
