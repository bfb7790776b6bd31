// Bundles the CLI into one file that plain `node` runs: packages/cli/dist/asl.js
//
// Start-up matters (a one-state run is mostly process start): the bundle is CommonJS (dist/package.json says so; Node's
// CommonJS loader starts faster than the ESM one), whitespace/syntax-minified, and the big dependencies that only some
// runs need (yaml: YAML files; jsonata: JSONata definitions) are evaluated on first use, not at start-up.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Modules replaced by a shim whose exports load the real module on first call. Lists every name imported anywhere;
 * importing a name not listed fails the build ("No matching export"): add it here (functions only — a class would
 * break `instanceof` and `new`).
 */
const LAZY = {
  yaml: ['parse', 'parseDocument', 'stringify', 'isMap', 'isScalar', 'isSeq', 'isPair', 'isAlias'],
  jsonata: ['default'],
  'jsonc-parser': ['printParseErrorCode', 'visit'], // only for invalid JSON and diagnostic positions
  '@noble/hashes/legacy.js': ['md5', 'sha1'], // States.Hash
  '@noble/hashes/sha2.js': ['sha256', 'sha384', 'sha512'],
};
const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY).map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (a) => (a.namespace === 'lazy' ? undefined : { path: a.path, namespace: 'lazy', pluginData: a.resolveDir }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (a) => {
      const load = `let m; const load = () => { if (m === undefined) { const r = require(${JSON.stringify(a.path)}); m = r && r.__esModule && 'default' in r && typeof r !== 'function' ? r.default : r; } return m; };\n`;
      const body = LAZY[a.path].map((n) => n === 'default'
        ? 'export default function lazyDefault(...a) { return load()(...a); }'
        : `export function ${n}(...a) { return load().${n}(...a); }`).join('\n');
      return { contents: load + body, loader: 'js', resolveDir: a.pluginData };
    });
  },
};

const outdir = process.env.ASL_BUILD_OUTDIR ?? path.join(here, 'dist');
const readable = Boolean(process.env.ASL_BUILD_READABLE);
fs.mkdirSync(outdir, { recursive: true });
// dist/asl.js is CommonJS although the package is "type": "module"
fs.writeFileSync(path.join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
const bundled = await build({
  entryPoints: [path.join(here, 'src/main.ts')],
  outfile: path.join(outdir, 'asl.js'),
  write: false,
  bundle: true,
  platform: 'node',
  mainFields: ['module', 'main'],
  format: 'cjs',
  target: 'node20',
  // ASL_BUILD_READABLE=1 keeps the bundle readable (profiles with line numbers)
  minifyWhitespace: !readable,
  minifySyntax: !readable,
  plugins: [lazyModules],
  logLevel: 'warning',
  legalComments: 'none',
});
const bundle = bundled.outputFiles[0].text;
const outfile = path.join(outdir, 'asl.js');

/**
 * dist/asl.js, one self-contained file: a few lines that compile the bundle (held as a string) with `vm.Script` and a
 * V8 code cache embedded in the same file, so the functions a run needs are deserialised instead of parsed and
 * compiled again at every start (~15–25 ms CPU per run). The cache is produced below by sample runs of the file itself
 * (ASL_BUILD_CODE_CACHE names the file they write it to); V8 rejects a cache that does not match its version or flags,
 * and the file then compiles the bundle as usual. Nothing is written at run time. `import()` is unavailable to vm.Script
 * code without a loader callback: the outer file, a regular CommonJS module, lends its own (src/handlers.ts uses it for
 * --task-handlers modules with top-level await).
 */
/**
 * V8's optimising compiler (TurboFan) compiles hot functions on background threads; in a run of a few hundred
 * milliseconds that compile work costs more CPU than the optimised code saves (measured: choice-loop, pass-chain,
 * task-retry, jsonata-loop and payload-heavy 10–25% less whole-process CPU without it, map-inline and parallel-map
 * unchanged). So dist/asl.js starts with TurboFan off and turns it on once the process has used JIT_DELAY_MS of CPU:
 * short runs never pay for it; a long run loses less than that once (a 400,000-transition choice loop: ~0.2 s →
 * ~0.25 s). The sample runs below keep it off so that the cache is written under the flags it is loaded with.
 * ASL_BUILD_JIT_MS=0 builds without the policy.
 */
const JIT_DELAY_MS = Number(process.env.ASL_BUILD_JIT_MS ?? 100);

function loaderFile(cache) {
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${bundle}\n})`;
  // JIT policy for a short-lived process (see JIT_DELAY_MS): TurboFan off until the run has used that much CPU
  const jit = JIT_DELAY_MS > 0 ? `const v8 = require('node:v8');
