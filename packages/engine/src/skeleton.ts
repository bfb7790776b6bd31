/**
 * The shared state skeleton (spec: "Input and Output Processing"; AWS dg/concepts-input-output-filtering.html,
 * dg/transforming-data.html, dg/concepts-error-handling.html):
 *
 * `<Type>StateEntered` → InputPath/Parameters (JSONPath) or Arguments (JSONata) → body → ResultSelector/ResultPath/
 * OutputPath (JSONPath) or Output (JSONata) → Assign → `<Type>StateExited` → Next, with Retry and Catch around the body.
 *
 * Every field is compiled once per definition ({@link compileIo}); a state's run only evaluates closures.
 */
import { AslError } from './errors.js';
import {
  compileJsonataTemplate, compilePath, compilePayloadTemplate, compileReferencePath,
  type CompiledJsonata, type CompiledPath, type CompiledTemplate, type ReferencePath,
} from './io/index.js';
import type { EvalContext } from './io/eval-context.js';
import type { Vars } from './variables.js';
import { NOT_TRUNCATED, toJsonText } from './history.js';
import { Cancelled, LaneFailure, type Lane, type Runtime } from './runtime.js';
import type { HistoryEventType, QueryLanguage, RawState } from './types.js';

/** What one state's run produces. */
export interface Outcome {
  output: unknown;
  /** Next state name; undefined ends the lane. */
  next: string | undefined;
}

/** Everything a state body can read while it runs. */
export interface StateRun {
  rt: Runtime;
  lane: Lane;
  cs: CompiledState;
  /** The raw state input. */
  input: unknown;
  enteredId: number;
  enteredPrev: number;
  enteredTime: number;
  retryCount: number;
  /** `$$.Task.Token` for `.waitForTaskToken` tasks. */
  taskToken?: string;
  /** Set only for the state under {@link testState}: the intermediate values of the data flow. */
  inspect?: Inspection;
  /** The Context Object built for the current attempt (rebuilt when RetryCount, token or Map item change). */
  ctxCache?: { retry: number; token: string | undefined; item: unknown; value: Record<string, unknown> };
}

/** TestState DEBUG inspection data (AWS API Reference: InspectionData). Values are JSON values, not text. */
export interface Inspection {
  input?: unknown;
  afterInputPath?: unknown;
  afterParameters?: unknown;
  afterArguments?: unknown;
  result?: unknown;
  afterResultSelector?: unknown;
  afterResultPath?: unknown;
  afterItemSelector?: unknown;
}

/** A compiled Retrier with the spec's defaults applied (spec "Retrying after error"; AWS dg/concepts-error-handling.html). */
export interface Retrier {
  errorEquals: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds: number | undefined;
  jitter: 'FULL' | 'NONE';
}
/** A compiled Catcher (spec "Fallback states"; AWS dg/concepts-error-handling.html). */
export interface Catcher {
  errorEquals: string[];
  next: string;
  resultPath: ReferencePath | null | undefined;
  output: CompiledJsonata | undefined;
  assign: AssignPlan | undefined;
  ql: QueryLanguage;
}

/** Assign: JSONPath payload template (right-hand sides read pre-assignment values), or JSONata per variable. */
export type AssignPlan =
  | { ql: 'JSONPath'; template: CompiledTemplate }
  | { ql: 'JSONata'; entries: [string, CompiledJsonata][] };

/** Compiled I/O fields of a state. `null` paths mean the JSON `null` value (InputPath null → `{}`, ResultPath null → discard). */
export interface IoPlan {
  inputPath: CompiledPath | null | undefined;
  parameters: CompiledTemplate | undefined;
  resultSelector: CompiledTemplate | undefined;
  resultPath: ReferencePath | null | undefined;
  outputPath: CompiledPath | null | undefined;
  arguments: CompiledJsonata | undefined;
  output: CompiledJsonata | undefined;
  assign: AssignPlan | undefined;
  /** JSONPath without InputPath, ResultPath, OutputPath and Assign: the output half has nothing to do. */
  bare: boolean;
}

/** One state compiled once per definition: its transition, I/O plan, Retriers, Catchers and body (spec "States"). */
export interface CompiledState {
  name: string;
  type: RawState['Type'];
  ql: QueryLanguage;
  raw: RawState;
  next: string | undefined;
  io: IoPlan;
  retriers: Retrier[];
  catchers: Catcher[];
  /** `<Type>StateEntered` / `<Type>StateExited`. */
  entered: HistoryEventType;
  exited: HistoryEventType;
  /** The type-specific body, including its use of the I/O plan; returns the state output and next state. */
  run(x: StateRun): Outcome | Promise<Outcome>;
}

