import { isObject, type Obj } from './doc.js';
import { uniqueAmong } from './unique-name.js';

/**
 * Renames every state nested in a Parallel/Map state value (in place), fixing StartAt and the Next/Default/Choices/
 * Catch references inside each nested scope. `rename` is called once per nested state name, depth-first.
 */
export function renameNested(state: Obj, rename: (name: string) => string): void {
  const scopes: Obj[] = [];
  if (Array.isArray(state.Branches)) for (const b of state.Branches) if (isObject(b)) scopes.push(b);
  if (isObject(state.ItemProcessor)) scopes.push(state.ItemProcessor);
  else if (isObject(state.Iterator)) scopes.push(state.Iterator);
  for (const scope of scopes) {
    if (!isObject(scope.States)) continue;
    const map = new Map<string, string>();
    for (const name of Object.keys(scope.States)) map.set(name, rename(name));
    const ref = (v: unknown) => (typeof v === 'string' && map.has(v) ? map.get(v) : v);
    const states: Obj = {};
    for (const [name, st] of Object.entries(scope.States)) {
      if (isObject(st)) {
        if (st.Next !== undefined) st.Next = ref(st.Next);
        if (st.Default !== undefined) st.Default = ref(st.Default);
        for (const list of [st.Choices, st.Catch]) {
          if (Array.isArray(list)) for (const r of list) if (isObject(r) && r.Next !== undefined) r.Next = ref(r.Next);
        }
        renameNested(st, rename);
      }
      states[map.get(name)!] = st;
    }
    scope.States = states;
    if (scope.StartAt !== undefined) scope.StartAt = ref(scope.StartAt);
  }
}

/**
 * A copy of a new state whose nested states (Parallel branches, Map processor) get fresh names where theirs are
 * already taken in the machine (`Pass (1)` → `Pass (1) 2`), since state names are unique machine-wide (spec
 * § "States"); `taken` is updated with every name used.
 */
export function withUniqueNestedNames(state: Obj, taken: Set<string>): Obj {
  const clone = structuredClone(state);
  renameNested(clone, (n) => {
    const fresh = uniqueAmong(taken, n);
    taken.add(fresh);
    return fresh;
  });
  return clone;
}
