import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { definitionToGraph } from '../from-asl.js';
import { DOC, NESTED } from '../test/fixtures.js';
import { layoutGraph, layoutKey, MARKER_SIZE, STATE_SIZE } from './layout.js';

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
