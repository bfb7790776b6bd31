import type { JsonPath, TextEdit } from '../types.js';
import { isObject, Session, type Obj } from './doc.js';

/** The state a deleted state hands its predecessors to: its Next (Choice: Default, else its first rule's Next). */
function successorOf(state: Obj, self: string, names: Set<string>): string | undefined {
  let next: unknown;
  if (state.Type === 'Choice') {
    next = state.Default;
    if (typeof next !== 'string' && Array.isArray(state.Choices)) {
      next = state.Choices.find((r) => isObject(r) && typeof r.Next === 'string')?.Next;
    }
  } else if (state.Type !== 'Succeed' && state.Type !== 'Fail') {
    next = state.Next;
  }
  return typeof next === 'string' && next !== self && names.has(next) ? next : undefined;
}

/**
 * Deletes a state (with everything nested in it, for Parallel/Map) and reconnects its predecessors in the same scope
 * (spec: transitions never leave their scope). Pure: returns edits for `text`.
 *
 * Predecessors — `StartAt`, `Next`, `Default`, Choice rule `Next`, Catcher `Next` — now point to the deleted state's
 * successor: its `Next` (for a Choice: its `Default`, else its first rule's target). When it has none (End:true,
 * Succeed, Fail, or a Choice without targets), the definition is kept valid where it can be (AWS documents no
 * behaviour for this case; the ASL checklist marks Workflow Studio's delete as unverified):
 * - a `Next` becomes `"End": true` (in place);
 * - a Choice `Default` is removed (no match then fails with States.NoChoiceMatched);
 * - a Catcher is removed (the `Catch` field too if it becomes empty);
 * - a Choice rule is removed, except the last remaining one, which keeps its condition but loses its `Next`
 *   (the validator then reports the missing Next, as Workflow Studio shows an empty branch);
 * - `StartAt` moves to the first remaining state of the scope (or `""` if the scope becomes empty).
 *
 * @throws EditError if the text is not an editable JSON object or there is no state named `name`.
 * @example applyEdits(text, deleteState(text, 'Log')) // A → Log → B becomes A → B
 */
export function deleteState(text: string, name: string): TextEdit[] {
  const s = new Session(text);
  const loc = s.locate(name);
  const states = loc.scope.States as Obj;
  const names = new Set(Object.keys(states).filter((n) => isObject(states[n])));
  const succ = successorOf(loc.state, name, names);

  // Collect reference fixes first (paths stay valid while we only replace values), removals last, deepest index first.
  type Fix = { kind: 'set'; path: JsonPath; value: string } | { kind: 'end'; statePath: JsonPath } | { kind: 'remove'; path: JsonPath };
  const fixes: Fix[] = [];
  for (const [other, st] of Object.entries(states)) {
    if (other === name || !isObject(st)) continue;
    const sp = [...loc.scopePath, 'States', other];
    if (st.Next === name && st.Type !== 'Choice') {
      fixes.push(succ !== undefined ? { kind: 'set', path: [...sp, 'Next'], value: succ } : { kind: 'end', statePath: sp });
    }
    if (st.Type === 'Choice') {
      if (st.Default === name) {
        fixes.push(succ !== undefined ? { kind: 'set', path: [...sp, 'Default'], value: succ } : { kind: 'remove', path: [...sp, 'Default'] });
      }
      if (Array.isArray(st.Choices)) {
        const hit = st.Choices.map((r, i) => (isObject(r) && r.Next === name ? i : -1)).filter((i) => i >= 0);
        const removeAll = hit.length === st.Choices.length;
        for (const i of hit.reverse()) {
          if (succ !== undefined) fixes.push({ kind: 'set', path: [...sp, 'Choices', i, 'Next'], value: succ });
          else if (removeAll && i === 0) fixes.push({ kind: 'remove', path: [...sp, 'Choices', i, 'Next'] });
          else fixes.push({ kind: 'remove', path: [...sp, 'Choices', i] });
        }
      }
    }
    if (Array.isArray(st.Catch)) {
      const hit = st.Catch.map((c, i) => (isObject(c) && c.Next === name ? i : -1)).filter((i) => i >= 0);
      if (succ === undefined && hit.length === st.Catch.length) fixes.push({ kind: 'remove', path: [...sp, 'Catch'] });
      else {
        for (const i of hit.reverse()) {
          fixes.push(succ !== undefined ? { kind: 'set', path: [...sp, 'Catch', i, 'Next'], value: succ } : { kind: 'remove', path: [...sp, 'Catch', i] });
        }
      }
    }
  }
  for (const fix of fixes) {
    if (fix.kind === 'set') s.set(fix.path, fix.value);
    else if (fix.kind === 'remove') s.set(fix.path, undefined);
    else if (s.node([...fix.statePath, 'Next'])) s.replaceProperty(fix.statePath, 'Next', 'End', true);
  }
  if (loc.scope.StartAt === name) {
    const first = [...names].find((n) => n !== name);
    s.set([...loc.scopePath, 'StartAt'], succ ?? first ?? '');
  }
  s.set(loc.path, undefined);
  return s.result();
}
