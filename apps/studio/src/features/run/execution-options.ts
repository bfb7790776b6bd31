import type { ExecutionOptions } from '@asl-studio/engine';
import type { RunRequest } from './worker-protocol';

/**
 * The engine's options for a run request (the execution worker's half of the protocol; the fake worker of the store's
 * tests uses it too). Empty strings mean "not set". `type` goes through as is: absent = STANDARD, the engine's default.
 * Pure.
 *
 * @example
 * startExecution(req.definition, executionOptions(req, { signal, onEvent }));
 */
export function executionOptions(req: RunRequest, run: Pick<ExecutionOptions, 'signal' | 'onEvent'> = {}): ExecutionOptions {
  return {
    input: req.input,
    name: req.name || undefined,
    stateMachineName: req.stateMachineName || undefined,
    type: req.type,
    mockConfig: req.mockConfig as ExecutionOptions['mockConfig'],
    testCase: req.testCase || undefined,
    clock: req.clock,
    quotas: req.quotas,
    ...run,
  };
}
