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
  outfile: path.join(outdir, 'asl.js'),
  banner: { js: '#!/usr/bin/env node' },
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

// Smoke run of the built file: a definition with Pass, Choice, Map, Task (Retry/Catch) and Succeed must succeed.
fs.chmodSync(path.join(outdir, 'asl.js'), 0o755);
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
  '--input', path.join(tmpdir, 'input.json')], { encoding: 'utf8' });
fs.rmSync(tmpdir, { recursive: true, force: true });
if (r.status !== 0 || !r.stdout.includes('"SUCCEEDED"')) {
  console.error(`build: the smoke run of dist/asl.js failed:\n${r.stdout}${r.stderr}`);
  process.exitCode = 1;
}