// ---------------------------------------------------------------------------------------------- compile

/** Compiles a JSONata field, passing the field name for error locations (AWS `location`, e.g. "Assign/result"). */
export function jsonata(value: unknown, field: string): CompiledJsonata {
  return compileJsonataTemplate(value, { field });
}

function optPath(raw: RawState, field: string): CompiledPath | null | undefined {
  if (!(field in raw)) return undefined;
  const v = raw[field];
  return v === null ? null : compilePath(v);
}

/** Compiles a state's, Choice rule's or Catcher's `Assign` (AWS dg/workflow-variables.html); undefined when absent. */
export function compileAssign(value: unknown, ql: QueryLanguage): AssignPlan | undefined {
  if (value === undefined || value === null || typeof value !== 'object') return undefined;
  if (ql === 'JSONPath') return { ql, template: compilePayloadTemplate(value) };
  return { ql, entries: Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, jsonata(v, `Assign/${k}`)]) };
}

/** Compiles the I/O fields a state of this type may carry (spec: the I/O field table per state type). */
export function compileIo(raw: RawState, ql: QueryLanguage): IoPlan {
  if (ql === 'JSONata') {
    return {
      inputPath: undefined, parameters: undefined, resultSelector: undefined, resultPath: undefined, outputPath: undefined,
      arguments: 'Arguments' in raw ? jsonata(raw.Arguments, 'Arguments') : undefined,
      output: 'Output' in raw ? jsonata(raw.Output, 'Output') : undefined,
      assign: compileAssign(raw.Assign, ql),
      bare: false,
    };
  }
  const io: IoPlan = {
    inputPath: optPath(raw, 'InputPath'),
    parameters: raw.Type === 'Map' ? undefined : 'Parameters' in raw ? compilePayloadTemplate(raw.Parameters) : undefined,
    resultSelector: 'ResultSelector' in raw ? compilePayloadTemplate(raw.ResultSelector) : undefined,
    resultPath: 'ResultPath' in raw ? (raw.ResultPath === null ? null : compileReferencePath(raw.ResultPath)) : undefined,
    outputPath: optPath(raw, 'OutputPath'),
    arguments: undefined,
    output: undefined,
    assign: compileAssign(raw.Assign, ql),
    bare: false,
  };
  io.bare = io.inputPath === undefined && io.resultPath === undefined && io.outputPath === undefined && io.assign === undefined;
  return io;
}

/**
 * Compiles `Retry` with the spec defaults: IntervalSeconds 1 (seconds), MaxAttempts 3, BackoffRate 2.0, JitterStrategy
 * NONE (spec "Retrying after error"; AWS dg/concepts-error-handling.html).
 */
export function compileRetriers(raw: RawState): Retrier[] {
  const list = Array.isArray(raw.Retry) ? raw.Retry : [];
  return list.map((r: any) => ({
    errorEquals: r.ErrorEquals ?? [],
    intervalSeconds: r.IntervalSeconds ?? 1,
    maxAttempts: r.MaxAttempts ?? 3,
    backoffRate: r.BackoffRate ?? 2,
    maxDelaySeconds: r.MaxDelaySeconds,
    jitter: r.JitterStrategy === 'FULL' ? 'FULL' : 'NONE',
  }));
}

/** Compiles `Catch` (spec "Fallback states"): ErrorEquals, Next, ResultPath (JSONPath) or Output (JSONata), Assign. */
export function compileCatchers(raw: RawState, ql: QueryLanguage): Catcher[] {
  const list = Array.isArray(raw.Catch) ? raw.Catch : [];
  return list.map((c: any) => ({
    errorEquals: c.ErrorEquals ?? [],
    next: c.Next,
    resultPath: ql === 'JSONPath' && 'ResultPath' in c ? (c.ResultPath === null ? null : compileReferencePath(c.ResultPath)) : undefined,
    output: ql === 'JSONata' && 'Output' in c ? jsonata(c.Output, 'Output') : undefined,
    assign: compileAssign(c.Assign, ql),
    ql,
  }));
}

// ---------------------------------------------------------------------------------------------- evaluation

let lastMs = Number.NaN;
let lastIso = '';
/** ISO 8601 text of an epoch-ms time, cached for the common case of an unchanged (virtual) clock. */
export function isoOf(ms: number): string {
  if (ms !== lastMs) { lastMs = ms; lastIso = new Date(ms).toISOString(); }
  return lastIso;
}

