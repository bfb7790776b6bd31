import { appendState, deleteState, duplicateState, insertStateOnEdge, uniqueStateName, type GraphEdge } from '@asl-studio/graph';
import { forEachState, type JsonPath, type StateMachine } from '@asl-studio/asl';
import { useDocumentStore } from '../../stores/document-store';
import { useViewStore, type XY } from '../../stores/view-store';
import { paletteItem } from '../palette/palette-items';
import { graphOf } from './graph-cache';

function names(def: StateMachine | undefined): Set<string> {
  const out = new Set<string>();
  if (!def) return out;
  try {
    forEachState(def, (n) => out.add(n));
  } catch {
    /* ignore */
  }
  return out;
}

function currentDef(): StateMachine | undefined {
  const s = useDocumentStore.getState();
  s.flushParse();
  return useDocumentStore.getState().lastValidDefinition;
}

function refuseWhileBroken(): boolean {
  const s = useDocumentStore.getState();
  s.flushParse();
  const err = useDocumentStore.getState().syntaxError;
  if (err) {
    s.notify('error', `Fix the JSON error first (line ${err.line}): ${err.message}`);
    return true;
  }
  return false;
}

/**
 * Inserts a palette item: on `edge` if given, else after the selected state (on its outgoing transition),
 * else appended unconnected to `scope` (default the machine; a Parallel branch or a Map processor) at `position`
 * (relative to the scope's group), or as the scope's first state when it is empty.
 * One undoable step; selects the new state. Returns its name.
 */
export function insertPaletteItem(
  itemId: string,
  where: { edge?: GraphEdge; position?: XY; afterSelected?: boolean; scope?: JsonPath } = {},
): string | undefined {
  const item = paletteItem(itemId);
  if (!item || refuseWhileBroken()) return undefined;
  const def = currentDef();
  const name = uniqueStateName(def ?? ({ StartAt: '', States: {} } as StateMachine), item.baseName);
  const state = structuredClone(item.state);
  let edge = where.edge;
  if (!edge && where.afterSelected) {
    const sel = useDocumentStore.getState().selectedState;
    const g = graphOf(def);
    if (sel) {
      edge =
        g.edges.find((e) => e.source === sel && (e.kind === 'next' || e.kind === 'end')) ??
        g.edges.find((e) => e.source === sel && e.kind === 'default');
    } else if (g.edges.length) {
      // Nothing selected: add at the end of the main flow (before the machine's End).
      edge = g.edges.find((e) => e.kind === 'end' && e.target === '__end');
    }
  }
  const ok = useDocumentStore
    .getState()
    .edit((t) => (edge ? insertStateOnEdge(t, edge, name, state) : appendState(t, name, state, where.scope ?? [])));
  if (!ok) return undefined;
  if (where.position && !edge) useViewStore.getState().moveNode(name, where.position);
  useDocumentStore.getState().select(name);
  return name;
}

/** Deletes the selected state (predecessors are re-linked by the graph op). One undoable step. */
export function deleteSelected(): void {
  const s = useDocumentStore.getState();
  const sel = s.selectedState;
  if (!sel || refuseWhileBroken()) return;
  if (s.edit((t) => deleteState(t, sel))) useDocumentStore.getState().select(null);
}

/** Duplicates the selected state and selects the copy. One undoable step. */
export function duplicateSelected(): void {
  const s = useDocumentStore.getState();
  const sel = s.selectedState;
  if (!sel || refuseWhileBroken()) return;
  const before = names(currentDef());
  if (!s.edit((t) => duplicateState(t, sel))) return;
  const after = names(useDocumentStore.getState().lastValidDefinition);
  const added = [...after].find((n) => !before.has(n));
  if (added) {
    const pos = useViewStore.getState().manual[sel];
    if (pos) useViewStore.getState().moveNode(added, { x: pos.x + 40, y: pos.y + 40 });
    useDocumentStore.getState().select(added);
  }
}
