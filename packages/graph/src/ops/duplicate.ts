import type { TextEdit } from '../types.js';
import { allStates, Session } from './doc.js';
import { renameNested } from './nested-names.js';

/** First free name among `base (copy)`, `base (copy 2)`, `base (copy 3)`, …. */
function copyName(taken: Set<string>, base: string): string {
  let candidate = `${base} (copy)`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base} (copy ${n})`;
  taken.add(candidate);
  return candidate;
}

/**
 * Duplicates a state and inserts the copy right after the original in the flow (Workflow Studio's canvas duplicate is
 * undocumented, see the ASL checklist; this is the canvas-friendly choice, since an unconnected copy would float):
 * the copy is named `X (copy)` (then `X (copy 2)`, …), placed right after the original in its scope's States, and
 * takes the original's transition (its Next, or End:true); the original now goes to the copy (`Next`, or its
 * `"End": true` becomes `"Next": copy` in place). A Choice, Succeed or Fail original has no single Next: its copy is
 * added unconnected. States nested in a copied Parallel/Map are renamed the same way (names are unique machine-wide).
 * Pure: returns edits for `text`.
 *
 * @throws EditError if the text is not an editable JSON object or there is no state named `name`.
 * @example applyEdits(text, duplicateState(text, 'Pay')) // Pay → "Pay (copy)" → (Pay's old Next)
 */
export function duplicateState(text: string, name: string): TextEdit[] {
  const s = new Session(text);
  const loc = s.locate(name);
  const taken = new Set(allStates(s.def).map((x) => x.name));
  const copy = copyName(taken, name);
  const clone = structuredClone(loc.state);
  renameNested(clone, (n) => copyName(taken, n));
  const linear = clone.Type !== 'Choice' && clone.Type !== 'Succeed' && clone.Type !== 'Fail';
  s.set([...loc.scopePath, 'States', copy], clone, (keys) => {
    const i = keys.indexOf(name);
    return i < 0 ? keys.length : i + 1;
  });
  if (linear) {
    if (typeof loc.state.Next === 'string') s.set([...loc.path, 'Next'], copy);
    else if (loc.state.End === true) s.replaceProperty(loc.path, 'End', 'Next', copy);
  }
  return s.result();
}
