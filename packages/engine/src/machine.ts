/**
 * Compilation of a state machine (or branch / item processor) into a plan of closures, and the iterative lane loop
 * that runs it (spec: "State Machine", "Transitions"). Retry and Catch live here, once, around every state's body.
 */
import { AslError } from './errors.js';
import { NOT_TRUNCATED } from './history.js';
import {
  Cancelled, LaneFailure, type Catcher, type CompiledState, type Outcome, type StateRun,
  compileCatchers, compileIo, compileRetriers, errorMatches, evalAssign, evalCtx, applyAssign, exitState,
  isFatal, prefixedCause, retryDelayMs, sizeCause, toAslError, enteredType, exitedType,
} from './skeleton.js';
import type { Lane, Runtime } from './runtime.js';
import type { QueryLanguage, RawMachine, RawState } from './types.js';
import { compilePass } from './states/pass.js';
import { compileTask } from './states/task.js';
import { compileChoice } from './states/choice.js';
import { compileWait } from './states/wait.js';
import { compileSucceed } from './states/succeed.js';
import { compileFail } from './states/fail.js';
import { compileParallel } from './states/parallel.js';
import { compileMap } from './states/map.js';

/** A compiled `{StartAt, States}`. */
export interface Program {
  startAt: string;
  states: Map<string, CompiledState>;
  /** The machine's QueryLanguage (inherited by nested machines). */
  ql: QueryLanguage;
}

type Body = CompiledState['run'];
type Compiler = (raw: RawState, ql: QueryLanguage, name: string, topQl: QueryLanguage) => Body;
const compilers: { [K in RawState['Type']]: Compiler } = {
  Pass: compilePass, Task: compileTask, Choice: compileChoice, Wait: compileWait,
  Succeed: compileSucceed, Fail: compileFail, Parallel: compileParallel, Map: compileMap,
};

const cache = new WeakMap<object, Program>();

/** Transitions between two macrotask yields of an otherwise synchronous run. */
const YIELD_EVERY = 2000;
const yieldToEventLoop = (): Promise<void> => new Promise((r) => {
  const si = (globalThis as any).setImmediate;
  if (typeof si === 'function') si(r); else setTimeout(r, 0);
});

/** Compiles a machine once (cached per definition object). `topQl` is the enclosing machine's QueryLanguage. */
export function compileMachine(def: RawMachine, topQl?: QueryLanguage): Program {
  const hit = cache.get(def);
  if (hit) return hit;
  const ql: QueryLanguage = def.QueryLanguage ?? topQl ?? 'JSONPath';
  const states = new Map<string, CompiledState>();
  for (const [name, raw] of Object.entries(def.States ?? {})) {
    const sql: QueryLanguage = raw.QueryLanguage ?? ql;
    const compiler = compilers[raw.Type];
    if (!compiler) throw new AslError('States.Runtime', `Unknown state type '${String(raw.Type)}' in state '${name}'.`);
    states.set(name, {
      name, type: raw.Type, ql: sql, raw,
      next: raw.End === true ? undefined : raw.Next,
      io: compileIo(raw, sql),
      retriers: compileRetriers(raw),
      catchers: compileCatchers(raw, sql),
      entered: enteredType(raw.Type), exited: exitedType(raw.Type),
      run: compiler(raw, sql, name, ql),
    });
  }
  const p: Program = { startAt: def.StartAt, states, ql };
  cache.set(def, p);
  return p;
}

/** Where a lane stands between two calls of {@link advance}. */
interface Cursor {
  /** The next state to run; undefined once the lane has ended. */
  name: string | undefined;
  /** The next state's input; the lane's output once it ended. */
  value: unknown;
  /** The outcome of an asynchronous state still running. */
  pending: Promise<Outcome> | undefined;
}
const ENDED = 0, PENDING = 1, YIELD = 2, AGAIN = 3;
/** Transitions per call of {@link advance}: short calls let V8 optimise it like any hot function (no on-stack replacement). */
const STEPS_PER_CALL = 64;

/**
 * Runs a lane from `program.startAt` to its end; its output, or a promise of it once a state went asynchronous (await
 * the result: a lane that ends synchronously costs no async function, and awaiting its value takes the same one
 * microtask as awaiting a settled promise). Iterative: one loop iteration per transition. Rejects with
 * {@link LaneFailure} when a state fails without a matching Catcher, {@link Cancelled} when stopped (never throws).
 */
