#!/usr/bin/env node
/**
 * Measures definitionToGraph + layoutGraph (elk.bundled, main thread) on: the largest corpus definition (by state
 * count), and synthetic chains of 200 and 1,000 Pass states; plus one edit (insertStateOnEdge) on the 1,000 chain.
 * Prints a table of medians (ms); asserts nothing.
 *
 *   node packages/graph/bench/layout.mjs [runs=5]
 *
 * Node 20 cannot import the package's TypeScript directly, so it is bundled to a temp file with esbuild first.
 */
import { build } from 'esbuild';
import ELK from 'elkjs/lib/elk.bundled.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = join(mkdtempSync(join(tmpdir(), 'graph-bench-')), 'graph.mjs');
await build({ entryPoints: [join(here, '../src/index.ts')], bundle: true, format: 'esm', platform: 'node', mainFields: ['module', 'main'], outfile: out, logLevel: 'error' });
const g = await import(pathToFileURL(out).href);

const runs = Number(process.argv[2] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const count = (scope) => {
  if (!scope || typeof scope.States !== 'object') return 0;
  let n = 0;
  for (const st of Object.values(scope.States)) {
    if (!st || typeof st !== 'object') continue;
    n++;
    for (const b of st.Branches ?? []) n += count(b);
    n += count(st.ItemProcessor ?? st.Iterator);
  }
  return n;
};
const chain = (n) => {
  const States = {};
  for (let i = 0; i < n; i++) States[`S${i}`] = i === n - 1 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: `S${i + 1}` };
  return { StartAt: 'S0', States };
};

const cases = [];
const dir = join(here, '../../../../shared/corpus/defs');
if (existsSync(dir)) {
  let best;
  for (const f of readdirSync(dir)) {
    const def = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const n = count(def);
    if (!best || n > best.n) best = { f, def, n };
  }
  cases.push({ name: `corpus max: ${best.f} (${best.n} states)`, def: best.def });
} else console.log(`(no corpus at ${dir})`);
cases.push({ name: 'chain 200', def: chain(200) }, { name: 'chain 1,000', def: chain(1000) });

const elk = new ELK();
console.log(`medians of ${runs} runs (after 1 warm-up), Node ${process.version}, elk.bundled on the main thread`);
console.log('case | nodes | edges | definitionToGraph ms | layoutGraph ms | layoutKey ms');
for (const c of cases) {
  const tg = [], tl = [], tk = [];
  let graph;
  for (let r = 0; r <= runs; r++) {
    let t = performance.now();
    graph = g.definitionToGraph(c.def);
    const a = performance.now() - t;
    t = performance.now();
    g.layoutKey(graph);
    const k = performance.now() - t;
    t = performance.now();
    await g.layoutGraph(graph, elk);
    const l = performance.now() - t;
    if (r > 0) { tg.push(a); tl.push(l); tk.push(k); }
  }
  console.log(`${c.name} | ${graph.nodes.length} | ${graph.edges.length} | ${median(tg).toFixed(2)} | ${median(tl).toFixed(1)} | ${median(tk).toFixed(2)}`);
}

// One canvas edit on the 1,000-state chain (text formatted with 2 spaces).
const text = JSON.stringify(chain(1000), null, 2);
const edge = g.definitionToGraph(JSON.parse(text)).edges.find((e) => e.path?.join('/') === 'States/S500/Next');
const te = [];
for (let r = 0; r <= runs; r++) {
  const t = performance.now();
  g.applyEdits(text, g.insertStateOnEdge(text, edge, 'New', { Type: 'Pass' }));
  if (r > 0) te.push(performance.now() - t);
}
const tr = [];
for (let r = 0; r <= runs; r++) {
  const t = performance.now();
  g.applyEdits(text, g.renameState(text, 'S500', 'Renamed'));
  if (r > 0) tr.push(performance.now() - t);
}
console.log(`edit on chain 1,000 (${text.length} chars): insertStateOnEdge+applyEdits ${median(te).toFixed(1)} ms, renameState+applyEdits ${median(tr).toFixed(1)} ms`);
