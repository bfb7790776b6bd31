#!/usr/bin/env node
// Runs the AWS-recorded conformance suites of ../shared/conformance through the CLI, strictly (any failing case or
// history exits 1), honouring the documented exceptions in scripts/conformance-exceptions.json.
//
//   node scripts/conformance.mjs [cases|histories|all] [--shared DIR] [--jobs N] [--cli "node packages/cli/dist/asl.js run"]
//
// How each exception kind runs (see the "$comment" in the exceptions file):
//   adapterArgs — the case runs on its own through the shared runner with those arguments appended to the adapter.
//   wildcards   — a copy of the recording has exactly those placeholder strings rewritten to the checker's own
//                 wildcard syntax ("<name>"); everything else is still compared strictly by check-history.mjs.
//   neither     — skipped, and listed.
// Everything else runs unchanged through the shared runners (run.mjs, run-histories.mjs) with --strict, from a copy of
// the suite directory that leaves out the excepted files. An exception naming a file that does not exist, or whose
// recording now passes unchanged, fails the run: the list cannot go stale silently.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const which = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'all';
const shared = path.resolve(ROOT, opt('--shared', '../shared/conformance'));
const jobs = opt('--jobs', '2');
const cli = opt('--cli', 'node packages/cli/dist/asl.js run');
const exceptions = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts/conformance-exceptions.json'), 'utf8'));

if (!['cases', 'histories', 'all'].includes(which)) {
  console.error('usage: node scripts/conformance.mjs [cases|histories|all] [--shared DIR] [--jobs N] [--cli CMD]');
  process.exit(2);
}
if (!fs.existsSync(shared)) {
  console.error(`conformance: ${shared} does not exist`);
  process.exit(2);
}

/** Runs a shared runner, streaming its output; returns its exit status. */
function runner(script, args) {
  const r = spawnSync(process.execPath, [path.join(shared, script), ...args], { cwd: ROOT, stdio: 'inherit' });
  return r.status ?? 1;
}

/** Rewrites every string equal to one of `names` (also inside JSON text) to "<name>", the checker's wildcard. */
function wildcard(value, names) {
  if (typeof value === 'string') {
    if (names.has(value)) return `<${value}>`;
    const t = value.trimStart();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        const inner = JSON.parse(value);
        const out = wildcard(inner, names);
        return JSON.stringify(out) === JSON.stringify(inner) ? value : JSON.stringify(out);
      } catch {
        return value;
      }
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => wildcard(v, names));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wildcard(v, names)]));
  return value;
}

