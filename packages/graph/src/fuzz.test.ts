/** Property tests: definitionToGraph never throws on anything, and edits keep documents parseable and consistent. */
import ELK from 'elkjs/lib/elk.bundled.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definitionToGraph } from './from-asl.js';
import { layoutGraph } from './layout/layout.js';
import { deleteState } from './ops/delete.js';
import { allStates, EditError } from './ops/doc.js';
import { duplicateState } from './ops/duplicate.js';
import { insertStateOnEdge } from './ops/insert-on-edge.js';
import { applyEdits } from './ops/apply.js';
import { renameState } from './ops/rename.js';
import { definition } from './test/arbitraries.js';

function checkGraph(def: unknown) {
  const g = definitionToGraph(def as object);
  const ids = new Set(g.nodes.map((n) => n.id));
  expect(ids.size).toBe(g.nodes.length);
  const parent = new Map(g.nodes.map((n) => [n.id, n.parentId]));
  const seen = new Set<string>();
  for (const n of g.nodes) {
    if (n.parentId !== undefined) expect(seen.has(n.parentId)).toBe(true); // parents first
    seen.add(n.id);
  }
  const edgeIds = new Set(g.edges.map((e) => e.id));
  expect(edgeIds.size).toBe(g.edges.length);
  for (const e of g.edges) {
    expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    expect(parent.get(e.source)).toBe(parent.get(e.target));
  }
  return g;
}

const formats = fc.constantFrom<[string | number, boolean]>([2, false], [4, false], ['\t', false], [2, true], [0, false]);
const render = (def: unknown, [indent, crlf]: [string | number, boolean]) => {
  const t = JSON.stringify(def, null, indent);
  return crlf ? t.replace(/\n/g, '\r\n') : t;
};

/** Runs an edit; EditError is an allowed outcome (e.g. a Fail source), anything else must give valid JSON. */
function attempt(text: string, edit: () => ReturnType<typeof deleteState>): { text: string; json: any } | undefined {
  let edits;
  try {
    edits = edit();
  } catch (e) {
    if (e instanceof EditError) return undefined;
    throw e;
  }
  const out = applyEdits(text, edits);
  return { text: out, json: JSON.parse(out) };
}

describe('fuzz', () => {
  it('definitionToGraph never throws on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => void checkGraph(v)), { numRuns: 300 });
  });

  it('definitionToGraph keeps its invariants on ASL-like definitions', () => {
    fc.assert(fc.property(definition, (d) => void checkGraph(d)), { numRuns: 300 });
  });

  it('elk lays out any ASL-like definition (no elk crash on odd nesting, cycles, self-loops, empty groups)', async () => {
    const elk = new ELK();
    await fc.assert(
      fc.asyncProperty(definition, async (d) => {
        const g = definitionToGraph(d);
        const { positions } = await layoutGraph(g, elk);
        for (const n of g.nodes) expect(Number.isFinite(positions[n.id]?.x) && Number.isFinite(positions[n.id]?.y)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('edits keep the document valid JSON with consistent graphs', () => {
    fc.assert(
      fc.property(definition, formats, fc.nat(), (def, fmt, pick) => {
        const text = render(def, fmt);
        const states = allStates(JSON.parse(text));
        if (states.length === 0) return;
        const target = states[pick % states.length];
        const unique = states.filter((s) => s.name === target.name).length === 1;

        const del = attempt(text, () => deleteState(text, target.name));
        expect(del).toBeDefined();
        checkGraph(del!.json);
        if (unique) expect(allStates(del!.json).some((s) => s.name === target.name)).toBe(false);

        const ren = attempt(text, () => renameState(text, target.name, 'Renamed!'));
        expect(ren).toBeDefined();
        expect(allStates(ren!.json).map((s) => s.name)).toContain('Renamed!');
        expect(definitionToGraph(ren!.json).edges.length).toBe(definitionToGraph(JSON.parse(text)).edges.length);

        const dup = attempt(text, () => duplicateState(text, target.name));
        expect(dup).toBeDefined();
        checkGraph(dup!.json);

        const edges = definitionToGraph(JSON.parse(text)).edges;
        if (edges.length > 0) {
          const edge = edges[pick % edges.length];
          const ins = attempt(text, () => insertStateOnEdge(text, edge, 'Inserted!', { Type: 'Pass' }));
          if (ins) {
            expect(allStates(ins.json).map((s) => s.name)).toContain('Inserted!');
            const g = checkGraph(ins.json);
            // The inserted state is wired in: something leads to it.
            expect(g.edges.some((e) => e.target === 'Inserted!')).toBe(true);
          }
        }
        if (fmt[1]) for (const r of [del, ren, dup]) expect(r!.text.replace(/\r\n/g, '')).not.toContain('\n');
      }),
      { numRuns: 300 },
    );
  });
});
