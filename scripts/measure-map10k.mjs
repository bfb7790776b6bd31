#!/usr/bin/env node
// Measures the studio's main thread while a Map over 10,000 items runs (engine issue: "In the studio, a 10,000-item
// Map runs without a main-thread task over 100 ms").
//
// What it does: builds the production app (vite build into its own folder, so a concurrent `pnpm build` / e2e run
// over dist/ is not disturbed), serves it with `vite preview` on a free port (not 4173), opens it in Debian's
// Chromium, imports a workflow with a Map over 10,000 items, starts the run through the Start dialog (AWS quotas off:
// the histories are 40,000–70,000 events), and records from the Start click until the run finished and the UI settled
// (role="status" Succeeded, canvas nodes succeeded, events table showing every event, then 1 s quiet):
//   - PerformanceObserver 'longtask' entries (main-thread tasks over 50 ms),
//   - 'long-animation-frame' entries (frames over 50 ms, with script attribution),
//   - requestAnimationFrame gaps (time between frames).
// Variants: "task" (a Task inside, answered by a mock-config response: 7 events per item) and "pass" (a Pass inside:
// 4 events per item). Prints max / count / p95 per variant and fails (exit 1) when a main-thread task exceeds the
// bound (--bound, default 100 ms).
//
// Usage: node scripts/measure-map10k.mjs [--no-build] [--variant=task|pass|both] [--runs=N] [--items=10000]
//          [--bound=100] [--screenshots=DIR] [--trace=DIR] [--profile=DIR] [--unminified] [--json=FILE]
//   --trace=DIR    also records a Chromium trace (devtools.timeline) per run and prints the main thread's task
//                  distribution and the slowest tasks with their top functions (write trace-<variant>.json into DIR)
//   --profile=DIR  also records a CPU profile (CDP Profiler) per run and prints the top self-time functions
//   --unminified   builds without minification (readable names in profiles)
//   --dist=DIR     serves that build instead (implies --no-build; e.g. a copy of an older build, for A/B runs under the
//                  same machine load)
/* global window, document, PerformanceObserver, requestAnimationFrame -- functions passed to page.evaluate run in the page */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, ROOT, freePort, run } from './lib.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a}`);
    return [m[1], m[2] ?? true];
  }),
);
const ITEMS = Number(args.items ?? 10_000);
const RUNS = Number(args.runs ?? 1);
const BOUND = Number(args.bound ?? 100);
const VARIANTS = args.variant && args.variant !== 'both' ? [String(args.variant)] : ['task', 'pass'];
const OUT = path.join(os.tmpdir(), `asl-studio-measure-${process.pid}`);
const DIST = args.dist ? path.resolve(String(args.dist)) : path.join(ROOT, 'test-results', args.unminified ? 'measure-dist-unminified' : 'measure-dist');
const SCREENSHOTS = args.screenshots ? path.resolve(String(args.screenshots)) : undefined;
const TRACE_DIR = args.trace ? path.resolve(String(args.trace)) : undefined;
const PROFILE_DIR = args.profile ? path.resolve(String(args.profile)) : undefined;

