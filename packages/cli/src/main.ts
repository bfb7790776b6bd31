/**
 * `asl` — the ASL Studio command line: run, validate and test-state over @asl-studio/asl and @asl-studio/engine.
 *
 *   asl run --definition F [--input F] [--mock-config F --state-machine NAME --test-case NAME]
 *           [--task-handlers F.mjs] [--history] [--type STANDARD|EXPRESS] [--quotas aws|off]
 *   asl validate F...
 *   asl test-state --definition F --state NAME [--input F] [--mock F]
 */
import { parseArgs } from './args.js';
import { runCommand } from './run.js';
import { validateCommand } from './validate.js';
import { testStateCommand } from './test-state.js';

const USAGE = `usage:
  asl run --definition F [--input F] [--mock-config F --state-machine NAME --test-case NAME]
          [--task-handlers F.mjs] [--history] [--type STANDARD|EXPRESS] [--quotas aws|off]
  asl validate F...
  asl test-state --definition F --state NAME [--input F] [--mock F] [--variables F]`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const args = parseArgs(rest);
  switch (cmd) {
    case 'run': return runCommand(args);
    case 'validate': return validateCommand(args);
    case 'test-state': return testStateCommand(args);
    case undefined: case '-h': case '--help': case 'help':
      process.stdout.write(USAGE + '\n');
      return cmd === undefined ? 2 : 0;
    default:
      process.stderr.write(`asl: unknown command '${cmd}'\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // The result is written (synchronously). With nothing else pending — no timer, socket or file operation left by a
    // task handler, no 'beforeExit' listener — exiting now ends the process exactly as draining the event loop would,
    // without the VM teardown (background compiler threads, heap) that costs a few ms of CPU.
    if (process.listenerCount('beforeExit') === 0 && process.getActiveResourcesInfo().length === 0) process.exit(code);
  },
  (e) => {
    process.stderr.write(`asl: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 3;
  },
);
