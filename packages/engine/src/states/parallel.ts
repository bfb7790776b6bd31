/**
 * Parallel state (spec "Parallel State"; AWS dg/state-parallel.html): runs every branch on the same input, output is
 * the array of branch outputs. A failing branch stops the others and fails the state with the branch's error.
 * Each branch is a lane with its own variable scope (reads outer variables, never writes back).
 */
import { AslError } from '../errors.js';
import { compileMachine, runLane, type Program } from '../machine.js';
import { CancelScope, toLaneFailure, type Lane } from '../runtime.js';
import {
  Cancelled, LaneFailure, evalCtx, finishWithResult, jsonPathEffectiveInput, type CompiledState,
} from '../skeleton.js';
import type { QueryLanguage, RawState } from '../types.js';
import { Vars } from '../variables.js';

export function compileParallel(raw: RawState, ql: QueryLanguage, _name: string, topQl: QueryLanguage): CompiledState['run'] {
  const branches: Program[] = (Array.isArray(raw.Branches) ? raw.Branches : []).map((b: any) => compileMachine(b, topQl));
  return async (x) => {
    const { rt, lane } = x;
    let input: unknown;
    if (ql === 'JSONata') input = x.cs.io.arguments ? await x.cs.io.arguments.evaluate(evalCtx(x, x.input)) : x.input;
    else input = jsonPathEffectiveInput(x);
    const startedId = rt.emit(lane, 'ParallelStateStarted');
    const scope = new CancelScope(lane.cancel);
    const lanes: Lane[] = branches.map(() => ({ prev: startedId, vars: new Vars(lane.vars), cancel: new CancelScope(scope) }));
    let failure: { lane: Lane; f: LaneFailure } | undefined;
    const outputs = await Promise.all(branches.map(async (p, i) => {
      const bl = lanes[i];
      try {
        return await runLane(rt, bl, p, input);
      } catch (e) {
        if (e instanceof Cancelled) {
          if (e.abortPrev !== undefined && bl.current && ABORTABLE.has(bl.current)) rt.add(`${bl.current}StateAborted` as any, e.abortPrev);
          return undefined;
        }
        if (!failure) {
          failure = { lane: bl, f: toLaneFailure(e) };
          scope.cancel(new Cancelled(bl.prev));
        }
        return undefined;
      } finally {
        bl.cancel.close();
      }
    }));
    scope.close();
    lane.cancel.throwIfCancelled();
    if (failure) {
      // AWS records the failing branch's Task state as aborted (off the chain: the Parallel's next event, and the
      // ParallelStateStarted of a retry, follow the branch's failure event)
      if (!failure.f.fatal && failure.lane.current === 'Task') rt.add('TaskStateAborted', failure.lane.prev);
      lane.prev = failure.lane.prev;
      if (failure.f.fatal) {
        rt.emit(lane, 'ParallelStateFailed');
        throw failure.f;
      }
      const err = new AslError(failure.f.error, failure.f.cause);
      (err as any).prefixed = true;
      (err as any).fromTask = true;
      throw err;
    }
    let last = startedId;
    for (const l of lanes) if (l.prev > last) last = l.prev;
    rt.add('ParallelStateSucceeded', last);
    lane.prev = last;
    const output = await finishWithResult(x, outputs);
    return { output, next: x.cs.next };
  };
}

/** State types that record `<Type>StateAborted` when stopped mid-way. */
export const ABORTABLE = new Set(['Task', 'Wait', 'Map', 'Parallel']);
