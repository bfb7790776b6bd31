/** Succeed state (spec "Succeed State"): ends the lane successfully; InputPath/OutputPath or Output apply. */
import { finishPassThroughJp, finishPassThrough, type CompiledState } from '../skeleton.js';
import type { QueryLanguage, RawState } from '../types.js';

/** Compiles a Succeed state (spec "Succeed State"). */
export function compileSucceed(_raw: RawState, ql: QueryLanguage): CompiledState['run'] {
  if (ql === 'JSONata') return async (x) => ({ output: await finishPassThrough(x), next: undefined });
  return (x) => ({ output: finishPassThroughJp(x), next: undefined });
}