/** The Context Object for this state (AWS dg/input-output-contextobject.html). */
export function contextOf(x: StateRun): Record<string, unknown> {
  const cached = x.ctxCache;
  if (cached && cached.retry === x.retryCount && cached.token === x.taskToken && cached.item === x.lane.mapItem) return cached.value;
  const value = buildContext(x);
  x.ctxCache = { retry: x.retryCount, token: x.taskToken, item: x.lane.mapItem, value };
  return value;
}

function buildContext(x: StateRun): Record<string, unknown> {
  const state: Record<string, unknown> = { EnteredTime: isoOf(x.enteredTime), Name: x.cs.name };
  const t = x.cs.type;
  if (t === 'Task' || t === 'Map' || t === 'Parallel') state.RetryCount = x.retryCount;
  const c: Record<string, unknown> = {
    Execution: x.rt.contextExecution,
    StateMachine: x.rt.contextStateMachine,
    State: state,
  };
  if (x.taskToken !== undefined) c.Task = { Token: x.taskToken };
  if (x.lane.mapItem) c.Map = { Item: x.lane.mapItem };
  return c;
}

/** An evaluation context over `input` (`$` / `$states.input`). */
export function evalCtx(x: StateRun, input: unknown, extra?: { result?: unknown; errorOutput?: unknown }): EvalContext {
  const ctx = new StateEvalContext(x, input);
  if (extra) {
    ctx.result = extra.result;
    ctx.errorOutput = extra.errorOutput;
  }
  return ctx;
}

/** An EvalContext whose Context Object is built only when an expression reads it (most never do). */
class StateEvalContext implements EvalContext {
  // fields assigned in the constructor (`declare`): class-field initialisers would cost a call per instance;
  // `result` and `errorOutput` default to the prototype's `undefined` (set on the few contexts that have them)
  declare result: unknown;
  declare errorOutput: unknown;
  declare readonly variables: Vars;
  declare readonly input: unknown;
  declare private readonly x: StateRun;
  constructor(x: StateRun, input: unknown) {
    this.x = x;
    this.input = input;
    this.variables = x.lane.vars;
  }
  get context(): unknown { return contextOf(this.x); }
}
(StateEvalContext.prototype as { result: unknown; errorOutput: unknown }).result = undefined;
(StateEvalContext.prototype as { result: unknown; errorOutput: unknown }).errorOutput = undefined;

/** JSONPath InputPath then Parameters: the effective input of the body. */
export function jsonPathEffectiveInput(x: StateRun, withParameters = true): unknown {
  const io = x.cs.io;
  if (io.inputPath === undefined && x.inspect === undefined) {
    return withParameters && io.parameters !== undefined ? io.parameters.evaluate(evalCtx(x, x.input)) : x.input;
  }
  let v = x.input;
  if (io.inputPath === null) v = {};
  else if (io.inputPath) v = io.inputPath.evaluate(evalCtx(x, v));
  if (x.inspect) x.inspect.afterInputPath = v;
  if (withParameters && io.parameters) v = io.parameters.evaluate(evalCtx(x, v));
  if (x.inspect && withParameters) x.inspect.afterParameters = v;
  return v;
}

/** Evaluates an Assign plan; returns the new bindings (not yet applied). */
export async function evalAssign(plan: AssignPlan | undefined, ctx: EvalContext): Promise<[string, unknown][] | undefined> {
  if (!plan) return undefined;
  if (plan.ql === 'JSONPath') return evalAssignJp(plan, ctx);
  const out: [string, unknown][] = [];
  const entries = plan.entries;
  for (let i = 0; i < entries.length; i++) out.push([entries[i]![0], await entries[i]![1].evaluate(ctx)]);
  return out;
}

/** JSONPath Assign (a payload template): synchronous. */
export function evalAssignJp(plan: AssignPlan | undefined, ctx: EvalContext): [string, unknown][] | undefined {
  if (!plan || plan.ql !== 'JSONPath') return undefined;
  const obj = plan.template.evaluate(ctx) as Record<string, unknown>;
  return Object.entries(obj ?? {});
}

/** Applies bindings to the lane's scope and returns `assignedVariables` for the exited event. */
export function applyAssign(x: StateRun, bindings: [string, unknown][] | undefined): Record<string, string> | undefined {
  if (!bindings || bindings.length === 0) return undefined;
  if (!x.rt.rec.keep) {
    // nobody reads the events: bind without printing `assignedVariables`
    const vars = x.lane.vars;
    for (let i = 0; i < bindings.length; i++) vars.set(bindings[i]![0], bindings[i]![1]);
    return undefined;
  }
  const assigned: Record<string, string> = {};
  for (const [k, v] of bindings) {
    x.lane.vars.set(k, v);
    assigned[k] = toJsonText(v);
  }
  return assigned;
}