v8.setFlagsFromString('--no-opt');
if (!process.env.ASL_BUILD_CODE_CACHE) {
  const cpu0 = process.cpuUsage();
  const poll = setInterval(() => {
    const u = process.cpuUsage(cpu0);
    if (u.user + u.system >= ${JIT_DELAY_MS * 1000}) { clearInterval(poll); v8.setFlagsFromString('--opt'); }
  }, 10);
  poll.unref();
}
` : '';
  return `#!/usr/bin/env node
'use strict';
${jit}const vm = require('node:vm');
const source = ${JSON.stringify(wrapped)};
const cache = ${JSON.stringify(cache ? cache.toString('base64') : '')};
globalThis[Symbol.for('asl-studio.import')] = (url) => import(url);
const script = new vm.Script(source, { filename: __filename, cachedData: cache ? Buffer.from(cache, 'base64') : undefined });
if (process.env.ASL_BUILD_CODE_CACHE) {
  process.once('exit', () => require('node:fs').writeFileSync(process.env.ASL_BUILD_CODE_CACHE, script.createCachedData()));
  if (cache && script.cachedDataRejected) process.stderr.write('asl: code cache rejected\\n');
}
script.runInThisContext()(exports, require, module, __filename, __dirname);
`;
}

/** Replaces `file` atomically: a run starting meanwhile reads the old file or the new one, never a partial one. */
function writeAtomically(file, text) {
  const tmpFile = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmpFile, text, { mode: 0o755 });
  fs.renameSync(tmpFile, file);
}

if (readable) writeAtomically(outfile, `#!/usr/bin/env node\n${bundle}`);
else {
  // Sample runs fill the code cache, each starting from the previous one's cache: every state type in both query
  // languages, Retry/Catch, task handlers, Map/Parallel, intrinsics and validation (generic samples, not the benchmark).
  // They run a private copy of the file, so a concurrent build into the same directory cannot mix its bundle with
  // this build's cache.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-cache-'));
  const sampleFile = path.join(tmp, 'asl.js');
  fs.writeFileSync(path.join(tmp, 'package.json'), '{ "type": "commonjs" }\n');
  fs.writeFileSync(sampleFile, loaderFile(undefined));
  const cacheFile = path.join(tmp, 'cache.bin');
  const w = (name, v) => { const f = path.join(tmp, name); fs.writeFileSync(f, typeof v === 'string' ? v : JSON.stringify(v)); return f; };
  let cache;
  for (const args of codeCacheSamples(w)) {
    const r = spawnSync(process.execPath, [sampleFile, ...args], { env: { ...process.env, ASL_BUILD_CODE_CACHE: cacheFile }, encoding: 'utf8' });
    if (process.env.ASL_BUILD_VERBOSE) console.log(args[0], r.status, r.stdout.slice(0, 200), r.stderr.slice(0, 300));
    if (r.status !== 0 && r.status !== 1) {
      console.error(`build: a code-cache sample run failed (${args.join(' ')}):\n${r.stdout}${r.stderr}`);
      process.exitCode = 1;
      cache = undefined;
      break;
    }
    cache = fs.readFileSync(cacheFile);
    fs.writeFileSync(sampleFile, loaderFile(cache));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  writeAtomically(outfile, loaderFile(cache));
}

/** Command lines of the code-cache sample runs (files written with `w(name, value)`). */
function codeCacheSamples(w) {
  const jp = w('jsonpath.json', {
    Comment: 'sample: JSONPath states', StartAt: 'Init',
    States: {
      Init: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)', 'items.$': '$.items', 'label.$': "States.Format('run {}', $.name)", k: 'v' }, Next: 'Loop' },
      Loop: { Type: 'Choice', Choices: [
        { Variable: '$.n', NumericLessThan: 40, Next: 'Init2' },
        { And: [{ Variable: '$.label', IsPresent: true }, { Variable: '$.k', StringEquals: 'v' }], Next: 'Fan' },
      ], Default: 'Fan' },
      Init2: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)', 'items.$': '$.items', 'label.$': '$.label', 'k.$': '$.k' }, ResultPath: '$', Next: 'Loop' },
      Fan: {
        Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 0, ResultPath: '$.mapped', Next: 'Both',
        ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index' },
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Work', States: {
          Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:Work', ResultPath: '$.r',
            Retry: [{ ErrorEquals: ['Sample.Retry'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }],
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'Caught' }], Next: 'Shape' },
          Caught: { Type: 'Pass', Result: { caught: true }, ResultPath: '$.r', Next: 'Shape' },
          Shape: { Type: 'Pass', Parameters: { 'v.$': '$.v', 'r.$': '$.r' }, OutputPath: '$', End: true },
        } },
      },
      Both: { Type: 'Parallel', ResultPath: '$.par', Next: 'Pause', Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', InputPath: '$.mapped', Result: 1, End: true } } },
        { StartAt: 'B', States: { B: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'Work', 'Payload.$': '$.k' },
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }], OutputPath: '$.Payload', End: true } } },
      ] },
      Pause: { Type: 'Wait', Seconds: 5, Next: 'Done' },
      Done: { Type: 'Succeed' },
    },
  });
  const ja = w('jsonata.json', {
    Comment: 'sample: JSONata states', QueryLanguage: 'JSONata', StartAt: 'Init',
    States: {
      Init: { Type: 'Pass', Assign: { count: 0, total: '{% $states.input.start %}' }, Next: 'Step' },
      Step: { Type: 'Pass', Assign: { count: '{% $count + 1 %}', total: '{% $total + $count %}' }, Output: '{% { "count": $count } %}', Next: 'Check' },
      Check: { Type: 'Choice', Choices: [{ Condition: '{% $count < 40 %}', Next: 'Step' }], Default: 'Fan' },
      Fan: { Type: 'Map', Items: '{% [1, 2, 3] %}', Next: 'Work', ItemProcessor: { StartAt: 'Twice', States: {
        Twice: { Type: 'Pass', Output: '{% $states.input * 2 %}', End: true } } } },
      Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'Work', Payload: '{% $states.input %}' },
        Output: '{% $states.result.Payload %}', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Fail' }], Next: 'Done' },
      Fail: { Type: 'Fail', Error: 'Sample.Failed', Cause: 'sample' },
      Done: { Type: 'Succeed', Output: '{% { "count": $count, "total": $total } %}' },
    },
  });
  const handlers = w('handlers.mjs', `const seen = new Map();
export default {
  async Work(input) {
    const n = (seen.get(JSON.stringify(input)) ?? 0) + 1;
    seen.set(JSON.stringify(input), n);
    if (n === 1) { const e = new Error('sample retry'); e.name = 'Sample.Retry'; throw e; }
    return { n, input };
  },
};
`);
  const input = w('input.json', { n: 0, name: 'sample', items: Array.from({ length: 50 }, (_, i) => ({ id: i, tags: ['a', 'b'] })) });
  const jaInput = w('ja-input.json', { start: 1 });
  return [
    ['run', '--definition', jp, '--input', input, '--task-handlers', handlers, '--quotas', 'off'],
    ['run', '--definition', jp, '--input', input],
    ['run', '--definition', ja, '--input', jaInput, '--task-handlers', handlers, '--quotas', 'off'],
    ['run', '--definition', ja, '--input', jaInput, '--history'],
    ['validate', jp, ja],
  ];
}

