#!/usr/bin/env node
// `npm test`: installs what it needs (pnpm, dependencies, Debian's Chromium when root), then runs
//   typecheck → lint → unit tests (vitest) → build → end-to-end tests (Playwright against `vite preview`)
// with each step's output streamed, and prints `N passed, N failed` last: the vitest and Playwright test counts
// (from their JSON reporters), plus one failure for each failing typecheck / lint / build step or for a test
// runner that failed without reporting a failing test. Exits 1 on any failure or when nothing passed.
// Usage: npm test [-- --only=unit,e2e] [-- --skip=typecheck,lint]   (steps: typecheck, lint, unit, build, e2e)
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  describeListener,
  ensureChromium,
  ensureDependencies,
  ensurePnpm,
  freePort,
  heading,
  isPortFree,
  run,
} from './lib.mjs';

const listArg = (name) =>
  process.argv
    .slice(2)
    .filter((a) => a.startsWith(`--${name}=`))
    .flatMap((a) => a.slice(name.length + 3).split(','))
    .filter(Boolean);
const only = listArg('only');
const skip = listArg('skip');
const wanted = (step) => (only.length === 0 || only.includes(step)) && !skip.includes(step);

const RESULTS = path.join(ROOT, 'test-results');
const VITEST_JSON = path.join(RESULTS, 'vitest.json');
const PLAYWRIGHT_JSON = path.join(RESULTS, 'playwright.json');

/** One row per step: what ran, its exit code, and the tests it counted. */
const rows = [];
let passed = 0;
let failed = 0;

function record(step, code, counts, note = '') {
  const p = counts?.passed ?? 0;
  let f = counts?.failed ?? 0;
  // A failing step that reported no failing test (type errors, lint errors, a crashed runner) counts as one failure.
  if (code !== 0 && f === 0) f = 1;
  passed += p;
  failed += f;
  rows.push({ step, result: code === 0 ? 'ok' : `FAILED (exit ${code})`, counts: counts ? `${p} passed, ${f} failed` : '', note });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

await ensurePnpm();
await ensureDependencies();
const chromiumReady = wanted('e2e') ? await ensureChromium() : false;

fs.mkdirSync(RESULTS, { recursive: true });
for (const f of [VITEST_JSON, PLAYWRIGHT_JSON]) fs.rmSync(f, { force: true });

if (wanted('typecheck')) {
  heading('Typecheck (tsc --noEmit in every workspace package)');
  record('typecheck', await run('pnpm', ['typecheck']));
}

if (wanted('lint')) {
  heading('Lint (eslint)');
  record('lint', await run('pnpm', ['lint']));
}

if (wanted('unit')) {
  heading('Unit tests (vitest)');
  const code = await run('pnpm', [
    'exec',
    'vitest',
    'run',
    '--passWithNoTests',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${path.relative(ROOT, VITEST_JSON)}`,
  ]);
  const report = readJson(VITEST_JSON);
  record(
    'unit',
    code,
    report ? { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0 } : undefined,
    report ? '' : 'no JSON report',
  );
}

let built = !wanted('build');
if (wanted('build')) {
  heading('Build (app and CLI)');
  const code = await run('pnpm', ['build']);
  built = code === 0;
  record('build', code);
}

if (wanted('e2e')) {
  heading('End-to-end tests (Playwright, Debian Chromium, vite preview)');
  if (!built) {
    record('e2e', 1, undefined, 'not run: the build failed');
  } else if (!chromiumReady) {
    record('e2e', 1, undefined, 'not run: no Chromium');
  } else {
    // The preview server binds its port strictly; a server left running by someone else must not break the run,
    // so take the next free port instead (Playwright starts and stops its own server on it).
    let port = Number(process.env.E2E_PORT || 4173);
    if (!(await isPortFree(port))) {
      const busy = port;
      port = await freePort(busy + 1);
      const who = describeListener(busy);
      console.log(`Port ${busy} is in use${who ? ` by ${who}` : ''}; the e2e tests serve the app on ${port} instead.`);
    }
    const code = await run('pnpm', ['exec', 'playwright', 'test', '-c', 'e2e/playwright.config.ts'], {
      env: { E2E_PORT: String(port), PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
    });
    const report = readJson(PLAYWRIGHT_JSON);
    const stats = report?.stats;
    record(
      'e2e',
      code,
      stats ? { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0 } : undefined,
      stats ? (stats.skipped ? `${stats.skipped} skipped` : '') : 'no JSON report',
    );
  }
}

heading('Summary');
for (const r of rows) {
  console.log(`${r.step.padEnd(10)} ${r.result.padEnd(18)} ${r.counts.padEnd(22)} ${r.note}`.trimEnd());
}
if (passed === 0) console.log('Nothing passed: that is a failure too.');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
