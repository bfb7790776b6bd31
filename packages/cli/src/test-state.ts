import type { Args } from './args.js';
export async function testStateCommand(_args: Args): Promise<number> {
  process.stderr.write('test-state: not implemented yet\n');
  return 2;
}