export function runLane(rt: Runtime, lane: Lane, program: Program, input: unknown): unknown {
  const c: Cursor = { name: program.startAt, value: input, pending: undefined };
  let r: number;
  try {
    // the synchronous transitions run in a plain function: an async function's loop is never optimised while it runs
    r = advance(rt, lane, program, c);
  } catch (e) {
    return Promise.reject(e);
  }
  if (r === ENDED) return c.value;
  return continueLane(rt, lane, program, c, r);
}

/** The rest of a lane after {@link advance} stopped at an asynchronous state, a yield or the end of a batch. */
async function continueLane(rt: Runtime, lane: Lane, program: Program, c: Cursor, first: number): Promise<unknown> {
  for (let r = first; ; r = advance(rt, lane, program, c)) {
    if (r === ENDED) return c.value;
    if (r === PENDING) {
      const o = await c.pending!;
      c.pending = undefined;
      c.value = o.output;
      if (o.next === undefined) return c.value;
      c.name = o.next;
    } else if (r === YIELD) {
      // let timers, aborts and worker messages in: a purely synchronous loop would otherwise never yield
      rt.syncSteps = 0;
      const end = rt.clock.beginExternal(); // a yield is not idleness: virtual time must not jump meanwhile
      try { await yieldToEventLoop(); } finally { end(); }
      if (c.name === undefined) return c.value;
    }
  }
}

/** Runs synchronous transitions from `c.name` until the lane ends, a state goes asynchronous, a yield is due or a batch is done. */
function advance(rt: Runtime, lane: Lane, program: Program, c: Cursor): number {
  for (let steps = 0; steps < STEPS_PER_CALL; steps++) {
    const cs = program.states.get(c.name!);
    if (!cs) throw new LaneFailure('States.Runtime', `State '${c.name}' does not exist.`, true);
    const stopped = lane.cancel.cancelled;
    if (stopped) throw stopped;
    if (rt.rec.overflow) rt.rec.check(); // throws
    const o = runState(rt, lane, cs, c.value);
    if (o instanceof Promise) {
      c.pending = o;
      return PENDING;
    }
    c.value = o.output;
    c.name = o.next;
    if (++rt.syncSteps >= YIELD_EVERY) return YIELD;
    if (o.next === undefined) return ENDED;
  }
  return AGAIN;
}

/** One state: entered event, body with Retry/Catch, exited event (emitted by the body or the Catcher). */
export function runState(rt: Runtime, lane: Lane, cs: CompiledState, input: unknown): Outcome | Promise<Outcome> {
  lane.current = cs.type;
  const enteredPrev = lane.prev;
  // every field present from the start: one object shape for all states
  const x: StateRun = {
    rt, lane, cs, input, enteredId: 0, enteredPrev, enteredTime: rt.clock.now(), retryCount: 0,
    taskToken: undefined, inspect: undefined, ctxCache: undefined,
  };
  const testing = rt.testTarget === cs;
  if (testing) x.inspect = { input };
  try {
    if (rt.countOnly) x.enteredId = rt.emit(lane, cs.entered); // only the id is counted
    else {
      const text = rt.payload(input, () => sizeCause(cs.name));
      x.enteredId = rt.emit(lane, cs.entered, 'stateEnteredEventDetails', { name: cs.name, input: text, inputDetails: NOT_TRUNCATED });
    }
  } catch (e) {
    const err = toAslError(e);
    throw new LaneFailure(err.name, err.causeText, true);
  }
  // Fast path: most bodies (JSONPath Pass/Choice/Succeed...) complete synchronously, without a promise per state.
  let first: Outcome | Promise<Outcome>;
  try {
    first = cs.run(x);
  } catch (e) {
    return retryLoop(x, testing, undefined, e);
  }
  if (first instanceof Promise) return retryLoop(x, testing, first, undefined);
  lane.current = undefined;
  if (testing) rt.testInspect = x.inspect;
  return first;
}

/**
 * The rest of a state's run once it went asynchronous or failed: awaits the body, applies Retry and Catch.
 * The awaits come early in the function and the work is done in synchronous helpers: V8's baseline code finds where an
 * async function suspends and resumes by scanning its code from the start, at every await.
 */
