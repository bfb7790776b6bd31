import type { DefinitionLike, JsonPath } from '../types.js';
import { allStates } from './doc.js';

/**
 * Where the state called `name` is: its JSON path (`["States","P","Branches",0,"States","B"]`) and its scope's path
 * (`["States","P","Branches",0]`; `[]` for the machine), or undefined if no state has that name. Searches every scope
 * (the machine, Parallel branches, Map `ItemProcessor`/`Iterator`), depth-first in document order. Pure; never throws.
 * @example findState(def, "B")?.path // ["States","P","Branches",0,"States","B"]
 */
export function findState(def: DefinitionLike, name: string): { path: JsonPath; scopePath: JsonPath } | undefined {
  const hit = allStates(def).find((s) => s.name === name);
  return hit ? { path: hit.path, scopePath: hit.scopePath } : undefined;
}
