import type { Args } from './args.js';
import { loadDefinition } from './files.js';

/** `asl validate F…`: one line per diagnostic `file:line:col severity code message`; exit 1 on any error. */
export async function validateCommand(args: Args): Promise<number> {
  if (!args.positionals.length) {
    process.stderr.write('usage: asl validate F...\n');
    return 2;
  }
  let errors = 0;
  for (const file of args.positionals) {
    let diags;
    try {
      diags = loadDefinition(file).diagnostics;
    } catch (e) {
      process.stdout.write(`${file}:1:1 error READ_ERROR ${(e as Error).message}\n`);
      errors++;
      continue;
    }
    for (const d of diags) {
      if (d.severity === 'error') errors++;
      process.stdout.write(`${file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}\n`);
    }
  }
  return errors ? 1 : 0;
}
