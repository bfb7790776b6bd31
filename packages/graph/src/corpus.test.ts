/**
 * Every real AWS definition of ../shared/corpus/defs (beside the repository): graph invariants, elk layout, and a
 * rename + delete + insert round trip. Skipped, with a note, when the corpus is absent.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { definitionToGraph } from './from-asl.js';
import { layoutGraph } from './layout/layout.js';
import { deleteState } from './ops/delete.js';
import { insertStateOnEdge } from './ops/insert-on-edge.js';
import { applyEdits } from './ops/apply.js';
import { renameState } from './ops/rename.js';

const dir = fileURLToPath(new URL('../../../../shared/corpus/defs/', import.meta.url));
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
if (files.length === 0) console.warn(`corpus.test: no corpus at ${dir}; skipping the corpus tests`);

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** States counted independently of the code under test: every object under a States map, recursively. */
function countStates(scope: unknown): number {
  if (!isObj(scope) || !isObj(scope.States)) return 0;
  let n = 0;
  for (const st of Object.values(scope.States)) {
    if (!isObj(st)) continue;
    n++;
    if (st.Type === 'Parallel' && Array.isArray(st.Branches)) for (const b of st.Branches) n += countStates(b);
    if (st.Type === 'Map') n += countStates(isObj(st.ItemProcessor) ? st.ItemProcessor : st.Iterator);
  }
  return n;
}

function checkGraph(def: unknown) {
  const g = definitionToGraph(def as object);
  expect(g.nodes.filter((n) => n.kind === 'state')).toHaveLength(countStates(def));
  const ids = new Set(g.nodes.map((n) => n.id));
  expect(ids.size).toBe(g.nodes.length);
  const parent = new Map(g.nodes.map((n) => [n.id, n.parentId]));
  for (const e of g.edges) {
    expect(ids.has(e.source) && ids.has(e.target), e.id).toBe(true);
    expect(parent.get(e.source), e.id).toBe(parent.get(e.target));
  }
  return g;
}

const elk = new ELK();

describe.skipIf(files.length === 0)('corpus', () => {
  it.each(files)('%s: graph, layout, edits', async (file) => {
    const text = readFileSync(dir + file, 'utf8');
    const def = JSON.parse(text);
    const g = checkGraph(def);

    const { positions } = await layoutGraph(g, elk);
    for (const n of g.nodes) {
      const box = positions[n.id];
      expect(box, n.id).toBeDefined();
      for (const v of [box.x, box.y, box.width, box.height]) expect(Number.isFinite(v), n.id).toBe(true);
    }

    // Edits round trip on the file's own formatting.
    const start = def.StartAt as string;
    if (typeof start !== 'string' || !isObj(def.States?.[start])) return;
    const renamed = applyEdits(text, renameState(text, start, `${start} renamed`));
    expect(JSON.parse(renamed).StartAt).toBe(`${start} renamed`);
    checkGraph(JSON.parse(renamed));
    const startEdge = definitionToGraph(JSON.parse(renamed)).edges.find((e) => e.kind === 'start' && e.source === '__start')!;
    const inserted = applyEdits(renamed, insertStateOnEdge(renamed, startEdge, '__inserted', { Type: 'Pass' }));
    expect(JSON.parse(inserted).States.__inserted.Next).toBe(`${start} renamed`);
    const deleted = applyEdits(inserted, deleteState(inserted, '__inserted'));
    expect(JSON.parse(deleted)).toEqual(JSON.parse(renamed));
    expect(deleted).toBe(renamed);
  });
});
