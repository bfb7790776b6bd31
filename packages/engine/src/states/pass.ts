/** Pass state (spec "Pass State"; AWS dg/state-pass.html): passes its input (or `Result`) to its output. */
import { finishPassThrough, finishWithResultJp, jsonPathEffectiveInput, type CompiledState } from '../skeleton.js';
import type { QueryLanguage, RawState } from '../types.js';

/** Compiles a Pass state (spec "Pass State": `Result` / JSONata `Output`). */
export function compilePass(raw: RawState, ql: QueryLanguage): CompiledState['run'] {
  if (ql === 'JSONata') {
    return async (x) => ({ output: await finishPassThrough(x), next: x.cs.next });
  }
  const hasResult = 'Result' in raw;
  const result = raw.Result;
  return (x) => {
    const effective = jsonPathEffectiveInput(x);
    const output = finishWithResultJp(x, hasResult ? result : effective, false);
    return { output, next: x.cs.next };
  };
}
