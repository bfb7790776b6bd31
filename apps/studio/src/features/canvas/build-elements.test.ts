import { describe, expect, it } from 'vitest';
import { definitionToGraph } from '@asl-studio/graph';
import type { StateMachine } from '@asl-studio/asl';
import { buildEdges, buildNodes, CARD } from './build-elements';

const def = {
  StartAt: 'A',
  States: {
    A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'B', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] },
    B: { Type: 'Pass', End: true },
    F: { Type: 'Fail' },
  },
} as unknown as StateMachine;

describe('buildNodes', () => {
  const graph = definitionToGraph(def);
  it('uses manual positions over the layout and labels Tasks by service', () => {
    const layout = { A: { x: 10, y: 20, width: 200, height: 48 }, B: { x: 10, y: 100, width: 200, height: 48 } };
    const nodes = buildNodes({ graph, def, layout, manual: { B: { x: 300, y: 300 } }, diag: new Map(), selected: 'A' });
    const a = nodes.find((n) => n.id === 'A')!;
    expect(a.position).toEqual({ x: 10, y: 20 });
    expect(a.selected).toBe(true);
    expect(a.data.subtitle).toBe('Lambda: Invoke');
    expect(a.domAttributes).toMatchObject({ 'data-state-type': 'Task' });
    expect(nodes.find((n) => n.id === 'B')!.position).toEqual({ x: 300, y: 300 });
  });

  it('places a node without a layout next to a placed predecessor', () => {
    const layout = { A: { x: 10, y: 20, width: 200, height: 48 } };
    const nodes = buildNodes({ graph, def, layout, manual: {}, diag: new Map(), selected: null });
    expect(nodes.find((n) => n.id === 'B')!.position).toEqual({ x: 10, y: 20 + CARD.height + 40 });
  });
});

describe('buildEdges', () => {
  it('draws Catch edges from the side handle, labelled, and marks the drop target', () => {
    const graph = definitionToGraph(def);
    const catchEdge = graph.edges.find((e) => e.kind === 'catch')!;
    const edges = buildEdges(graph, catchEdge.id);
    const e = edges.find((x) => x.id === catchEdge.id)!;
    expect(e.sourceHandle).toBe('catch');
    expect(e.data).toMatchObject({ kind: 'catch', label: 'States.ALL', dropTarget: true });
  });
});
