import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { definitionToGraph } from '../from-asl.js';
import { DOC, NESTED } from '../test/fixtures.js';
import { estimateLayeredSize, layoutGraph, layoutKey, MARKER_SIZE, NETWORK_SIMPLEX_LIMIT, STATE_SIZE } from './layout.js';

const elk = new ELK();

describe('layoutGraph', () => {
  it('lays a chain out top to bottom, centred on one axis', async () => {
    const g = definitionToGraph({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } });
    const { positions: p } = await layoutGraph(g, elk);
    expect(Object.keys(p).sort()).toEqual(['A', 'B', '__end', '__start']);
    expect(p.__start.y).toBeLessThan(p.A.y);
    expect(p.A.y + p.A.height).toBeLessThan(p.B.y);
    expect(p.B.y).toBeLessThan(p.__end.y);
    const centre = (id: string) => p[id].x + p[id].width / 2;
    for (const id of ['A', 'B', '__end']) expect(centre(id)).toBeCloseTo(centre('__start'), 0);
    expect(p.A).toMatchObject(STATE_SIZE);
    expect(p.__start).toMatchObject(MARKER_SIZE);
  });

  it('returns child positions relative to their group, and group sizes that contain them', async () => {
    const g = definitionToGraph(JSON.parse(NESTED));
    const { positions: p } = await layoutGraph(g, elk);
    for (const n of g.nodes) {
      const box = p[n.id];
      expect(box, n.id).toBeDefined();
      if (!n.parentId) continue;
      const parent = p[n.parentId];
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(parent.width + 0.01);
      expect(box.y + box.height).toBeLessThanOrEqual(parent.height + 0.01);
    }
    // The two branches sit side by side inside P.
    const b0 = p['__branch:States/P/Branches/0'];
    const b1 = p['__branch:States/P/Branches/1'];
    expect(b0.x + b0.width <= b1.x || b1.x + b1.width <= b0.x).toBe(true);
  });

  it('orders Parallel branches left to right as in the document, hanging from the top', async () => {
    const branch = (n: number) => {
      const States: Record<string, object> = {};
      for (let i = 0; i < n; i++) States[`S${n}_${i}`] = i < n - 1 ? { Type: 'Pass', Next: `S${n}_${i + 1}` } : { Type: 'Pass', End: true };
      return { StartAt: `S${n}_0`, States };
    };
    const g = definitionToGraph({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [branch(1), branch(5), branch(3), branch(2)], End: true } } });
    const { positions: p } = await layoutGraph(g, elk);
    const boxes = [0, 1, 2, 3].map((i) => p[`__branch:States/P/Branches/${i}`]);
    for (let i = 1; i < 4; i++) expect(boxes[i].x).toBeGreaterThan(boxes[i - 1].x + boxes[i - 1].width - 0.01);
    for (const b of boxes) expect(b.y).toBe(boxes[0].y);
  });

  it('keeps a Next chain with catchers straight', async () => {
    const g = definitionToGraph({
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:x', Next: 'B', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] },
        B: { Type: 'Task', Resource: 'arn:x', Next: 'C', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] },
        C: { Type: 'Task', Resource: 'arn:x', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] },
        F: { Type: 'Fail' },
      },
    });
    const { positions: p } = await layoutGraph(g, elk);
    expect(p.B.x).toBeCloseTo(p.A.x, 0);
    expect(p.C.x).toBeCloseTo(p.A.x, 0);
  });

  it('routes every edge from its source box to its target box, in absolute coordinates', async () => {
    const g = definitionToGraph(JSON.parse(NESTED));
    const { positions, routes } = await layoutGraph(g, elk);
    const parent = new Map(g.nodes.map((n) => [n.id, n.parentId]));
    const abs = (id: string): { x: number; y: number; width: number; height: number } => {
      const b = positions[id];
      const p = parent.get(id);
      if (p === undefined) return b;
      const q = abs(p);
      return { ...b, x: b.x + q.x, y: b.y + q.y };
    };
    const near = (pt: { x: number; y: number }, b: { x: number; y: number; width: number; height: number }) =>
      pt.x >= b.x - 1 && pt.x <= b.x + b.width + 1 && pt.y >= b.y - 1 && pt.y <= b.y + b.height + 1;
    for (const e of g.edges) {
      const r = routes![e.id];
      expect(r?.length, e.id).toBeGreaterThanOrEqual(2);
      expect(near(r[0], abs(e.source)), e.id).toBe(true);
      expect(near(r[r.length - 1], abs(e.target)), e.id).toBe(true);
    }
  });

  it('uses the given sizes', async () => {
    const g = definitionToGraph(JSON.parse(DOC));
    const { positions: p } = await layoutGraph(g, elk, (n) => (n.kind === 'state' ? { width: 300, height: 60 } : { width: 20, height: 20 }));
    expect(p.A).toMatchObject({ width: 300, height: 60 });
    expect(p.__end).toMatchObject({ width: 20, height: 20 });
  });
});

describe('layoutKey', () => {
  const def = JSON.parse(DOC);
  const key = layoutKey(definitionToGraph(def));
  it('ignores field, comment and choice-rule edits', () => {
    const edited = structuredClone(def);
    edited.States.A.Comment = 'new';
    edited.States.A.Resource = 'arn:other';
    edited.States.Check.Choices[0].NumericGreaterThan = 5;
    expect(layoutKey(definitionToGraph(edited))).toBe(key);
  });
  it('changes with a rename, a new state, a new edge or a type change', () => {
    const renamed = JSON.parse(DOC.replaceAll('"Big"', '"Large"'));
    const added = structuredClone(def);
    added.States.Extra = { Type: 'Pass', End: true };
    const rewired = structuredClone(def);
    rewired.States.Big.Next = 'Small';
    const retyped = structuredClone(def);
    retyped.States.Big.Type = 'Wait';
    for (const d of [renamed, added, rewired, retyped]) expect(layoutKey(definitionToGraph(d))).not.toBe(key);
  });
});

describe('estimateLayeredSize', () => {
  const catchy = (n: number) => {
    const States: Record<string, object> = { F: { Type: 'Fail' } };
    for (let i = 0; i < n; i++) {
      States[`S${i}`] = i === n - 1 ? { Type: 'Pass', End: true } : { Type: 'Task', Resource: 'arn:x', Next: `S${i + 1}`, ...(i % 5 === 0 ? { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] } : {}) };
    }
    return { StartAt: 'S0', States };
  };
  it('counts nodes plus the layers long edges cross', () => {
    // chain: no long edges
    const chain = definitionToGraph({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } });
    expect(estimateLayeredSize(chain)).toBe(chain.nodes.length);
    expect(estimateLayeredSize(definitionToGraph(catchy(10)))).toBeGreaterThan(20);
  });
  it('survives cycles and self-loops', () => {
    const g = definitionToGraph({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'A' }, { Variable: '$.x', IsNull: true, Next: 'B' }], Default: 'C' }, C: { Type: 'Succeed' } } });
    expect(Number.isFinite(estimateLayeredSize(g))).toBe(true);
  });
  it('keeps catch-heavy large graphs fast (Brandes–Köpf above the limit)', async () => {
    const g = definitionToGraph(catchy(120));
    expect(estimateLayeredSize(g)).toBeGreaterThan(NETWORK_SIMPLEX_LIMIT);
    const { positions } = await layoutGraph(g, elk);
    expect(Object.keys(positions)).toHaveLength(g.nodes.length);
  });
});
