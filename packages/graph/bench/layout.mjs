#!/usr/bin/env node
/**
 * Measures definitionToGraph + layoutGraph (elk.bundled, main thread) on: the largest corpus definition (by state
 * count), synthetic chains of 200 and 1,000 Pass states, and a 200-state chain whose every 5th state catches into one
 * Fail (long edges: the costly case for layered layout); plus the edits on the 1,000 chain.
 * Prints a table of medians (ms) of wall time and of process CPU time (user+system; less sensitive to other load on
 * the machine); asserts nothing.
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
const catchy = (n) => {
  const States = { F: { Type: 'Fail' } };
  for (let i = 0; i < n; i++) {
    States[`S${i}`] = i === n - 1 ? { Type: 'Pass', End: true } : { Type: 'Task', Resource: 'arn:x', Next: `S${i + 1}`, ...(i % 5 === 0 ? { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] } : {}) };
  }
  return { StartAt: 'S0', States };
};
cases.push(
  { name: 'chain 200', def: chain(200) },
  { name: 'chain 1,000', def: chain(1000) },
  { name: 'chain 200 + Catch every 5th state → one Fail', def: catchy(200) },
);

const elk = new ELK();
const load = (await import('node:os')).loadavg()[0].toFixed(1);
console.log(`medians of ${runs} runs (warm), Node ${process.version}, elk.bundled on the main thread, load average ${load}`);
const cpuMs = (d) => (d.user + d.system) / 1000;
// elk (GWT-compiled Java) needs a few layouts before the JIT settles: the first layout of the process is reported
// separately ("cold"), then everything is warmed up on a 500-state chain before the medians are taken.
{
  const c = process.cpuUsage();
  const t = performance.now();
  await g.layoutGraph(g.definitionToGraph(cases[0].def), elk);
  console.log(`cold first layout (${cases[0].name}): ${(performance.now() - t).toFixed(0)} ms wall / ${cpuMs(process.cpuUsage(c)).toFixed(0)} ms CPU`);
  for (let i = 0; i < 6; i++) await g.layoutGraph(g.definitionToGraph(chain(500)), elk);
}
console.log('case | nodes | edges | definitionToGraph ms | layoutKey ms | layoutGraph ms wall | layoutGraph ms CPU');
for (const c of cases) {
  const tg = [], tl = [], tk = [], tc = [];
  let graph;
  for (let r = 0; r <= runs; r++) {
    let t = performance.now();
    graph = g.definitionToGraph(c.def);
    const a = performance.now() - t;
    t = performance.now();
    g.layoutKey(graph);
    const k = performance.now() - t;
    const cpu = process.cpuUsage();
    t = performance.now();
    await g.layoutGraph(graph, elk);
    const l = performance.now() - t;
    const lc = cpuMs(process.cpuUsage(cpu));
    if (r > 0) { tg.push(a); tl.push(l); tk.push(k); tc.push(lc); }
  }
  console.log(`${c.name} | ${graph.nodes.length} | ${graph.edges.length} | ${median(tg).toFixed(2)} | ${median(tk).toFixed(2)} | ${median(tl).toFixed(0)} | ${median(tc).toFixed(0)}`);
}

// One canvas edit on the 1,000-state chain (text formatted with 2 spaces).
const text = JSON.stringify(chain(1000), null, 2);
const edge = g.definitionToGraph(JSON.parse(text)).edges.find((e) => e.path?.join('/') === 'States/S500/Next');
const timeEdit = (fn) => {
  const wall = [], cpu = [];
  for (let r = 0; r <= runs; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    g.applyEdits(text, fn());
    if (r > 0) { wall.push(performance.now() - t); cpu.push(cpuMs(process.cpuUsage(c))); }
  }
  return `${median(wall).toFixed(1)} ms wall / ${median(cpu).toFixed(1)} ms CPU`;
};
console.log(`edits on chain 1,000 (${text.length} chars), incl. applyEdits:`);
console.log(`  insertStateOnEdge ${timeEdit(() => g.insertStateOnEdge(text, edge, 'New', { Type: 'Pass' }))}`);
console.log(`  renameState       ${timeEdit(() => g.renameState(text, 'S500', 'Renamed'))}`);
console.log(`  deleteState       ${timeEdit(() => g.deleteState(text, 'S500'))}`);
console.log(`  duplicateState    ${timeEdit(() => g.duplicateState(text, 'S500'))}`);
