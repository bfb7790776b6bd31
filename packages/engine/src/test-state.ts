/**
 * TestState (AWS API Reference: TestState, inspection level DEBUG; AWS dg/test-state-isolation.html): runs one state in
 * isolation and reports its status, output, next state, error and the intermediate data of its data flow.
 */
import { AslError } from './errors.js';
import { SimulatedClock } from './clock.js';
import { HistoryRecorder } from './history.js';
import { compileMachine, runState, RetriableSignal } from './machine.js';
import { CancelScope, LaneFailure, Runtime, type Lane } from './runtime.js';
import type { Inspection } from './skeleton.js';
import type { HistoryEvent, MockConfig, RawMachine, RawState, TaskHandler } from './types.js';
import { Vars } from './variables.js';
import { DEFAULT_ACCOUNT, DEFAULT_REGION, DEFAULT_ROLE_ARN, DefinitionError } from './execution.js';

/** Options of {@link testState}. */
export interface TestStateOptions {
  /** The state input; default `{}`. */
  input?: unknown;
  /** Workflow variables visible to the state (AWS TestState `variables`). */
  variables?: Record<string, unknown>;
  /** Mocks the state's result or error instead of invoking its resource (TestState `mock`). */
  mock?: { result?: unknown; errorOutput?: { error: string; cause?: string } };
  /** Fallbacks when no `mock` is given: a mock config test case and task handlers, as in {@link startExecution}. */
  mockConfig?: MockConfig;
  stateMachineName?: string;
  testCase?: string;
  taskHandlers?: Record<string, TaskHandler>;
}

/** TestState's answer (AWS API Reference: TestStateOutput). `output`/`inspectionData` hold JSON values, not text. */
export interface TestStateResult {
  status: 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';
  output?: unknown;
  nextState?: string;
  error?: string;
  cause?: string;
  inspectionData: Inspection & {
    /** Variables after the state ran. */
    variables?: Record<string, unknown>;
    /** RETRIABLE: which retrier matched and the back-off it would wait. */
    errorDetails?: { retryIndex: number; retryBackoffIntervalSeconds: number; catchIndex?: number };
  };
  /** Workflow variables after the state ran (the input variables plus its Assign). */
  variables: Record<string, unknown>;
  /** The events the state produced (as they would appear in an execution history). */
  history: HistoryEvent[];
}

/**
 * Tests one state. `definition` is either a whole state machine (then `stateName` picks the state; nested states of
 * Parallel/Map are found too) or a single state object. The state runs with the simulated clock; `mock` replaces its
 * Task result or raises its error. Status: SUCCEEDED, FAILED (uncaught error), RETRIABLE (a retrier would retry; no
 * retry happens), CAUGHT_ERROR (a catcher handled the error: `output` and `nextState` are the catcher's).
 *
 * @example
 * const r = await testState(def, 'Charge', { input: { amount: 3 }, mock: { result: { ok: true } } });
 * r.status; r.output; r.inspectionData.afterResultSelector;
 */