const MACHINE = 'Map10k';
function definition(variant) {
  const inner =
    variant === 'task'
      ? {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'work', 'Payload.$': '$' },
          OutputPath: '$.Payload',
          End: true,
        }
      : { Type: 'Pass', Parameters: { 'item.$': '$', ok: true }, End: true };
  return {
    Comment: `A Map over ${ITEMS.toLocaleString('en-US')} items (${variant} inside): main-thread measurement`,
    StartAt: 'Fan out',
    States: {
      'Fan out': {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Work', States: { Work: inner } },
        ResultPath: '$.results',
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  };
}
const MOCKS = {
  StateMachines: { [MACHINE]: { TestCases: { Bench: { Work: 'WorkOk' } } } },
  MockedResponses: { WorkOk: { [`0-${ITEMS * 10}`]: { Return: { StatusCode: 200, Payload: { ok: true } } } } },
};
const INPUT = { items: Array.from({ length: ITEMS }, (_, i) => i) };

function pct(xs, p) {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const r1 = (x) => Math.round(x * 10) / 10;

/** Runs `vite preview` in its own process group on `port`; resolves once it answers. */
async function startPreview(port) {
  const child = spawn('pnpm', ['exec', 'vite', 'preview', '--outDir', DIST, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited: ${stderr}`);
    try {
      const r = await fetch(url);
      if (r.ok) return { child, url };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${url}: ${stderr}`);
}

function stopPreview(child) {
  if (!child || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM'); // its process group: pnpm and vite
  } catch {
    /* gone */
  }
}

/** Installed before Start: collects long tasks, long animation frames and rAF gaps into window.__measure. */
function installObservers() {
  const m = { t0: performance.now(), longtasks: [], loafs: [], frames: [], stopped: false, observers: [] };
  window.__measure = m;
  const lt = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) m.longtasks.push({ start: e.startTime - m.t0, duration: e.duration });
  });
  lt.observe({ type: 'longtask' });
  m.observers.push(lt);
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    const lo = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        m.loafs.push({
          start: e.startTime - m.t0,
          duration: e.duration,
          blocking: e.blockingDuration,
          scripts: (e.scripts ?? [])
            .map((s) => ({ invoker: s.invoker, fn: s.sourceFunctionName, src: (s.sourceURL ?? '').split('/').pop(), duration: Math.round(s.duration) }))
            .sort((a, b) => b.duration - a.duration)
            .slice(0, 3),
        });
      }
    });
    lo.observe({ type: 'long-animation-frame' });
    m.observers.push(lo);
  }
  let last = performance.now();
  const tick = (t) => {
    m.frames.push(t - last);
    last = t;
    if (!m.stopped) requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => {
    last = t;
    requestAnimationFrame(tick);
  });
}

function collectObservers() {
  const m = window.__measure;
  m.stopped = true;
  for (const o of m.observers) {
    for (const e of o.takeRecords?.() ?? []) {
      if (e.entryType === 'longtask') m.longtasks.push({ start: e.startTime - m.t0, duration: e.duration });
    }
    o.disconnect();
  }
  return { longtasks: m.longtasks, loafs: m.loafs, frames: m.frames, elapsed: performance.now() - m.t0 };
}

/** Summarises a trace: main-thread (CrRendererMain) top-level task durations, and the slowest ones' content. */
function summariseTrace(events) {
  const main = new Set();
  for (const e of events) if (e.name === 'thread_name' && e.args?.name === 'CrRendererMain') main.add(`${e.pid}:${e.tid}`);
  const tasks = events
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ ts: e.ts, dur: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000, pid: e.pid, tid: e.tid }));
  const durs = tasks.map((t) => t.dur);
  const cpus = tasks.map((t) => t.cpu);
  const inside = (t) =>
    events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur * 1000 && e.dur > 2000);
  const slow = [...tasks].sort((a, b) => b.dur - a.dur).slice(0, 5);
  return {
    tasks: tasks.length,
    over16: durs.filter((d) => d > 16).length,
    over50: durs.filter((d) => d > 50).length,
    p95: r1(pct(durs, 95)),
    p99: r1(pct(durs, 99)),
    max: r1(Math.max(0, ...durs)),
    // Thread time (CPU) of the same tasks: what the page itself costs, without the machine's preemption.
    cpuMax: r1(Math.max(0, ...cpus)),
    cpuP95: r1(pct(cpus, 95)),
    cpuTotal: Math.round(cpus.reduce((a, b) => a + b, 0)),
    slowest: slow.map((t) => ({
      ms: `${r1(t.dur)} (cpu ${r1(t.cpu)})`,
      parts: inside(t)
        .filter((e) => e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask')
        .map((e) => `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ''}${e.args?.data?.type ? `[${e.args.data.type}]` : ''} ${r1(e.dur / 1000)}`)
        .slice(0, 8),
    })),
  };
}

/** Top self-time functions of a CDP CPU profile. */
function summariseProfile(profile) {
  const self = new Map();
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const cf = n.callFrame;
    const key = `${cf.functionName || '(anonymous)'} ${cf.url.split('/').pop()}:${cf.lineNumber + 1}:${cf.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${r1(v).toString().padStart(8)} ms  ${k}`);
}