/**
 * The output half of the skeleton for states that produce a result (Pass, Task, Map, Parallel):
 * JSONPath: ResultSelector → Assign (`$` = the selected result) → ResultPath → OutputPath;
 * JSONata: Assign and Output, both with `$states.input`/`$states.result` and the pre-assignment variables.
 */
export function finishWithResult(x: StateRun, result: unknown, useSelector = true): unknown | Promise<unknown> {
  if (x.inspect) x.inspect.result = result;
  if (x.cs.ql === 'JSONata') return finishWithResultJsonata(x, result);
  return finishWithResultJp(x, result, useSelector);
}

async function finishWithResultJsonata(x: StateRun, result: unknown): Promise<unknown> {
  const io = x.cs.io;
  const ctx = evalCtx(x, x.input, { result });
  const bindings = await evalAssign(io.assign, ctx);
  const output = io.output ? await io.output.evaluate(ctx) : result;
  exitState(x, output, applyAssign(x, bindings));
  return output;
}

/** JSONPath output half, synchronous: ResultSelector → Assign → ResultPath → OutputPath → exited event. */
export function finishWithResultJp(x: StateRun, result: unknown, useSelector = true): unknown {
  const io = x.cs.io;
  if (io.bare && x.inspect === undefined && (!useSelector || io.resultSelector === undefined)) {
    exitState(x, result, undefined);
    return result;
  }
  if (x.inspect) x.inspect.result = result;
  let selected = result;
  if (useSelector && io.resultSelector) selected = io.resultSelector.evaluate(evalCtx(x, result));
  if (x.inspect) x.inspect.afterResultSelector = selected;
  const bindings = io.assign ? evalAssignJp(io.assign, evalCtx(x, selected)) : undefined;
  let out: unknown;
  if (io.resultPath === null) out = x.input;
  else if (io.resultPath) out = io.resultPath.set(x.input, selected);
  else out = selected;
  if (x.inspect) x.inspect.afterResultPath = out;
  if (io.outputPath === null) out = {};
  else if (io.outputPath) out = io.outputPath.evaluate(evalCtx(x, out));
  exitState(x, out, applyAssign(x, bindings));
  return out;
}

/**
 * Output half for states without a result (Choice, Wait, Succeed): JSONPath InputPath → OutputPath (Assign reads the
 * effective input); JSONata Output (default: the input) and Assign.
 */
export function finishPassThrough(x: StateRun, extraAssign?: AssignPlan, extraOutput?: CompiledJsonata, replaceState = false): unknown | Promise<unknown> {
  if (x.cs.ql === 'JSONata') return finishPassThroughJsonata(x, extraAssign, extraOutput, replaceState);
  return finishPassThroughJp(x, extraAssign, replaceState);
}

async function finishPassThroughJsonata(x: StateRun, extraAssign: AssignPlan | undefined, extraOutput: CompiledJsonata | undefined, replaceState: boolean): Promise<unknown> {
  const io = x.cs.io;
  const ctx = evalCtx(x, x.input);
  const b1 = await evalAssign(replaceState ? undefined : io.assign, ctx);
  const b2 = await evalAssign(extraAssign, ctx);
  const outExpr = extraOutput ?? (replaceState ? undefined : io.output);
  const output = outExpr ? await outExpr.evaluate(ctx) : x.input;
  exitState(x, output, applyAssign(x, merge(b1, b2)));
  return output;
}

/** JSONPath pass-through output half, synchronous: InputPath → Assign → OutputPath → exited event. */
export function finishPassThroughJp(x: StateRun, extraAssign?: AssignPlan, replaceState = false): unknown {
  const io = x.cs.io;
  if (io.bare && extraAssign === undefined) {
    exitState(x, x.input, undefined);
    return x.input;
  }
  const stateAssign = replaceState ? undefined : io.assign;
  let v = x.input;
  if (io.inputPath === null) v = {};
  else if (io.inputPath) v = io.inputPath.evaluate(evalCtx(x, v));
  let b: [string, unknown][] | undefined;
  if (stateAssign || extraAssign) {
    const ctx = evalCtx(x, v);
    b = merge(evalAssignJp(stateAssign, ctx), evalAssignJp(extraAssign, ctx));
  }
  let out = v;
  if (io.outputPath === null) out = {};
  else if (io.outputPath) out = io.outputPath.evaluate(evalCtx(x, out));
  exitState(x, out, applyAssign(x, b));
  return out;
}

function merge(a: [string, unknown][] | undefined, b: [string, unknown][] | undefined): [string, unknown][] | undefined {
  if (!a) return b;
  if (!b) return a;
  return [...a, ...b];
}