/** The runner's "$.a[0]" paths of every value in `value` equal to one of `names`. */
function pathsOf(value, names, here = '$') {
  if (typeof value === 'string') return names.has(value) ? [here] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsOf(v, names, `${here}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => pathsOf(v, names, /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `${here}.${k}` : `${here}[${JSON.stringify(k)}]`));
  }
  return [];
}

/**
 * A copy of one recording with the exception's placeholders made wildcards: for a history, the strings themselves
 * become "<name>"; for a case, the paths of the expected output that hold them join the case's own `wildcards`.
 */
function patch(suite, rec, e) {
  if (!e.wildcards) return rec;
  const names = new Set(e.wildcards);
  if (suite === 'histories') return { ...rec, events: wildcard(rec.events, names) };
  const paths = pathsOf(rec.expect?.output, names);
  return { ...rec, wildcards: [...(rec.wildcards ?? []), ...paths] };
}

/**
 * Runs one suite. `suite` is the folder name in ../shared/conformance; `script` its runner; `dirFlag` the runner's
 * option naming the folder. Returns the number of problems (runner failures + stale exceptions).
 */
function suite(suite, script, dirFlag, entries) {
  const src = path.join(shared, suite);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `conformance-${suite}-`));
  let problems = 0;
  try {
    const byName = new Map(entries.map((e) => [e.name, e]));
    for (const e of entries) {
      if (!fs.existsSync(path.join(src, `${e.name}.json`))) {
        console.error(`conformance: exception "${e.name}" names no file in ${suite}/ (remove it from scripts/conformance-exceptions.json)`);
        problems++;
      }
    }
    const main = path.join(tmp, 'main');
    const patched = path.join(tmp, 'patched');
    let copied = 0;
    let patchedCount = 0;
    const skipped = [];
    for (const cat of fs.readdirSync(src, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const f of fs.readdirSync(path.join(src, cat.name)).filter((n) => n.endsWith('.json'))) {
        const name = `${cat.name}/${f.slice(0, -5)}`;
        const e = byName.get(name);
        if (!e) {
          fs.mkdirSync(path.join(main, cat.name), { recursive: true });
          fs.copyFileSync(path.join(src, cat.name, f), path.join(main, cat.name, f));
          copied++;
        } else if (e.wildcards && !e.adapterArgs) {
          const rec = patch(suite, JSON.parse(fs.readFileSync(path.join(src, cat.name, f), 'utf8')), e);
          fs.mkdirSync(path.join(patched, cat.name), { recursive: true });
          fs.writeFileSync(path.join(patched, cat.name, f), JSON.stringify(rec));
          patchedCount++;
        } else if (!e.adapterArgs) {
          skipped.push(e);
        }
      }
    }
    const base = ['--adapter', cli, '--jobs', jobs, '--strict'];
    console.log(`\n--- ${suite}: ${copied} unchanged through ${script} --strict ---`);
    if (runner(script, [...base, dirFlag, main]) !== 0) problems++;
    if (patchedCount) {
      console.log(`\n--- ${suite}: ${patchedCount} with recording placeholders as wildcards (scripts/conformance-exceptions.json) ---`);
      if (runner(script, [...base, dirFlag, patched]) !== 0) problems++;
    }
    for (const e of entries.filter((x) => x.adapterArgs)) {
      const one = path.join(tmp, 'one', e.name.replace('/', '__'));
      const [cat, file] = e.name.split('/');
      fs.mkdirSync(path.join(one, cat), { recursive: true });
      const rec = patch(suite, JSON.parse(fs.readFileSync(path.join(src, `${e.name}.json`), 'utf8')), e);
      fs.writeFileSync(path.join(one, cat, `${file}.json`), JSON.stringify(rec));
      console.log(`\n--- ${suite}: ${e.name} with ${e.adapterArgs.join(' ')} (scripts/conformance-exceptions.json) ---`);
      if (runner(script, ['--adapter', `${cli} ${e.adapterArgs.join(' ')}`, '--jobs', '1', '--strict', dirFlag, one]) !== 0) problems++;
    }
    for (const e of skipped) console.log(`skipped ${suite}/${e.name}: ${e.reason} [${e.doc}]`);
    // Stale check: every excepted recording, run unchanged, must still differ; one that passes needs no exception.
    for (const e of entries) {
      const file = path.join(src, `${e.name}.json`);
      if (!fs.existsSync(file)) continue;
      const [cat, base] = e.name.split('/');
      const one = path.join(tmp, 'stale', e.name.replace('/', '__'));
      fs.mkdirSync(path.join(one, cat), { recursive: true });
      fs.copyFileSync(file, path.join(one, cat, `${base}.json`));
      const r = spawnSync(process.execPath, [path.join(shared, script), '--adapter', cli, '--jobs', '1', '--strict', dirFlag, one], { cwd: ROOT, encoding: 'utf8' });
      if (r.status === 0) {
        console.error(`conformance: ${suite}/${e.name} now passes unchanged; remove its exception from scripts/conformance-exceptions.json`);
        problems++;
      }
    }
    return problems;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

let problems = 0;
if (which !== 'histories') problems += suite('cases', 'run.mjs', '--cases', exceptions.cases);
if (which !== 'cases') problems += suite('histories', 'run-histories.mjs', '--dir', exceptions.histories);
console.log(problems ? `\nconformance: ${problems} problem(s)` : '\nconformance: every case and history passed');
process.exit(problems ? 1 : 0);
