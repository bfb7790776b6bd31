// Bundles the CLI into one ESM file that plain `node` runs: packages/cli/dist/asl.js
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [path.join(here, 'src/main.ts')],
  outfile: path.join(here, 'dist/asl.js'),
  bundle: true,
  platform: 'node',
  mainFields: ['module', 'main'],
  format: 'esm',
  target: 'node20',
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __aslCreateRequire } from 'node:module'; const require = __aslCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
  legalComments: 'none',
});
