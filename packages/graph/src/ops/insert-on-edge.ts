import type { GraphEdge, JsonPath, TextEdit } from '../types.js';
import { allStates, EditError, isObject, Session, type Obj } from './doc.js';
import { withUniqueNestedNames } from './nested-names.js';

/** Splits an edge's transition path into the path of its source state (if any) and of its scope. */
export function edgeLocation(edge: Pick<GraphEdge, 'kind' | 'path'>): { statePath?: JsonPath; scopePath: JsonPath } {
  const p = edge.path;
  if (!Array.isArray(p)) throw new EditError('This edge has no document path; it cannot be edited.');
  const cut = (n: number): JsonPath => {
    if (p.length < n + 2) throw new EditError(`Unexpected ${edge.kind} edge path ${JSON.stringify(p)}.`);
    return p.slice(0, p.length - n);
  };
  switch (edge.kind) {
    case 'start':
      if (p[p.length - 1] !== 'StartAt') throw new EditError(`Unexpected start edge path ${JSON.stringify(p)}.`);
      return { scopePath: p.slice(0, -1) };
    case 'next':
    case 'default': {
      const statePath = cut(1);
      return { statePath, scopePath: statePath.slice(0, -2) };
    }
    case 'choice':
    case 'catch': {
      const statePath = cut(3);
      return { statePath, scopePath: statePath.slice(0, -2) };
    }
    case 'end':
      return { statePath: cut(0), scopePath: p.slice(0, -2) };
    default:
      throw new EditError(`Unknown edge kind ${String((edge as GraphEdge).kind)}.`);
  }
}

/** The new state with its transition set to `target` (a state name) or End:true (`undefined`). */
export function withTransition(state: object, target: string | undefined): Obj {
  if (!isObject(state)) throw new EditError('A state must be a JSON object.');
  const out: Obj = { ...state };
  if (out.Type === 'Succeed' || out.Type === 'Fail') {
    delete out.Next;
    delete out.End;
  } else if (out.Type === 'Choice') {
    delete out.Next;
    delete out.End;
    if (target !== undefined && out.Default === undefined) out.Default = target;
  } else {
    delete out.Next;
    delete out.End;
    if (target !== undefined) out.Next = target;
    else out.End = true;
  }
  return out;
}

/**
 * Inserts a new state on an edge of {@link definitionToGraph}'s graph (AWS Workflow Studio's "drop a state between
 * two states"). Pure: returns edits for `text`.
 *
 * - The new state takes the edge's target as its `Next` (or `End: true` if the edge went to an end marker; a Choice
 *   gets it as `Default`; Succeed/Fail get no transition).
 * - The edge's source field now names the new state: `StartAt` for a start edge, the `Next` / Choice rule `Next` /
 *   `Default` / Catcher `Next` at `edge.path`, and for an end edge the source's `"End": true` becomes
 *   `"Next": name` in place.
 * - The state is added to the States of the edge's scope (machine, branch or Map processor), right after the
 *   source state (first, for a start edge); its other fields are kept in the given order. States nested in it
 *   (a Parallel's branches, a Map's processor) whose names are taken get fresh ones (`Pass (1)` → `Pass (1) 2`).
 *
 * The target is read from the document at `edge.path`, so a stale edge still inserts where its path points.
 *
 * @throws EditError if the text is not an editable JSON object, `name` is empty/too long/already used, the edge's path
 * no longer exists, or the edge leaves a Succeed/Fail state (they cannot have a Next).
 * @example
 * const edge = definitionToGraph(JSON.parse(text)).edges.find((e) => e.id === 'next:States/A/Next')!;
 * text = applyEdits(text, insertStateOnEdge(text, edge, 'Log', { Type: 'Pass' })); // A → Log → (A's old Next)
 */
export function insertStateOnEdge(text: string, edge: GraphEdge, name: string, state: object): TextEdit[] {
  const s = new Session(text);
  s.assertNewName(name);
  const { statePath, scopePath } = edgeLocation(edge);
  const scope = s.node(scopePath);
  if (!scope || scope.type !== 'object') throw new EditError('The edge belongs to a scope that no longer exists.');

  let target: string | undefined;
  let sourceName: string | undefined;
  if (edge.kind === 'end') {
    const srcValue = valueAt(s.def, statePath!);
    if (!isObject(srcValue)) throw new EditError('The edge starts at a state that no longer exists.');
    if (srcValue.Type === 'Succeed' || srcValue.Type === 'Fail') {
      throw new EditError(`A ${srcValue.Type} state ends the flow: nothing can be inserted after it.`);
    }
    target = undefined;
    sourceName = String(statePath![statePath!.length - 1]);
  } else {
    const v = valueAt(s.def, edge.path!);
    if (typeof v !== 'string') throw new EditError(`The edge no longer exists (nothing at ${edge.path!.join('.')}).`);
    target = v;
    if (statePath) sourceName = String(statePath[statePath.length - 1]);
  }

  // 1. Point the source at the new state.
  if (edge.kind === 'end') {
    const end = s.node([...statePath!, 'End']);
    if (end) s.replaceProperty(statePath!, 'End', 'Next', name);
    else s.set([...statePath!, 'Next'], name);
  } else {
    s.set(edge.path!, name);
  }
  // 2. Add the state to the scope's States, after its source.
  const taken = new Set([...allStates(s.def).map((x) => x.name), name]);
  const newState = withUniqueNestedNames(withTransition(state, target), taken);
  const statesPath = [...scopePath, 'States'];
  s.set([...statesPath, name], newState, (keys) => {
    if (sourceName === undefined) return 0;
    const i = keys.indexOf(sourceName);
    return i < 0 ? keys.length : i + 1;
  });
  return s.result();
}

/** The plain value at a path, or undefined. */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}
