import { definitionToGraph, type AslGraph } from '@asl-studio/graph';
import type { StateMachine } from '@asl-studio/asl';

const cache = new WeakMap<object, AslGraph>();
const EMPTY: AslGraph = { nodes: [], edges: [] };

/** The graph of a definition, memoised per definition object (definitions are immutable snapshots). Never throws. */
export function graphOf(def: StateMachine | undefined): AslGraph {
  if (!def || typeof def !== 'object') return EMPTY;
  let g = cache.get(def);
  if (!g) {
    try {
      g = definitionToGraph(def);
    } catch {
      g = EMPTY;
    }
    cache.set(def, g);
  }
  return g;
}

/**
 * The state name a diagnostic belongs to: the deepest `States/<name>` in its JSON path, or undefined for
 * workflow-level diagnostics. Pure.
 */
export function stateOfPath(path: readonly (string | number)[] | undefined): string | undefined {
  if (!path) return undefined;
  let name: string | undefined;
  for (let i = 0; i + 1 < path.length; i++) {
    const next = path[i + 1];
    if (path[i] === 'States' && typeof next === 'string') name = next;
  }
  return name;
}

/** The value at a JSON path in a plain object, or undefined. Pure. */
export function valueAtPath(root: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}