export async function testState(definition: RawMachine | RawState | object, stateName?: string, options: TestStateOptions = {}): Promise<TestStateResult> {
  const def = definition as any;
  let machine: RawMachine;
  let name: string;
  if (def && typeof def === 'object' && typeof def.Type === 'string' && !def.States) {
    name = stateName ?? 'TestState';
    machine = { StartAt: name, States: { [name]: def } };
  } else {
    machine = def as RawMachine;
    name = stateName ?? machine.StartAt;
  }
  const found = findState(machine, name);
  if (!found) {
    throw new DefinitionError([{ code: 'INVALID_STATE_NAME', severity: 'error', message: `State '${name}' does not exist in the definition.`, range: { offset: 0, length: 0 }, line: 1, column: 1 }]);
  }
  let program;
  try {
    program = compileMachine(found.machine, found.topQl);
  } catch (e) {
    throw new DefinitionError([{ code: 'COMPILE_ERROR', severity: 'error', message: e instanceof Error ? e.message : String(e), range: { offset: 0, length: 0 }, line: 1, column: 1 }]);
  }
  const cs = program.states.get(name)!;
  const input = options.input === undefined ? {} : options.input;
  const clock = new SimulatedClock(Date.now());
  const rec = new HistoryRecorder(() => clock.now(), undefined, Number.POSITIVE_INFINITY);
  const smName = options.stateMachineName ?? 'StateMachine';
  const execName = globalThis.crypto.randomUUID();
  const smArn = `arn:aws:states:${DEFAULT_REGION}:${DEFAULT_ACCOUNT}:stateMachine:${smName}`;
  const handlers: Record<string, TaskHandler> = { ...(options.taskHandlers ?? {}) };
  let mockCase = options.mockConfig && options.testCase !== undefined ? options.mockConfig.StateMachines?.[smName]?.TestCases?.[options.testCase] : undefined;
  if (options.mock) {
    const m = options.mock;
    handlers[name] = async () => {
      if (m.errorOutput) throw new AslError(m.errorOutput.error, m.errorOutput.cause);
      return m.result;
    };
    if (mockCase && name in mockCase) { mockCase = { ...mockCase }; delete mockCase[name]; }
  }
  const rt = new Runtime(rec, clock, new CancelScope(), false,
    { Id: `arn:aws:states:${DEFAULT_REGION}:${DEFAULT_ACCOUNT}:execution:${smName}:${execName}`, Input: input, StartTime: new Date(clock.now()).toISOString(), Name: execName, RoleArn: DEFAULT_ROLE_ARN, RedriveCount: 0 },
    { Id: smArn, Name: smName }, mockCase, options.mockConfig, handlers, DEFAULT_REGION, DEFAULT_ACCOUNT);
  rt.testTarget = cs;
  const vars = new Vars();
  for (const [k, v] of Object.entries(options.variables ?? {})) vars.set(k, v);
  const lane: Lane = { prev: 0, vars, cancel: rt.root };
  const done = (r: Omit<TestStateResult, 'inspectionData' | 'variables' | 'history'>): TestStateResult => {
    const inspection = (rt.testInspect ?? { input }) as Inspection;
    return { ...r, inspectionData: { ...inspection, variables: vars.snapshot() }, variables: vars.snapshot(), history: rec.events };
  };
  try {
    const o = await runState(rt, lane, cs, input);
    const caught = rt.testCaught;
    if (caught) return done({ status: 'CAUGHT_ERROR', output: o.output, nextState: o.next, error: caught.error, ...(caught.cause !== undefined ? { cause: caught.cause } : {}) });
    return done({ status: 'SUCCEEDED', output: o.output, ...(o.next !== undefined ? { nextState: o.next } : {}) });
  } catch (e) {
    if (e instanceof RetriableSignal) {
      const r = done({ status: 'RETRIABLE', error: e.error, ...(e.cause !== undefined ? { cause: e.cause } : {}) });
      r.inspectionData.errorDetails = { retryIndex: e.retryIndex, retryBackoffIntervalSeconds: e.retryBackoffIntervalSeconds };
      return r;
    }
    if (e instanceof LaneFailure) return done({ status: 'FAILED', ...(e.error !== undefined ? { error: e.error } : {}), ...(e.cause !== undefined ? { cause: e.cause } : {}) });
    const err = e instanceof AslError ? e : new AslError('States.Runtime', e instanceof Error ? e.message : String(e));
    return done({ status: 'FAILED', error: err.name, ...(err.causeText !== undefined ? { cause: err.causeText } : {}) });
  } finally {
    clock.dispose(new Error('done'));
  }
}

/** Finds a state by name anywhere in the machine (top level, Parallel branches, Map processors). */
function findState(m: RawMachine, name: string, topQl?: 'JSONPath' | 'JSONata'): { machine: RawMachine; topQl: 'JSONPath' | 'JSONata' | undefined } | undefined {
  const ql = topQl ?? m.QueryLanguage;
  if (m.States && name in m.States) return { machine: m, topQl: ql };
  for (const s of Object.values(m.States ?? {})) {
    const subs: RawMachine[] = [];
    if (s.Type === 'Parallel' && Array.isArray(s.Branches)) subs.push(...s.Branches);
    if (s.Type === 'Map' && (s.ItemProcessor ?? s.Iterator)) subs.push(s.ItemProcessor ?? s.Iterator);
    for (const sub of subs) {
      const r = findState(sub, name, ql);
      if (r) return r;
    }
  }
  return undefined;
}
