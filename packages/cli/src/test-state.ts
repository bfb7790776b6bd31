import { DefinitionError, testState } from '@asl-studio/engine';
import { str, type Args } from './args.js';
import { loadData, loadDefinition } from './files.js';

/**
 * `asl test-state --definition F --state NAME [--input F] [--mock F] [--variables F] [--history]`: runs one state like
 * the AWS TestState API (DEBUG) and prints `{status, output?, nextState?, error?, cause?, inspectionData, variables}`.
 * `--mock` is a JSON file `{"result": …}` or `{"errorOutput": {"error": …, "cause": …}}`. Exit 0 for SUCCEEDED and
 * CAUGHT_ERROR, 1 for FAILED and RETRIABLE, 2 for an invalid definition or state name.
 */
export async function testStateCommand(args: Args): Promise<number> {
  const defFile = str(args, '--definition');
  const state = str(args, '--state');
  if (!defFile) {
    process.stderr.write('usage: asl test-state --definition F --state NAME [--input F] [--mock F] [--variables F]\n');
    return 2;
  }
  const { doc, diagnostics } = loadDefinition(defFile);
  const def = doc.definition as any;
  const singleState = def && typeof def === 'object' && typeof def.Type === 'string' && !def.States;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!def || (!singleState && errors.length)) {
    process.stdout.write(JSON.stringify({ status: 'INVALID_DEFINITION', diagnostics: errors.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column })) }) + '\n');
    return 2;
  }
  const inputFile = str(args, '--input');
  const mockFile = str(args, '--mock');
  const varsFile = str(args, '--variables');
  try {
    const r = await testState(def, state, {
      input: inputFile ? loadData(inputFile) : {},
      mock: mockFile ? (loadData(mockFile) as any) : undefined,
      variables: varsFile ? (loadData(varsFile) as Record<string, unknown>) : undefined,
    });
    const { history, ...rest } = r;
    const out: Record<string, unknown> = rest;
    if (args.opts.has('--history')) out.history = history;
    process.stdout.write(JSON.stringify(out) + '\n');
    return r.status === 'SUCCEEDED' || r.status === 'CAUGHT_ERROR' ? 0 : 1;
  } catch (e) {
    if (e instanceof DefinitionError) {
      process.stdout.write(JSON.stringify({ status: 'INVALID_DEFINITION', diagnostics: e.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message })) }) + '\n');
      return 2;
    }
    throw e;
  }
}
