/** Succeed state (spec "Succeed State"): ends the lane successfully; InputPath/OutputPath or Output apply. */
import { finishPassThrough, type CompiledState } from '../skeleton.js';

export function compileSucceed(): CompiledState['run'] {
  return async (x) => ({ output: await finishPassThrough(x), next: undefined });
}
