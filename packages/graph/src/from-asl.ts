import { choiceRuleLabel } from './choice-label.js';
import type { AslGraph, DefinitionLike, EdgeKind, GraphEdge, GraphNode, JsonPath, StateType } from './types.js';

const STATE_TYPES: ReadonlySet<string> = new Set(['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Id of a scope's start marker: `__start` for the machine, `__start:<scope path joined by "/">` for nested scopes. */
export function startMarkerId(scopePath: JsonPath): string {
  return scopePath.length === 0 ? '__start' : `__start:${scopePath.join('/')}`;
}

/** Id of a scope's end marker: `__end` for the machine, `__end:<scope path joined by "/">` for nested scopes. */
export function endMarkerId(scopePath: JsonPath): string {
  return scopePath.length === 0 ? '__end' : `__end:${scopePath.join('/')}`;
}

/**
 * Converts an ASL definition to a graph: one node per state, start/end markers per scope, and an edge per transition.
 * Pure; never throws, whatever object it is given (invalid parts are skipped, see below).
 *
 * - Scopes (spec § "Top-level fields", § "Parallel State", § "Map State"): the machine, each Parallel branch and each
 *   Map `ItemProcessor` (or legacy `Iterator`). Each has a `start` marker (edge to its `StartAt`) and an `end` marker.
 * - A Parallel state is a group node containing one `group` node per branch, which contains the branch's states;
 *   a Map state is a group node containing its processor's states directly.
 * - Edges: `next` (Next), `choice` (each Choice rule, labelled by {@link choiceRuleLabel}), `default` (labelled
 *   "Default"), `catch` (each Catcher, labelled with its ErrorEquals joined by ", "), `end` (End:true, Succeed and Fail
 *   → the scope's end marker). Every edge carries the JSON path of its transition field ({@link GraphEdge.path}).
 * - Robustness: non-object states, branches and processors are skipped; a transition to a name that is not a state
 *   of the same scope (missing target, or a state of another scope) gives no edge — the validator reports it.
 *
 * @example
 * definitionToGraph({ StartAt: "A", States: { A: { Type: "Pass", End: true } } })
 * // nodes: __start, A, __end; edges: start:StartAt (__start→A), end:States/A (A→__end)
 */
export function definitionToGraph(def: DefinitionLike): AslGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const usedNodeIds = new Set<string>();
  const usedEdgeIds = new Set<string>();

  const claim = (used: Set<string>, id: string): string => {
    let out = id;
    for (let n = 2; used.has(out); n++) out = `${id}#${n}`;
    used.add(out);
    return out;
  };

  const addEdge = (kind: EdgeKind, source: string, target: string, path: JsonPath, label?: string): void => {
    const id = claim(usedEdgeIds, `${kind}:${path.join('/')}`);
    const edge: GraphEdge = { id, source, target, kind, path };
    if (label !== undefined) edge.label = label;
    edges.push(edge);
  };

  const walkScope = (scopePath: JsonPath, scope: Record<string, unknown>, parentId: string | undefined, depth: number): void => {
    if (depth > 64) return; // absurd nesting: stop rather than overflow the stack
    const startId = claim(usedNodeIds, startMarkerId(scopePath));
    const start: GraphNode = { id: startId, kind: 'start', label: 'Start', path: scopePath, isGroup: false };
    if (parentId !== undefined) start.parentId = parentId;
    nodes.push(start);

    const states = isObject(scope.States) ? scope.States : {};
    const ids = new Map<string, string>(); // state name → node id, this scope only
    const entries: [string, Record<string, unknown>, JsonPath][] = [];
    for (const [name, state] of Object.entries(states)) {
      if (!isObject(state)) continue;
      const path: JsonPath = [...scopePath, 'States', name];
      const id = claim(usedNodeIds, name);
      ids.set(name, id);
      entries.push([name, state, path]);
      const type = typeof state.Type === 'string' && STATE_TYPES.has(state.Type) ? (state.Type as StateType) : undefined;
      const node: GraphNode = { id, kind: 'state', label: name, path, isGroup: type === 'Parallel' || type === 'Map' };
      if (type) node.stateType = type;
      if (parentId !== undefined) node.parentId = parentId;
      nodes.push(node);
      if (type === 'Parallel' && Array.isArray(state.Branches)) {
        state.Branches.forEach((branch, i) => {
          if (!isObject(branch)) return;
          const branchPath: JsonPath = [...path, 'Branches', i];
          const groupId = claim(usedNodeIds, `__branch:${branchPath.join('/')}`);
          nodes.push({ id: groupId, kind: 'group', label: `Branch ${i + 1}`, parentId: id, path: branchPath, isGroup: true });
          walkScope(branchPath, branch, groupId, depth + 1);
        });
      } else if (type === 'Map') {
        const key = isObject(state.ItemProcessor) ? 'ItemProcessor' : isObject(state.Iterator) ? 'Iterator' : undefined;
        if (key) walkScope([...path, key], state[key] as Record<string, unknown>, id, depth + 1);
      }
    }

    const endId = claim(usedNodeIds, endMarkerId(scopePath));
    const end: GraphNode = { id: endId, kind: 'end', label: 'End', path: scopePath, isGroup: false };
    if (parentId !== undefined) end.parentId = parentId;
    nodes.push(end);

    const target = (name: unknown): string | undefined => (typeof name === 'string' ? ids.get(name) : undefined);

    const startTarget = target(scope.StartAt);
    if (startTarget !== undefined) addEdge('start', startId, startTarget, [...scopePath, 'StartAt']);

    for (const [name, state, path] of entries) {
      const id = ids.get(name)!;
      if (state.Type === 'Choice') {
        if (Array.isArray(state.Choices)) {
          state.Choices.forEach((rule, i) => {
            const t = isObject(rule) ? target(rule.Next) : undefined;
            if (t !== undefined) addEdge('choice', id, t, [...path, 'Choices', i, 'Next'], choiceRuleLabel(rule, i));
          });
        }
        const d = target(state.Default);
        if (d !== undefined) addEdge('default', id, d, [...path, 'Default'], 'Default');
      } else if (state.Type === 'Succeed' || state.Type === 'Fail') {
        addEdge('end', id, endId, path);
      } else {
        const t = target(state.Next);
        if (t !== undefined) addEdge('next', id, t, [...path, 'Next']);
        else if (state.End === true) addEdge('end', id, endId, path);
      }
      if (Array.isArray(state.Catch)) {
        state.Catch.forEach((catcher, i) => {
          if (!isObject(catcher)) return;
          const t = target(catcher.Next);
          if (t === undefined) return;
          const errors = Array.isArray(catcher.ErrorEquals)
            ? catcher.ErrorEquals.filter((e) => typeof e === 'string').join(', ')
            : '';
          addEdge('catch', id, t, [...path, 'Catch', i, 'Next'], errors || `Catch ${i + 1}`);
        });
      }
    }
  };

  if (isObject(def)) walkScope([], def, undefined, 0);
  return { nodes, edges };
}