/** Emits `<Type>StateExited` (HISTORY-FORMAT.md section 2). */
export function exitState(x: StateRun, output: unknown, assigned: Record<string, string> | undefined): void {
  const rt = x.rt;
  if (rt.countOnly) {
    // no quota to check and no event kept: only the id is counted (no payload text, no details object)
    rt.emit(x.lane, x.cs.exited);
    return;
  }
  const text = x.rt.payload(output, () => sizeCause(x.cs.name));
  const d: Record<string, unknown> = { name: x.cs.name, output: text, outputDetails: NOT_TRUNCATED };
  if (assigned) { d.assignedVariables = assigned; d.assignedVariablesDetails = NOT_TRUNCATED; }
  x.rt.emit(x.lane, x.cs.exited, 'stateExitedEventDetails', d);
}

const enteredTypes: Record<string, HistoryEventType> = {};
const exitedTypes: Record<string, HistoryEventType> = {};
/** `<Type>StateEntered`, without building the string per transition. */
export function enteredType(t: string): HistoryEventType {
  return enteredTypes[t] ??= `${t}StateEntered` as HistoryEventType;
}
/** `<Type>StateExited`. */
export function exitedType(t: string): HistoryEventType {
  return exitedTypes[t] ??= `${t}StateExited` as HistoryEventType;
}

/** AWS's cause text for a task result over 262,144 bytes (`States.DataLimitExceeded`; AWS dg/limits-overview.html). */
export function sizeCause(name: string): string {
  return `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`;
}

// ---------------------------------------------------------------------------------------------- errors

/**
 * Whether an ErrorEquals list matches an error (spec "Error names"; States.ALL excludes States.Runtime). A missed
 * heartbeat is the error `States.Timeout` (as AWS records it) that `States.HeartbeatTimeout` also matches: "A Task state
 * either ran longer than the TimeoutSeconds value, or failed to send a heartbeat for a period longer than the
 * HeartbeatSeconds value"; "HeartbeatTimeout is only available inside the Catch and Retry fields" (AWS
 * dg/concepts-error-handling.html).
 */
export function errorMatches(list: string[], error: string, heartbeat = false): boolean {
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e === error) return true;
    if (heartbeat && e === 'States.HeartbeatTimeout') return true;
    if (e === 'States.ALL') return true;
    // "States.TaskFailed acts as a wildcard that matches any known error name except for States.Timeout."
    if (e === 'States.TaskFailed' && error !== 'States.Timeout') return true;
  }
  return false;
}

/** Normalises anything thrown into an AslError (non-ASL exceptions become States.Runtime bugs). */
export function toAslError(e: unknown): AslError {
  if (e instanceof AslError) return e;
  if (e instanceof Error) {
    const err = new AslError('States.Runtime', e.message);
    return err;
  }
  return new AslError('States.Runtime', String(e));
}

/** Whether an error ends the execution past every Catcher: `States.Runtime` raised by the interpreter, or a quota (AWS dg/concepts-error-handling.html: States.ALL does not catch States.Runtime). */
export function isFatal(err: AslError): boolean {
  return (err.name === 'States.Runtime' && (err as any).fromTask !== true) || (err as any).fatal === true;
}

/**
 * The cause of a `States.Runtime` / `States.QueryEvaluationError` with AWS's prefix "An error occurred while executing
 * the state 'X' (entered at the event id #N). " (as recorded in AWS histories; ../shared/conformance); once per error.
 */
export function prefixedCause(x: StateRun, err: AslError): string | undefined {
  if ((err as any).prefixed) return err.causeText;
  if (err.name === 'States.Runtime' || err.name === 'States.QueryEvaluationError') {
    (err as any).prefixed = true;
    const c = `An error occurred while executing the state '${x.cs.name}' (entered at the event id #${x.enteredId}). ${err.causeText ?? ''}`;
    (err as any).causeText = c;
    return c;
  }
  return err.causeText;
}

/** Thrown by bodies that already recorded their failure event; carries the AslError. */
export { Cancelled, LaneFailure };

/** Retry delay in ms for the n-th retry (0-based) of a retrier (AWS dg/concepts-error-handling.html#error-handling-retrying). */
export function retryDelayMs(r: Retrier, n: number): number {
  let d = r.intervalSeconds * Math.pow(r.backoffRate, n);
  if (r.maxDelaySeconds !== undefined) d = Math.min(d, r.maxDelaySeconds);
  if (r.jitter === 'FULL') d = Math.random() * d;
  return d * 1000;
}
