import { MarkerType } from '@xyflow/react';
import type { AslGraph, GraphNode } from '@asl-studio/graph';
import type { Diagnostic, StateMachine } from '@asl-studio/asl';
import type { NodeBox, XY } from '../../stores/view-store';
import { stateSubtitle } from './labels';
import type { AslEdge } from './edges';
import type { AslNode, NodeDiagnostics } from './nodes';
import { stateOfPath, valueAtPath } from './graph-cache';

/** Size of a state card in px. */
export const CARD = { width: 200, height: 48 };
/** Size of a start/end marker in px (a small circle). */
export const MARKER = { width: 22, height: 22 };
/** Minimum size of an empty group. */
export const EMPTY_GROUP = { width: 220, height: 96 };

/** Node sizes handed to elk (the CSS draws cards and markers at exactly these sizes). */
export function nodeSize(n: GraphNode): { width: number; height: number } {
  if (n.isGroup) return EMPTY_GROUP;
  if (n.kind === 'start' || n.kind === 'end') return MARKER;
  return CARD;
}

/** Per-state diagnostics summary (deepest state in each diagnostic's path). Pure. */
export function diagnosticsByState(diagnostics: readonly Diagnostic[]): Map<string, NodeDiagnostics> {
  const out = new Map<string, NodeDiagnostics & { rank: number }>();
  for (const d of diagnostics) {
    if (d.severity === 'info') continue;
    const name = stateOfPath(d.path);
    if (!name) continue;
    const cur = out.get(name) ?? { errors: 0, warnings: 0, range: d.range, title: '', rank: 3 };
    const rank = d.severity === 'error' ? 0 : 1;
    if (d.severity === 'error') cur.errors++;
    else cur.warnings++;
    if (rank < cur.rank) {
      cur.rank = rank;
      cur.range = d.range;
    }
    cur.title += `${cur.title ? '\n' : ''}${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.message}`;
    out.set(name, cur);
  }
  return out;
}

/** Inputs of {@link buildNodes}. */
export interface BuildInput {
  graph: AslGraph;
  def: StateMachine | undefined;
  layout: Record<string, NodeBox>;
  manual: Record<string, XY>;
  diag: Map<string, NodeDiagnostics>;
  selected: string | null;
  /** Where to put a new top-level node that has no neighbour with a position yet (e.g. the visible centre). */
  anchor?: XY;
}

/**
 * React Flow nodes for the graph: positions from manual drags, else the elk layout, else a fallback to the
 * right of the drawing (new nodes while a layout is pending). Pure.
 */
export function buildNodes({ graph, def, layout, manual, diag, selected, anchor }: BuildInput): AslNode[] {
  let maxX = 0;
  for (const box of Object.values(layout)) maxX = Math.max(maxX, box.x + box.width);
  const placed = new Map<string, XY>();
  const known = (id: string): XY | undefined => placed.get(id) ?? manual[id] ?? layout[id];
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  // A node without a layout yet (just typed or dropped, elk still running) goes next to a placed neighbour, so the
  // canvas shows it at once; elk then moves it to its place.
  const provisional = (g: GraphNode, pending: number): XY => {
    for (const e of graph.edges) {
      if (e.target === g.id && parentOf.get(e.source) === g.parentId) {
        const p = known(e.source);
        if (p) return { x: p.x, y: p.y + CARD.height + 40 };
      }
    }
    for (const e of graph.edges) {
      if (e.source === g.id && !e.target.startsWith('__end') && parentOf.get(e.target) === g.parentId) {
        const p = known(e.target);
        if (p) return { x: p.x + CARD.width + 40, y: p.y };
      }
    }
    if (g.parentId) return { x: 16, y: 40 + 70 * pending };
    if (anchor) return { x: anchor.x - CARD.width / 2, y: anchor.y - CARD.height / 2 + 70 * pending };
    return { x: maxX + 60, y: 40 + 70 * pending };
  };
  let pending = 0;
  const nodes: AslNode[] = [];
  for (const g of graph.nodes) {
    const box = layout[g.id];
    const size = box && g.isGroup ? { width: box.width, height: box.height } : nodeSize(g);
    const pos = manual[g.id] ?? (box ? { x: box.x, y: box.y } : provisional(g, pending++));
    placed.set(g.id, pos);
    const isMarker = g.kind === 'start' || g.kind === 'end';
    const type = isMarker ? 'marker' : g.isGroup ? 'group' : 'state';
    const stateObj = g.kind === 'state' ? (valueAtPath(def, g.path) as Record<string, unknown> | undefined) : undefined;
    const node: AslNode = {
      id: g.id,
      type,
      position: pos,
      width: size.width,
      height: size.height,
      data: {
        label: g.label,
        stateType: g.stateType,
        subtitle: g.kind === 'state' ? stateSubtitle(stateObj, g.stateType) : undefined,
        diag: g.kind === 'state' ? diag.get(g.id) : undefined,
        isBranch: g.kind === 'group',
      },
      selectable: g.kind === 'state',
      draggable: true,
      selected: g.kind === 'state' && g.id === selected,
      ...(g.parentId ? { parentId: g.parentId } : {}),
      ...(g.kind === 'state' ? { domAttributes: { 'data-state-type': g.stateType ?? 'Unknown' } as Record<string, string> } : {}),
      ...(g.kind === 'state' ? { ariaLabel: `${g.label} (${g.stateType ?? 'state'})` } : {}),
    };
    nodes.push(node);
  }
  return nodes;
}

/** React Flow edges for the graph; `dropEdgeId` is highlighted as the palette drop target. Pure. */
export function buildEdges(graph: AslGraph, dropEdgeId: string | null): AslEdge[] {
  return graph.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    type: 'transition',
    ...(e.kind === 'catch' ? { sourceHandle: 'catch' } : {}),
    selectable: false,
    data: { kind: e.kind, label: e.label, dropTarget: e.id === dropEdgeId },
    markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: e.kind === 'catch' ? '#d13212' : '#687078' },
    ariaLabel: `${e.kind} transition from ${e.source} to ${e.target}${e.label ? `: ${e.label}` : ''}`,
  }));
}
