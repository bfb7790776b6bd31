// Bundles the CLI into one file that plain `node` runs: packages/cli/dist/asl.js
//
// Start-up matters (a one-state run is mostly process start): the bundle is CommonJS (dist/package.json says so; Node's
// CommonJS loader starts faster than the ESM one), whitespace/syntax-minified, and the big dependencies that only some
// runs need (yaml: YAML files; jsonata: JSONata definitions) are evaluated on first use, not at start-up.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

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
// dist/asl.js is CommonJS although the package is "type": "module"
fs.writeFileSync(path.join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
await build({
  entryPoints: [path.join(here, 'src/main.ts')],
  outfile: path.join(outdir, 'asl.js'),
  bundle: true,
  platform: 'node',
  mainFields: ['module', 'main'],
  format: 'cjs',
  target: 'node20',
  // ASL_BUILD_READABLE=1 keeps the bundle readable (profiles with line numbers)
  minifyWhitespace: !process.env.ASL_BUILD_READABLE,
  minifySyntax: !process.env.ASL_BUILD_READABLE,
  banner: { js: '#!/usr/bin/env node' },
  plugins: [lazyModules],
  logLevel: 'warning',
  legalComments: 'none',
});