async function measure(browser, url, variant, runIndex) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await page.locator('[data-state-type]').first().waitFor({ timeout: 60_000 });

  const file = path.join(OUT, `map-${ITEMS}-${variant}.asl.json`);
  fs.writeFileSync(file, JSON.stringify(definition(variant), null, 2));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import', exact: true }).click()]);
  await chooser.setFiles(file);
  await page.locator('[data-state-type][data-id="Work"]').waitFor({ timeout: 30_000 });
  // Let the first load settle (Monaco, layout) before measuring.
  await page.waitForTimeout(1500);

  await page.getByRole('button', { name: 'Start execution', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Input', { exact: true }).waitFor();
  await dialog.getByLabel('Input', { exact: true }).fill(JSON.stringify(INPUT));
  if (variant === 'task') {
    const mocks = dialog.locator('details.run-mocks');
    if (!(await mocks.evaluate((d) => d.open))) await mocks.locator('summary').click();
    await dialog.getByLabel('Mock config').fill(JSON.stringify(MOCKS, null, 2));
    await dialog.getByLabel('Test case').selectOption('Bench');
  }
  const quotas = dialog.getByRole('switch', { name: /AWS quotas/ });
  if (await quotas.isChecked()) await quotas.uncheck();
  await page.waitForTimeout(300);

  const cdp = TRACE_DIR || PROFILE_DIR ? await context.newCDPSession(page) : undefined;
  let traceDone;
  if (TRACE_DIR) {
    const chunks = [];
    traceDone = new Promise((resolve) => {
      cdp.on('Tracing.dataCollected', (d) => chunks.push(...d.value));
      cdp.on('Tracing.tracingComplete', () => resolve(chunks));
    });
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel'] },
    });
  }
  if (PROFILE_DIR) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }

  await page.evaluate(installObservers);
  const t0 = Date.now();
  await dialog.getByRole('button', { name: 'Start', exact: true }).click();

  // Polls with a plain querySelector (a role locator would run Playwright's ARIA engine on the measured thread).
  const statusText = () => page.evaluate(() => document.querySelector('[role="status"][title="Execution status"]')?.textContent?.trim());
  let shotRunning = false;
  const deadline = Date.now() + 300_000;
  for (;;) {
    const text = await statusText();
    if (text && text !== 'Running') break;
    if (!shotRunning && SCREENSHOTS && Date.now() - t0 > 700) {
      // (A screenshot costs the page a frame: take the numbers from a run without --screenshots.)
      shotRunning = true;
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `map10k-${variant}-running.png`) });
    }
    if (Date.now() > deadline) throw new Error('the run did not finish in 5 minutes');
    await page.waitForTimeout(100);
  }
  const finishedAfter = Date.now() - t0;
  const finalStatus = await statusText();
  // The UI settled: canvas statuses, events table count, then a quiet second.
  await page.locator('[data-state-type][data-id="Fan out"]').waitFor();
  const nodeStatus = await page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-state-type]')].map((el) => [el.getAttribute('data-id'), el.closest('[data-status]')?.getAttribute('data-status') ?? null]),
    ),
  );
  const eventsShown = await page.locator('.run-events-bar .run-muted').first().textContent();
  await page.waitForTimeout(1000);
  const m = await page.evaluate(collectObservers);

  let trace;
  let profile;
  if (TRACE_DIR) {
    await cdp.send('Tracing.end');
    const events = await traceDone;
    fs.mkdirSync(TRACE_DIR, { recursive: true });
    fs.writeFileSync(path.join(TRACE_DIR, `trace-${variant}-${runIndex}.json`), JSON.stringify({ traceEvents: events }));
    trace = summariseTrace(events);
  }
  if (PROFILE_DIR) {
    const { profile: p } = await cdp.send('Profiler.stop');
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    fs.writeFileSync(path.join(PROFILE_DIR, `profile-${variant}-${runIndex}.cpuprofile`), JSON.stringify(p));
    profile = summariseProfile(p);
  }

  if (SCREENSHOTS) {
    await page.getByRole('button', { name: 'Fit View' }).click().catch(() => {});
    await page.locator('[data-state-type][data-id="Work"]').click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SCREENSHOTS, `map10k-${variant}-finished.png`) });
  }
  await context.close();

  const lt = m.longtasks.map((t) => t.duration);
  const gaps = m.frames;
  return {
    variant,
    status: finalStatus,
    nodeStatus,
    eventsShown: eventsShown?.trim(),
    finishedAfterMs: finishedAfter,
    longtasks: { count: lt.length, max: r1(Math.max(0, ...lt)), p95: r1(pct(lt, 95)), list: m.longtasks.map((t) => `${r1(t.duration)}@${Math.round(t.start)}`) },
    frames: { count: gaps.length, max: r1(Math.max(0, ...gaps)), p95: r1(pct(gaps, 95)), over50: gaps.filter((g) => g > 50).length },
    loafs: {
      count: m.loafs.length,
      max: r1(Math.max(0, ...m.loafs.map((l) => l.duration))),
      worst: [...m.loafs].sort((a, b) => b.duration - a.duration).slice(0, 3),
    },
    trace,
    profile,
    errors,
  };
}

