import type { DefinitionLike } from '../types.js';
import { allStates } from './doc.js';

/**
 * `base` if no state of the machine (any scope) has that name, else the first free `base 2`, `base 3`, ….
 * Pure; accepts any value (a non-object has no states).
 * @example uniqueStateName(def, "Pass") // "Pass", or "Pass 2" if "Pass" exists
 */
export function uniqueStateName(def: DefinitionLike, base: string): string {
  const taken = new Set(allStates(def).map((s) => s.name));
  return uniqueAmong(taken, base);
}

/** {@link uniqueStateName} over a set of taken names. */
export function uniqueAmong(taken: Set<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} ${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