// Smoke run of the built file: a definition with Pass, Choice, Map, Task (Retry/Catch) and Succeed must succeed.
const tmpdir = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-build-'));
const sample = {
  StartAt: 'P',
  States: {
    P: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)', 'items.$': '$.items', k: 'v' }, Next: 'C' },
    C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 3, Next: 'P' }], Default: 'M' },
    M: {
      Type: 'Map', ItemsPath: '$.items', ResultPath: '$.m', Next: 'T',
      ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Parameters: { 'v.$': '$.v' }, OutputPath: '$.v', End: true } } },
    },
    T: {
      Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:F', ResultPath: '$.t',
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S' }], Next: 'S',
    },
    S: { Type: 'Succeed' },
  },
};
fs.writeFileSync(path.join(tmpdir, 'sample.json'), JSON.stringify(sample));
fs.writeFileSync(path.join(tmpdir, 'input.json'), JSON.stringify({ n: 0, items: [{ v: 1 }, { v: 2 }] }));
// (ASL_BUILD_CODE_CACHE makes the file report a code cache that V8 rejects)
const r = spawnSync(process.execPath, [path.join(outdir, 'asl.js'), 'run', '--definition', path.join(tmpdir, 'sample.json'),
  '--input', path.join(tmpdir, 'input.json')], { encoding: 'utf8', env: { ...process.env, ASL_BUILD_CODE_CACHE: path.join(tmpdir, 'cache.bin') } });
fs.rmSync(tmpdir, { recursive: true, force: true });
if (r.status !== 0 || !r.stdout.includes('"SUCCEEDED"')) {
  console.error(`build: the smoke run of dist/asl.js failed:\n${r.stdout}${r.stderr}`);
  process.exitCode = 1;
} else if (r.stderr.includes('code cache rejected')) {
  console.error('build: V8 rejects the code cache embedded in dist/asl.js');
  process.exitCode = 1;
}