fs.mkdirSync(OUT, { recursive: true });
if (!args['no-build'] && !args.dist) {
  const buildArgs = ['exec', 'vite', 'build', '--outDir', DIST, '--emptyOutDir', '--logLevel', 'warn'];
  if (args.unminified) buildArgs.push('--minify', 'false');
  const code = await run('pnpm', buildArgs);
  if (code !== 0) process.exit(code);
}
const port = await freePort(4300);
let preview;
let browser;
const results = [];
let failed = false;
try {
  preview = await startPreview(port);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  for (let i = 0; i < RUNS; i++) {
    for (const variant of VARIANTS) {
      const r = await measure(browser, preview.url, variant, i);
      results.push(r);
      console.log(
        `\n[${variant} #${i + 1}] ${r.status} after ${r.finishedAfterMs} ms, events shown ${r.eventsShown}, nodes ${JSON.stringify(r.nodeStatus)}` +
          `\n  long tasks: count ${r.longtasks.count}, max ${r.longtasks.max} ms, p95 ${r.longtasks.p95} ms  [${r.longtasks.list.join(', ')}]` +
          `\n  rAF gaps:   frames ${r.frames.count}, max ${r.frames.max} ms, p95 ${r.frames.p95} ms, >50 ms ${r.frames.over50}` +
          `\n  long animation frames: count ${r.loafs.count}, max ${r.loafs.max} ms` +
          r.loafs.worst.map((l) => `\n    ${r1(l.duration)} ms (blocking ${r1(l.blocking)}): ${JSON.stringify(l.scripts)}`).join(''),
      );
      if (r.trace) {
        console.log(
          `  trace: main-thread tasks ${r.trace.tasks}, >16 ms ${r.trace.over16}, >50 ms ${r.trace.over50}, p95 ${r.trace.p95} ms, p99 ${r.trace.p99} ms, max ${r.trace.max} ms; CPU: max ${r.trace.cpuMax} ms, p95 ${r.trace.cpuP95} ms, total ${r.trace.cpuTotal} ms`,
        );
        for (const s of r.trace.slowest) console.log(`    ${s.ms} ms: ${s.parts.join(' | ')}`);
      }
      if (r.profile) console.log(`  CPU profile, top self time:\n    ${r.profile.join('\n    ')}`);
      if (r.errors.length) console.log(`  page errors: ${r.errors.join(' | ')}`);
      if (r.status !== 'Succeeded' || r.errors.length) failed = true;
    }
  }
} finally {
  await browser?.close();
  stopPreview(preview?.child);
  fs.rmSync(OUT, { recursive: true, force: true });
}

console.log('\nSummary (main thread, Start click → run finished and UI settled):');
console.log('variant  run  status     wall ms  longtasks  max ms  p95 ms   rAF max  rAF p95  LoAF max' + (TRACE_DIR ? '  task CPU max  CPU total' : ''));
results.forEach((r) => {
  console.log(
    `${r.variant.padEnd(8)} ${String(results.filter((x) => x.variant === r.variant).indexOf(r) + 1).padStart(3)}  ${String(r.status).padEnd(9)} ${String(r.finishedAfterMs).padStart(8)}  ${String(r.longtasks.count).padStart(9)}  ${String(r.longtasks.max).padStart(6)}  ${String(r.longtasks.p95).padStart(6)}  ${String(r.frames.max).padStart(8)}  ${String(r.frames.p95).padStart(7)}  ${String(r.loafs.max).padStart(8)}` +
      (r.trace ? `  ${String(r.trace.cpuMax).padStart(12)}  ${String(r.trace.cpuTotal).padStart(9)}` : ''),
  );
});
if (args.json) fs.writeFileSync(path.resolve(String(args.json)), JSON.stringify(results, null, 2));
const worst = Math.max(0, ...results.map((r) => r.longtasks.max));
if (worst > BOUND) {
  console.log(`\nFAIL: a main-thread task took ${worst} ms (bound ${BOUND} ms).`);
  failed = true;
} else console.log(`\nOK: no main-thread task over ${BOUND} ms (worst ${worst} ms).`);
process.exit(failed ? 1 : 0);
