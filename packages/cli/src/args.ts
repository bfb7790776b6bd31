/** Minimal argv parsing: `--name value`, `--flag`, positionals. */
export interface Args { positionals: string[]; opts: Map<string, string | true> }

const FLAGS = new Set(['--history', '--help', '-h', '--pretty']);

export function parseArgs(argv: string[]): Args {
  const positionals: string[] = [];
  const opts = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--') || a === '-h') {
      const eq = a.indexOf('=');
      if (eq > 0) { opts.set(a.slice(0, eq), a.slice(eq + 1)); continue; }
      if (FLAGS.has(a) || i + 1 >= argv.length || argv[i + 1].startsWith('--')) opts.set(a, true);
      else opts.set(a, argv[++i]);
    } else positionals.push(a);
  }
  return { positionals, opts };
}

export function str(args: Args, name: string): string | undefined {
  const v = args.opts.get(name);
  return typeof v === 'string' ? v : undefined;
}
