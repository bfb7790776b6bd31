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
fs.mkdirSync(outdir, { recursive: true });
// dist/*.js are CommonJS although the package is "type": "module"
fs.writeFileSync(path.join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
await build({
  entryPoints: [path.join(here, 'src/main.ts')],
  outfile: path.join(outdir, 'asl-main.js'),
  bundle: true,
  platform: 'node',
  mainFields: ['module', 'main'],
  format: 'cjs',
  target: 'node20',
  // ASL_BUILD_READABLE=1 keeps the bundle readable (profiles with line numbers)
  minifyWhitespace: !process.env.ASL_BUILD_READABLE,
  minifySyntax: !process.env.ASL_BUILD_READABLE,
  plugins: [lazyModules],
  logLevel: 'warning',
  legalComments: 'none',
});

// dist/asl.js: runs asl-main.js with a V8 code cache (asl-main.js.cache), so most functions are not compiled again at
// every start. The cache is written below after a sample run; V8 rejects a cache that does not match the source, the
// Node version or the flags, and then the loader compiles normally and writes a fresh cache at exit (atomically).
const loader = `#!/usr/bin/env node
'use strict';
const fs = require('node:fs'), path = require('node:path'), vm = require('node:vm');
const file = path.join(__dirname, 'asl-main.js');
const cacheFile = file + '.cache';
globalThis[Symbol.for('asl-studio.import')] = (url) => import(url); // vm.Script code has no import(): src/handlers.ts
let cachedData;
try { cachedData = fs.readFileSync(cacheFile); } catch {}
const script = new vm.Script('(function (exports, require, module, __filename, __dirname) {' + fs.readFileSync(file, 'utf8') + '\\n})', {
  filename: file, cachedData,
});
if (cachedData === undefined || script.cachedDataRejected || process.env.ASL_WRITE_CODE_CACHE) {
  process.once('exit', () => {
    try {
      const tmp = cacheFile + '.' + process.pid;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {}
  });
}
const m = { exports: {} };
script.runInThisContext()(m.exports, require, m, file, __dirname);
`;
fs.writeFileSync(path.join(outdir, 'asl.js'), loader, { mode: 0o755 });
fs.rmSync(path.join(outdir, 'asl-main.js.cache'), { force: true });

// Sample run that fills the code cache with the functions a typical run compiles (JSONPath states, Map, Choice, Task).
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
const r = spawnSync(process.execPath, [path.join(outdir, 'asl.js'), 'run', '--definition', path.join(tmpdir, 'sample.json'),
  '--input', path.join(tmpdir, 'input.json')], { env: { ...process.env, ASL_WRITE_CODE_CACHE: '1' }, encoding: 'utf8' });
fs.rmSync(tmpdir, { recursive: true, force: true });
if (r.status !== 0 || !r.stdout.includes('"SUCCEEDED"')) {
  console.error(`build: the sample run failed (code cache not written):\n${r.stdout}${r.stderr}`);
  process.exitCode = 1;
}
