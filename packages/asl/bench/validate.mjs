// Measures parse + validate time: the largest corpus definition and synthetic N-state machines.
// Usage: node packages/asl/bench/validate.mjs   (bundles src/ with esbuild into a temp file first)
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(mkdtempSync(join(tmpdir(), 'asl-bench-')), 'asl.cjs');
await build({ entryPoints: [join(here, '../src/index.ts')], bundle: true, platform: 'node', format: 'cjs', mainFields: ['module', 'main'], outfile: out, logLevel: 'error' });
const { parseDocument, validateDocument } = await import(pathToFileURL(out).href);

/** Median wall and CPU time (ms) of parse+validate on `text` (CPU time is steadier on a loaded machine). */
function time(text, runs = 30) {
  for (let i = 0; i < 5; i++) validateDocument(parseDocument(text));
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const s = performance.now();
    validateDocument(parseDocument(text));
    wall.push(performance.now() - s);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const med = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)].toFixed(2);
  return `${med(wall)} ms wall, ${med(cpu)} ms CPU`;
}

/** A synthetic machine: a chain of Task/Choice/Pass/Wait states with Retry/Catch, paths and intrinsics. */
export function synthetic(n) {
  const States = {};
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? `S${i + 1}` : undefined;
    const end = next ? { Next: next } : { End: true };
    switch (i % 4) {
      case 0:
        States[`S${i}`] = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'Payload.$': '$', 'id.$': "States.Format('{}-{}', $.a, $$.Execution.Id)" },
          ResultSelector: { 'body.$': '$.Payload.body' }, ResultPath: '$.r', Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: next ?? `S${i}`, ResultPath: '$.err' }], ...end };
        break;
      case 1:
        States[`S${i}`] = { Type: 'Choice', Choices: [{ And: [{ Variable: '$.x', NumericGreaterThan: 1 }, { Variable: '$.y', IsPresent: true }], Next: next ?? 'S0' }],
          Default: next ?? 'S0' };
        if (!next) States[`S${i}`] = { Type: 'Succeed' };
        break;
      case 2:
        States[`S${i}`] = { Type: 'Pass', Result: { a: 1 }, ResultPath: '$.p', ...end };
        break;
      default:
        States[`S${i}`] = { Type: 'Wait', SecondsPath: '$.w', ...end };
    }
  }
  return JSON.stringify({ StartAt: 'S0', States }, null, 2);
}

const corpus = join(here, '../../../../shared/corpus/defs');
if (existsSync(corpus)) {
  let big = { f: '', text: '' };
  for (const f of readdirSync(corpus)) {
    const text = readFileSync(join(corpus, f), 'utf8');
    if (text.length > big.text.length) big = { f, text };
  }
  console.log(`largest corpus definition ${big.f} (${big.text.length} chars): ${time(big.text)}`);
} else console.log('corpus not found at', corpus);
for (const n of [100, 1000, 5000]) {
  const text = synthetic(n);
  const errors = validateDocument(parseDocument(text)).filter((d) => d.severity === 'error').length;
  console.log(`synthetic ${n} states (${text.length} chars, ${errors} errors): ${time(text, n > 1000 ? 10 : 30)}`);
}
{
  // The same 1,000 states with one broken Next: the positioned tree is built to place the diagnostics.
  const text = synthetic(1000).replace('"Next": "S500"', '"Next": "S5OO"');
  const errors = validateDocument(parseDocument(text)).filter((d) => d.severity === 'error').length;
  console.log(`synthetic 1000 states with a broken Next (${errors} errors): ${time(text)}`);
}