async function retryLoop(x: StateRun, testing: boolean, pending: Promise<Outcome> | undefined, thrown: unknown): Promise<Outcome> {
  const attempts = x.cs.retriers.length ? new Array<number>(x.cs.retriers.length).fill(0) : undefined;
  for (;;) {
    let failure: unknown;
    try {
      if (pending === undefined && thrown !== undefined) {
        failure = thrown;
        thrown = undefined;
      } else {
        const out = await (pending ?? x.cs.run(x));
        pending = undefined;
        x.lane.current = undefined;
        if (testing) x.rt.testInspect = x.inspect;
        return out;
      }
    } catch (e) {
      pending = undefined;
      failure = e;
    }
    // Retry (spec "Retrying after error")
    const ms = retryDelay(x, testing, attempts, failure);
    if (ms >= 0) {
      if (ms > 0) await x.lane.cancel.wait(x.rt.clock.sleep(ms).promise);
      continue;
    }
    const { rt, lane, cs, input } = x;
    const err = toAslError(failure);
    const cause = prefixedCause(x, err);
    if (cs.type === 'Map') rt.emit(lane, 'MapStateFailed');
    else if (cs.type === 'Parallel') rt.emit(lane, 'ParallelStateFailed');
    // Catch (spec "Fallback states")
    let c: Catcher | undefined;
    for (const k of cs.catchers) if (errorMatches(k.errorEquals, err.name, (err as any).heartbeat === true)) { c = k; break; }
    if (!c) throw new LaneFailure(err.name, cause, false);
    const errorOutput: Record<string, unknown> = { Error: err.name };
    errorOutput.Cause = cause ?? '';
    try {
      let output: unknown;
      let bindings: [string, unknown][] | undefined;
      if (c.ql === 'JSONata') {
        const ctx = evalCtx(x, input, { errorOutput });
        bindings = await evalAssign(c.assign, ctx);
        output = c.output ? await c.output.evaluate(ctx) : errorOutput;
      } else {
        bindings = await evalAssign(c.assign, evalCtx(x, errorOutput));
        if (c.resultPath === null) output = input;
        else if (c.resultPath) output = c.resultPath.set(input, errorOutput);
        else output = errorOutput;
      }
      if (x.inspect) x.inspect.afterResultPath = output;
      exitState(x, output, applyAssign(x, bindings));
      lane.current = undefined;
      if (testing) (x as any).caught = { error: err.name, cause };
      if (testing) rt.testCaught = { error: err.name, cause };
      return { output, next: c.next };
    } catch (e2) {
      if (e2 instanceof Cancelled || e2 instanceof LaneFailure) throw e2;
      const err2 = toAslError(e2);
      throw new LaneFailure(err2.name, prefixedCause(x, err2), isFatal(err2));
    }
  }
}

/**
 * After a failed attempt: the delay before the next attempt when a retrier applies (counted), else -1 (the state
 * fails; Catch applies). Throws what no Catcher may handle (stops, uncatchable failures, TestState's RETRIABLE).
 */
function retryDelay(x: StateRun, testing: boolean, attempts: number[] | undefined, e: unknown): number {
  const { rt, lane, cs } = x;
  if (e instanceof Cancelled || e instanceof LaneFailure || e instanceof RetriableSignal) throw e;
  const err = toAslError(e);
  const cause = prefixedCause(x, err);
  if (testing) rt.testInspect = x.inspect;
  if (isFatal(err)) throw new LaneFailure(err.name, cause, true);
  // recorded once, where the expression failed: a Map or Parallel failing because an iteration or branch failed
  // does not record it again (its child lane did)
  const fromChild = (cs.type === 'Map' || cs.type === 'Parallel') && (err as any).fromTask === true;
  if (err.name === 'States.QueryEvaluationError' && !(err as any).recorded && !fromChild) {
    (err as any).recorded = true;
    const d: Record<string, unknown> = { error: err.name, cause: cause ?? '' };
    const loc = (err as any).location ?? /specified for the field '([^']+)'/.exec(err.causeText ?? '')?.[1];
    if (loc !== undefined) d.location = loc;
    d.state = cs.name;
    const prev = cs.type === 'Wait' ? x.enteredId : x.enteredPrev;
    lane.prev = rt.add('EvaluationFailed', prev, 'evaluationFailedEventDetails', d);
  }
  if (!attempts) return -1;
  let i = 0;
  while (i < cs.retriers.length && !errorMatches(cs.retriers[i].errorEquals, err.name, (err as any).heartbeat === true)) i++;
  if (i === cs.retriers.length) return -1;
  const r = cs.retriers[i];
  if (attempts[i] >= r.maxAttempts) return -1;
  const ms = retryDelayMs(r, attempts[i]);
  if (testing) throw new RetriableSignal(err.name, cause, i, ms / 1000, x);
  attempts[i]++;
  x.retryCount++;
  return ms;
}

/** TestState: the tested state failed with an error that a retrier would retry (status RETRIABLE). */
export class RetriableSignal extends Error {
  constructor(readonly error: string, override readonly cause: string | undefined, readonly retryIndex: number,
    readonly retryBackoffIntervalSeconds: number, readonly run: StateRun) { super(error); }
}
