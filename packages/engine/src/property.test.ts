/**
 * Property tests (fast-check) for the interpreter: generated state machines and inputs never raise an uncaught
 * JavaScript exception, and every run ends in a terminal status with an ASL error name and a well-formed history
 * (AWS API Reference: DescribeExecution, GetExecutionHistory/HistoryEvent; the States Language spec for the machines).
 *
 * The generator writes valid-by-construction definitions (1–6 states per scope of all eight types, JSONPath and
 * JSONata at the top level and per state, Map/Parallel nesting up to 2, Retry/Catch, Choice rules of every operator,
 * intrinsic functions, `{% %}` expressions, Wait on the simulated clock, Task states served by mocks, by handlers that
 * succeed, throw (Errors and non-Error values), return odd values or never settle, and by `.waitForTaskToken`
 * callbacks) plus a few definitions the validator must refuse. Each run goes through `startExecution`.
 *
 * Reproduce a failure with ENGINE_PROPERTY_SEED=<seed> (fast-check prints it); ENGINE_PROPERTY_RUNS sets numRuns;
 * ENGINE_PROPERTY_STATS=1 prints how the runs ended (statuses, errors, slow runs).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDefinition } from '@asl-studio/asl';
import {
  DefinitionError, MAX_HISTORY_EVENTS, MAX_PAYLOAD_BYTES, startExecution,
  type Execution, type ExecutionOptions, type ExecutionResult, type HistoryEvent, type MockConfig, type MockedResponse,
  type TaskHandler,
} from './index.js';
import { MAX_JSON_DEPTH } from './history.js';

// ------------------------------------------------------------------------------------------ process-level guards

/** Every unhandled rejection / uncaught exception seen while this file runs (the properties require none). */
const escaped: unknown[] = [];
const onEscape = (e: unknown): void => { escaped.push(e); };
beforeAll(() => {
  process.on('unhandledRejection', onEscape);
  process.on('uncaughtException', onEscape);
});
afterAll(() => {
  process.off('unhandledRejection', onEscape);
  process.off('uncaughtException', onEscape);
});
const macrotask = (): Promise<void> => new Promise((r) => setImmediate(r));
/** Lets late rejections (Node reports them after the microtask queue drains) reach the listeners. */
async function settleAndCheckEscapes(): Promise<void> {
  await macrotask();
  await macrotask();
  if (escaped.length) {
    const e = escaped.splice(0);
    throw new Error(`unhandled rejection / uncaught exception: ${e.map((x) => (x instanceof Error ? `${x.name}: ${x.message}` : String(x))).join('; ')}`);
  }
}

// ------------------------------------------------------------------------------------------ vocabulary

type QL = 'JSONPath' | 'JSONata';

/** User error names (Fail states, handlers, mocks, callbacks). */
const USER_ERRORS = ['CustomError', 'Lambda.ServiceException', 'Order.Rejected', 'E1'];
/** Predefined errors (AWS dg/concepts-error-handling.html) the engine may raise. */
const STATES_ERRORS = [
  'States.ALL', 'States.DataLimitExceeded', 'States.ExceedToleratedFailureThreshold', 'States.HeartbeatTimeout',
  'States.IntrinsicFailure', 'States.ItemReaderFailed', 'States.NoChoiceMatched', 'States.ParameterPathFailure',
  'States.Permissions', 'States.ResultPathMatchFailure', 'States.ResultWriterFailed', 'States.Runtime',
  'States.TaskFailed', 'States.Timeout', 'States.BranchFailed', 'States.QueryEvaluationError',
];
/** Errors whose cause the engine always writes (a string, non-empty). */
const CAUSED = new Set(['States.Runtime', 'States.QueryEvaluationError', 'States.IntrinsicFailure',
  'States.DataLimitExceeded', 'States.ResultPathMatchFailure', 'States.NoChoiceMatched', 'States.ParameterPathFailure']);
/** JavaScript failure texts that must never surface as an ASL cause (an engine bug wrapped in States.Runtime). */
const JS_LEAK = /Maximum call stack|Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|undefined is not|Cannot convert (undefined|null)|\n\s+at /;

// Each vocabulary mixes values that work on the generated inputs with a few that fail (weighted by `mix`), so runs
// get past their first states often enough while every error path still shows up.
const PATHS_OK = ['$', '$.a', '$.n', '$.s', '$.arr', '$.o', '$.o.k', '$.b', '$$.Execution.Input', '$$.State.Name',
  '$$.State.EnteredTime', '$$.Execution.Name', '$.arr[*]', '$v1'];
const PATHS_BAD = ['$.missing', '$.arr[0]', '$v2'];
const PATHS = [...PATHS_OK, ...PATHS_BAD];
const REF_PATHS = ['$', '$.r', '$.a', '$.o.k', '$.res.inner'];
const INTRINSICS = [
  "States.Format('x{}y{}', $.n, $.s)", 'States.StringToJson($.s)', 'States.JsonToString($)', "States.Array(1, $.a, 'x')",
  'States.ArrayPartition($.arr, 2)', 'States.ArrayContains($.arr, 1)', 'States.ArrayRange(1, 9, 2)',
  'States.ArrayGetItem($.arr, 0)', 'States.ArrayLength($.arr)', 'States.ArrayUnique($.arr)', 'States.Base64Encode($.s)',
  "States.Base64Decode('aGVsbG8=')", "States.Hash($.s, 'SHA-256')", 'States.JsonMerge($.o, $.o, false)',
  'States.MathRandom(1, 10)', 'States.MathAdd($.n, 1)', "States.StringSplit($.s, ',')", 'States.UUID()',
  "States.Format('{}', States.ArrayLength(States.Array(1, 2)))", "States.ArrayGetItem(States.StringSplit('a,b', ','), 1)",
];
const EXPR_OK = [
  '{% $states.input %}', '{% $states.input.a %}', '{% $states.input.arr %}', '{% $count($states.input.arr) %}',
  '{% {"k": $states.input.n, "z": 1} %}', '{% $string($states.input) %}', '{% $states.context.State.Name %}',
  '{% $states.context.Execution.Input %}', '{% [1, 2, 3] %}', '{% $random() %}', '{% $uuid() %}',
  '{% $partition([1, 2, 3], 2) %}', '{% $range(0, 4, 1) %}', '{% $hash("abc", "SHA-256") %}', '{% $parse("{\\"p\\": 1}") %}',
  '{% $states.input.n * 2 %}', '{% $states.input.s & "!" %}', '{% $map($states.input.arr, function($x) { $x }) %}',
  '{% $exists($states.input.a) %}', '{% $reduce([1, 2, 3], function($a, $b) { $a + $b }) %}', '{% $now() %}',
];
const EXPR_BAD = ['{% 1/0 %}', '{% $nofn() %}', '{% $states.input.missing %}', '{% $eval("1") %}', '{% $v1 %}', '{% $v2 %}',
  '{% $sum($states.input.arr) %}', '{% $keys($states.input) %}', '{% $states.input.o.k %}'];
const EXPR = [...EXPR_OK, ...EXPR_BAD];
const RESULT_EXPR = ['{% $states.result %}', '{% {"r": $states.result, "in": $states.input} %}', '{% $states.result.Payload %}'];
const ERROR_EXPR = ['{% $states.errorOutput %}', '{% $states.errorOutput.Error %}', '{% {"e": $states.errorOutput, "in": $states.input} %}'];
const CONDITIONS_OK = [
  '{% $states.input.n > 1 %}', '{% $exists($states.input.a) %}', '{% $count($states.input.arr) = 2 %}', '{% true %}',
  '{% false %}', '{% $states.input.s = "x" %}', '{% $states.input.n < 5 and $exists($states.input.o) %}',
  '{% $states.input.b = true %}',
];
const CONDITIONS_BAD = ['{% $states.input %}', '{% $v1 = 1 %}', '{% $states.input.b %}'];
const RESOURCES = [
  'arn:aws:states:::lambda:invoke', 'arn:aws:lambda:us-east-1:123456789012:function:fn',
  'arn:aws:states:::dynamodb:getItem', 'arn:aws:states:::aws-sdk:s3:listBuckets',
  'arn:aws:states:us-east-1:123456789012:activity:act', 'arn:aws:states:::states:startExecution.sync',
  'arn:aws:states:::sqs:sendMessage', 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
];
const TIMESTAMPS = ['2030-01-01T00:00:00Z', '2020-01-01T00:00:00Z', '2026-06-01T12:30:00.5+02:00'];

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
/** Mostly `ok`, sometimes `bad`. */
const mix = <T>(ok: readonly T[], bad: readonly T[], okWeight = 6): fc.Arbitrary<T> =>
  fc.oneof({ weight: okWeight, arbitrary: pick(ok) }, { weight: 1, arbitrary: pick(bad) });
const small = fc.jsonValue({ maxDepth: 2 });
const maybe = <T>(a: fc.Arbitrary<T>, p = 0.5): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: Math.round((1 - p) * 10), arbitrary: fc.constant(undefined) }, { weight: Math.round(p * 10), arbitrary: a });

// ------------------------------------------------------------------------------------------ task behaviours

/** What answers a Task state (plain data: the handler is built per run, so a failing case prints and shrinks). */
type Step =
  | { ok: unknown; async: boolean }
  | { throwName: string; async: boolean }
  | { throwValue: 'string' | 'number' | 'null' | 'undefined' | 'object' | 'bigint' | 'symbol' | 'circular' | 'emptyName' | 'numberName' }
  | { odd: 'undefined' | 'bigint' | 'function' | 'deep' }
  | { never: true };
type Behaviour = { kind: 'default' } | { kind: 'mock'; responses: Record<string, MockedResponse> } | { kind: 'handler'; steps: Step[] };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ ok: small, async: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ throwName: pick(USER_ERRORS), async: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ throwValue: pick(['string', 'number', 'null', 'undefined', 'object', 'bigint', 'symbol', 'circular', 'emptyName', 'numberName'] as const) }) },
  { weight: 1, arbitrary: fc.record({ odd: pick(['undefined', 'bigint', 'function', 'deep'] as const) }) },
);
const mockResponse: fc.Arbitrary<MockedResponse> = fc.oneof(
  fc.record({ Return: small }),
  fc.record({ Throw: fc.record({ Error: pick(USER_ERRORS), Cause: fc.string({ maxLength: 10 }) }, { requiredKeys: ['Error'] }) }),
);
const behaviour: fc.Arbitrary<Behaviour> = fc.oneof(
  { weight: 30, arbitrary: fc.constant({ kind: 'default' as const }) },
  { weight: 20, arbitrary: fc.record({ kind: fc.constant('mock' as const), responses: fc.dictionary(pick(['0', '1', '2', '1-2', '0-3']), mockResponse, { minKeys: 1, maxKeys: 3 }) }) },
  { weight: 50, arbitrary: fc.record({ kind: fc.constant('handler' as const), steps: fc.array(step, { minLength: 1, maxLength: 3 }) }) },
  // a handler that never settles: the Task's TimeoutSeconds (1 s, on real time while it is in flight) must end it;
  // rare, as each one costs a second (the regression tests below cover it every time)
  { weight: 1, arbitrary: fc.constant<Behaviour>({ kind: 'handler', steps: [{ never: true }] }) },
);

/** A handler following the steps (per invocation; the last step repeats). */
function handlerOf(steps: Step[]): TaskHandler {
  let n = 0;
  return (input) => {
    const s = steps[Math.min(n++, steps.length - 1)];
    if ('never' in s) return new Promise(() => {});
    if ('ok' in s) return s.async ? Promise.resolve(s.ok) : s.ok;
    if ('throwName' in s) {
      const e = new Error(`${s.throwName} from the handler`);
      e.name = s.throwName;
      if (s.async) return Promise.reject(e);
      throw e;
    }
    if ('odd' in s) {
      if (s.odd === 'undefined') return undefined;
      if (s.odd === 'bigint') return { n: 10n };
      if (s.odd === 'function') return { f: () => 1, keep: input ?? null };
      let v: unknown = 0;
      for (let i = 0; i < MAX_JSON_DEPTH + 50; i++) v = [v];
      return v;
    }
    switch (s.throwValue) {
      case 'string': throw 'plain string thrown';
      case 'number': throw 42;
      case 'null': throw null;
      case 'undefined': throw undefined;
      case 'object': throw { code: 'E_OBJ', detail: [1, 2] };
      case 'bigint': throw 12n;
      case 'symbol': throw Symbol('thrown');
      case 'circular': { const o: Record<string, unknown> = { a: 1 }; o.self = o; throw o; }
      case 'emptyName': { const e = new Error('nameless'); e.name = ''; throw e; }
      case 'numberName': { const e = new Error('numbered'); (e as { name: unknown }).name = 42; throw e; }
    }
  };
}

// ------------------------------------------------------------------------------------------ JSONPath pieces

const literal = fc.oneof(small, pick(['x', 'a,b', '{"q":1}', 'aGk=']));
/** A JSONPath payload template: literal fields, `.$` fields (paths, intrinsics), one nested level. */
const template = (depth = 1): fc.Arbitrary<Record<string, unknown>> =>
  fc.array(fc.tuple(pick(['a', 'b', 'c', 'n']), fc.oneof(
    { weight: 3, arbitrary: literal.map((v) => ({ k: '', v })) },
    { weight: 3, arbitrary: mix(PATHS_OK, PATHS_BAD).map((v) => ({ k: '.$', v })) },
    { weight: 3, arbitrary: pick(INTRINSICS).map((v) => ({ k: '.$', v })) },
    { weight: depth > 0 ? 1 : 0, arbitrary: fc.constant(null).chain(() => template(depth - 1)).map((v) => ({ k: '', v: v as unknown })) },
  )), { maxLength: 4 }).map((fields) => {
    const out: Record<string, unknown> = {};
    for (const [key, f] of fields) {
      delete out[key]; delete out[`${key}.$`]; // never both `x` and `x.$`
      out[key + f.k] = f.v;
    }
    return out;
  });

const STRING_OPS = ['StringEquals', 'StringLessThan', 'StringGreaterThan', 'StringLessThanEquals', 'StringGreaterThanEquals'];
const NUMERIC_OPS = ['NumericEquals', 'NumericLessThan', 'NumericGreaterThan', 'NumericLessThanEquals', 'NumericGreaterThanEquals'];
const TIMESTAMP_OPS = ['TimestampEquals', 'TimestampLessThan', 'TimestampGreaterThan', 'TimestampLessThanEquals', 'TimestampGreaterThanEquals'];
const TYPE_TESTS = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'];
const variable = mix(['$.a', '$.n', '$.s', '$.b', '$.ts', '$$.State.Name', '$$.Execution.Name'], ['$.o.k', '$.arr[0]', '$.missing', '$v1']);

/** A JSONPath Choice rule (spec "Choice Rules"): every comparison operator, its *Path form, type tests, And/Or/Not. */
const jpRule = (depth: number): fc.Arbitrary<Record<string, unknown>> => {
  const leaf = fc.oneof(
    fc.tuple(variable, pick(STRING_OPS), fc.string({ maxLength: 4 })).map(([v, op, x]) => ({ Variable: v, [op]: x })),
    fc.tuple(variable, pick(['a*', '*', 'x\\*y', '*b*'])).map(([v, x]) => ({ Variable: v, StringMatches: x })),
    fc.tuple(variable, pick(NUMERIC_OPS), fc.oneof(fc.integer({ min: -3, max: 20 }), fc.double({ min: -5, max: 5, noNaN: true }))).map(([v, op, x]) => ({ Variable: v, [op]: x })),
    fc.tuple(variable, fc.boolean()).map(([v, x]) => ({ Variable: v, BooleanEquals: x })),
    fc.tuple(variable, pick(TIMESTAMP_OPS), pick(['2030-01-01T00:00:00Z', '2001-02-03T04:05:06Z'])).map(([v, op, x]) => ({ Variable: v, [op]: x })),
    fc.tuple(variable, pick([...STRING_OPS, ...NUMERIC_OPS, ...TIMESTAMP_OPS, 'BooleanEquals']), variable).map(([v, op, x]) => ({ Variable: v, [`${op}Path`]: x })),
    fc.tuple(variable, pick(TYPE_TESTS), fc.boolean()).map(([v, op, x]) => ({ Variable: v, [op]: x })),
  );
  if (depth <= 0) return leaf;
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(jpRule(depth - 1), { minLength: 1, maxLength: 3 }).map((r) => ({ And: r })) },
    { weight: 1, arbitrary: fc.array(jpRule(depth - 1), { minLength: 1, maxLength: 3 }).map((r) => ({ Or: r })) },
    { weight: 1, arbitrary: jpRule(depth - 1).map((r) => ({ Not: r })) },
  );
};

/** A JSONata value: a `{% %}` string or an object/array template holding some. */
const jsonataValue = (extra: string[] = []): fc.Arbitrary<unknown> => fc.oneof(
  { weight: 4, arbitrary: mix([...EXPR_OK, ...extra], EXPR_BAD) },
  { weight: 1, arbitrary: fc.record({ x: mix([...EXPR_OK, ...extra], EXPR_BAD), y: fc.oneof(small, pick(EXPR_OK)), z: fc.array(mix(EXPR_OK, EXPR_BAD, 10), { maxLength: 2 }) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: small },
);

// ------------------------------------------------------------------------------------------ states and scopes

const TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Parallel', 'Map'] as const;
type Chain = (typeof TYPES)[number];
interface Where {
  name: string;
  /** The following chain state, or undefined for the last one (End: true). */
  next: string | undefined;
  /** Choice / Catch targets: later states and the terminal sinks, plus earlier ones when loops are allowed. */
  targets: string[];
  ql: QL;
  /** Whether to write `QueryLanguage` on the state itself. */
  explicitQl: boolean;
  depth: number;
  loops: boolean;
  /** The enclosing machine's QueryLanguage (nested scopes inherit the top level). */
  topQl: QL;
  /** Inside a Parallel branch or a Map processor. */
  nested: boolean;
}

const transition = (w: Where): Record<string, unknown> => (w.next === undefined ? { End: true } : { Next: w.next });

const retrier = fc.record({
  ErrorEquals: fc.subarray([...USER_ERRORS, 'States.TaskFailed', 'States.Timeout', 'States.Runtime', 'States.QueryEvaluationError'], { minLength: 1, maxLength: 3 }),
  IntervalSeconds: fc.integer({ min: 1, max: 5 }),
  MaxAttempts: fc.integer({ min: 0, max: 3 }),
  BackoffRate: pick([1, 1.5, 2]),
  MaxDelaySeconds: fc.integer({ min: 1, max: 10 }),
  JitterStrategy: pick(['FULL', 'NONE']),
}, { requiredKeys: ['ErrorEquals'] });
const retryList = fc.tuple(fc.array(retrier, { maxLength: 2 }), fc.boolean()).map(([rs, all]) =>
  (all ? [...rs, { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 1 }] : rs));

function catchList(w: Where): fc.Arbitrary<Record<string, unknown>[]> {
  const one = fc.record({
    ErrorEquals: fc.oneof(fc.subarray([...USER_ERRORS, 'States.TaskFailed', 'States.Timeout', 'States.QueryEvaluationError', 'States.IntrinsicFailure', 'States.NoChoiceMatched'], { minLength: 1, maxLength: 3 }), fc.constant(['States.ALL'])),
    Next: pick(w.targets),
    io: w.ql === 'JSONPath'
      ? fc.record({ ResultPath: fc.oneof(pick(REF_PATHS), fc.constant(null)) }, { requiredKeys: [] })
      : fc.record({ Output: pick([...ERROR_EXPR, ...EXPR.slice(0, 4)]) }, { requiredKeys: [] }),
    Assign: maybe(w.ql === 'JSONPath' ? fc.record({ v1: small, 'v2.$': pick(['$.Error', '$.Cause', '$']) }, { requiredKeys: [] }) : fc.record({ v1: pick(ERROR_EXPR), v2: small }, { requiredKeys: [] }), 0.3),
  }).map(({ io, Assign, ...c }) => ({ ...c, ...io, ...(Assign ? { Assign } : {}) }));
  // States.ALL must be last
  return fc.array(one, { maxLength: 2 }).map((cs) => {
    const all = cs.filter((c) => (c.ErrorEquals as string[]).includes('States.ALL'));
    return [...cs.filter((c) => !(c.ErrorEquals as string[]).includes('States.ALL')), ...all.slice(0, 1).map((c) => ({ ...c, ErrorEquals: ['States.ALL'] }))];
  });
}

const catches = (w: Where): fc.Arbitrary<Record<string, unknown>[] | undefined> =>
  (w.targets.length ? maybe(catchList(w), 0.4) : fc.constant(undefined));

/** Common JSONPath I/O fields (InputPath, ResultPath, OutputPath), each optional. */
function jpIo(withResult: boolean): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    InputPath: maybe(fc.oneof(mix(['$', '$$.Execution.Input'], ['$.o', '$.a', '$.missing'], 3), fc.constant(null)), 0.2),
    // mostly '$.r': the result joins the input, so the next states still find their fields
    ResultPath: withResult ? fc.oneof({ weight: 4, arbitrary: fc.constant('$.r') }, { weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: pick(REF_PATHS) }, { weight: 1, arbitrary: fc.constant(null) }) : fc.constant(undefined),
    OutputPath: maybe(fc.oneof(mix(['$'], ['$.r', '$.a', '$.o', '$.missing'], 3), fc.constant(null)), 0.2),
  }).map((io) => Object.fromEntries(Object.entries(io).filter(([, v]) => v !== undefined)));
}
/** Parameters: mostly the input's own fields again, plus generated ones. */
const parameters = (depth = 1): fc.Arbitrary<Record<string, unknown>> =>
  fc.tuple(fc.integer({ min: 0, max: 3 }), template(depth)).map(([keep, t]) => {
    if (!keep) return t;
    const base: Record<string, unknown> = { ...KEEP_INPUT };
    for (const k of Object.keys(t)) { const plain = k.replace(/\.\$$/, ''); delete base[plain]; delete base[`${plain}.$`]; }
    return { ...base, ...t };
  });
const KEEP_INPUT: Record<string, string> = { 'a.$': '$.a', 'n.$': '$.n', 's.$': '$.s', 'arr.$': '$.arr', 'o.$': '$.o', 'b.$': '$.b', 'ts.$': '$.ts', 'errName.$': '$.errName' };
/** JSONata Output: mostly the input merged with something, so the next states still find their fields. */
const jaOutput = (result: boolean): fc.Arbitrary<unknown> => fc.oneof(
  { weight: 3, arbitrary: fc.constant(result ? '{% $merge([$states.input, {"r": $states.result}]) %}' : '{% $merge([$states.input, {"x": 1}]) %}') },
  { weight: 2, arbitrary: result ? fc.oneof(jsonataValue(RESULT_EXPR), pick(RESULT_EXPR)) : jsonataValue() },
);
const jpAssign = maybe(fc.record({ v1: small, 'v2.$': pick([...PATHS.filter((p) => !p.startsWith('$v')), ...INTRINSICS.slice(0, 6)]) }, { requiredKeys: [] }), 0.3);
const jaAssign = maybe(fc.record({ v1: jsonataValue(), v2: jsonataValue() }, { requiredKeys: [] }), 0.3);

function withQl(w: Where, s: Record<string, unknown>): Record<string, unknown> {
  return w.explicitQl ? { ...s, QueryLanguage: w.ql } : s;
}

/** One state of a chain position (never Succeed/Fail: those are the sinks). */
function chainState(type: Chain, w: Where): fc.Arbitrary<Record<string, unknown>> {
  const jp = w.ql === 'JSONPath';
  const assign = jp ? jpAssign : jaAssign;
  const strip = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  switch (type) {
    case 'Pass':
      return (jp
        ? fc.record({ io: jpIo(true), Parameters: maybe(parameters(), 0.4), Result: maybe(small, 0.3), Assign: assign })
          .map(({ io, ...r }) => ({ Type: 'Pass', ...io, ...strip(r) }))
        : fc.record({ Output: maybe(jaOutput(false), 0.6), Assign: assign }).map((r) => ({ Type: 'Pass', ...strip(r) })))
        .map((s) => withQl(w, { ...s, ...transition(w) }));
    case 'Wait': {
      const dur = jp
        ? fc.oneof(
          fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 600 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 100_000_000 }) }).map((n) => ({ Seconds: n })),
          mix(['$.n'], ['$.s', '$.missing'], 3).map((p) => ({ SecondsPath: p })),
          pick(TIMESTAMPS).map((t) => ({ Timestamp: t })),
          pick(['$.ts', '$.a']).map((p) => ({ TimestampPath: p })))
        : fc.oneof(
          fc.oneof(fc.integer({ min: 0, max: 1_000 }), pick(['{% 5 %}', '{% $states.input.n %}', '{% $count($states.input.arr) %}'])).map((v) => ({ Seconds: v })),
          pick(['{% "2030-01-01T00:00:00Z" %}', '{% $states.input.ts %}', ...TIMESTAMPS]).map((v) => ({ Timestamp: v })));
      const io = jp ? jpIo(false) : fc.record({ Output: maybe(jaOutput(false), 0.4) }).map(strip);
      return fc.record({ dur, io, Assign: assign }).map(({ dur: d, io: i, Assign }) => withQl(w, { Type: 'Wait', ...d, ...i, ...strip({ Assign }), ...transition(w) }));
    }
    case 'Choice': {
      const rule = jp
        ? fc.record({ r: jpRule(2), Next: pick(w.targets), Assign: jpAssign }).map(({ r, Next, Assign }) => ({ ...r, Next, ...strip({ Assign }) }))
        : fc.record({ Condition: mix(CONDITIONS_OK, CONDITIONS_BAD), Next: pick(w.targets), Assign: jaAssign, Output: maybe(jaOutput(false), 0.3) }).map(strip);
      const defaults = w.next === undefined ? w.targets : [w.next];
      return fc.record({
        Choices: fc.array(rule, { minLength: 1, maxLength: 3 }),
        Default: maybe(pick(defaults), 0.8),
        io: jp ? jpIo(false).map(({ InputPath, OutputPath }) => strip({ InputPath, OutputPath })) : fc.record({ Output: maybe(jaOutput(false), 0.3) }).map(strip),
        Assign: assign,
      }).map(({ io, Choices, Default, Assign }) => withQl(w, { Type: 'Choice', Choices, ...strip({ Default, Assign }), ...io }));
    }
    case 'Task':
      return fc.record({
        Resource: pick(RESOURCES),
        b: behaviour,
        timeout: fc.oneof(
          { weight: 3, arbitrary: fc.constant({}) },
          fc.integer({ min: 1, max: 600 }).map((n) => ({ TimeoutSeconds: n })),
          jp ? pick(['$.n', '$.missing']).map((p) => ({ TimeoutSecondsPath: p })) : pick(['{% 30 %}', '{% $states.input.n %}']).map((v) => ({ TimeoutSeconds: v })),
          fc.integer({ min: 1, max: 30 }).map((n) => ({ TimeoutSeconds: n + 60, HeartbeatSeconds: n }))),
        io: jp
          ? fc.record({ io: jpIo(true), Parameters: maybe(parameters(), 0.5), ResultSelector: maybe(template(0), 0.2) }).map(({ io, ...r }) => ({ ...io, ...strip(r) }))
          : fc.record({ Arguments: maybe(jsonataValue(), 0.5), Output: maybe(jaOutput(true), 0.6) }).map(strip),
        Retry: maybe(retryList, 0.4),
        Catch: catches(w),
        Assign: assign,
      }).map(({ b: b0, timeout, io, ...r }) => {
        // a handler that never settles costs 1 s of real time: only once per run (no loop, Map or Parallel around it)
        const never = b0.kind === 'handler' && b0.steps.some((x) => 'never' in x);
        const b: Behaviour = never && (w.loops || w.nested) ? { kind: 'default' } : b0;
        const s: Record<string, unknown> = { Type: 'Task', ...strip(r), ...timeout, ...io, ...transition(w), __b: b };
        if (b.kind === 'handler' && b.steps.some((x) => 'never' in x)) {
          // a handler that never settles ends by TimeoutSeconds; 1 s of real time, once
          delete s.TimeoutSecondsPath; delete s.HeartbeatSeconds; delete s.Retry;
          s.TimeoutSeconds = 1;
        }
        if (typeof s.Resource === 'string' && s.Resource.endsWith('.waitForTaskToken') && jp && !s.Parameters) {
          s.Parameters = { 'token.$': '$$.Task.Token' };
        }
        return withQl(w, s);
      });
    case 'Parallel':
      return fc.record({
        Branches: fc.array(fc.constant(null), { minLength: 1, maxLength: 2 }).chain((bs) =>
          fc.tuple(...bs.map((_, i) => scope({ ...w, depth: w.depth - 1, loops: false, nested: true }, `${w.name}b${i}_`)))),
        io: jp
          ? fc.record({ io: jpIo(true), Parameters: maybe(parameters(0), 0.3), ResultSelector: maybe(template(0), 0.2) }).map(({ io, ...r }) => ({ ...io, ...strip(r) }))
          : fc.record({ Arguments: maybe(jsonataValue(), 0.3), Output: maybe(jaOutput(true), 0.6) }).map(strip),
        Retry: maybe(retryList, 0.2),
        Catch: catches(w),
        Assign: assign,
      }).map(({ io, ...r }) => withQl(w, { Type: 'Parallel', ...strip(r), ...io, ...transition(w) }));
    case 'Map':
      return fc.record({
        processor: scope({ ...w, depth: w.depth - 1, loops: false, nested: true }, `${w.name}i_`),
        items: jp
          ? fc.record({ ItemsPath: mix(['$.arr'], ['$', '$.missing', '$.o'], 4), ItemSelector: maybe(fc.constant({ 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index', 'n.$': '$.n' }), 0.4) }, { requiredKeys: [] })
          : fc.record({
            Items: fc.oneof(mix(['{% $states.input.arr %}', '{% [1, 2, 3] %}'], ['{% $states.input %}']), fc.array(small, { maxLength: 3 })),
            ItemSelector: maybe(fc.constant({ v: '{% $states.context.Map.Item.Value %}', i: '{% $states.context.Map.Item.Index %}' }), 0.4),
          }, { requiredKeys: [] }),
        MaxConcurrency: maybe(fc.integer({ min: 0, max: 3 }), 0.5),
        io: jp
          ? fc.record({ io: jpIo(true), ResultSelector: maybe(template(0), 0.2) }).map(({ io, ...r }) => ({ ...io, ...strip(r) }))
          : fc.record({ Output: maybe(jaOutput(true), 0.6) }).map(strip),
        Retry: maybe(retryList, 0.2),
        Catch: catches(w),
        Assign: assign,
      }).map(({ processor, items, io, ...r }) => withQl(w, {
        Type: 'Map', ...strip(items), ...strip(r), ...io,
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...processor }, ...transition(w),
      }));
  }
}

function sinkState(w: Where, fail: boolean): fc.Arbitrary<Record<string, unknown>> {
  const jp = w.ql === 'JSONPath';
  if (!fail) {
    return (jp ? jpIo(false).map(({ InputPath, OutputPath }) => Object.fromEntries(Object.entries({ InputPath, OutputPath }).filter(([, v]) => v !== undefined)))
      : fc.record({ Output: jsonataValue() }, { requiredKeys: [] })).map((io) => withQl(w, { Type: 'Succeed', ...io }));
  }
  const fields = jp
    ? fc.oneof(
      fc.record({ Error: pick(USER_ERRORS), Cause: fc.string({ maxLength: 12 }) }, { requiredKeys: ['Error'] }),
      fc.record({ ErrorPath: pick(['$.errName', "States.Format('{}', 'E1')"]), CausePath: pick(['$.s', 'States.JsonToString($)', '$.missing']) }, { requiredKeys: ['ErrorPath'] }))
    : fc.record({ Error: pick([...USER_ERRORS, '{% "CustomError" %}', '{% $states.input.errName %}']), Cause: pick(['plain cause', '{% $string($states.input) %}', '{% $states.input.missing %}']) }, { requiredKeys: ['Error'] });
  return fields.map((f) => withQl(w, { Type: 'Fail', ...f }));
}

/** A scope ({StartAt, States}) with names `${prefix}S<i>` / `${prefix}T<i>`, so names are unique machine-wide. */
function scope(parent: Where, prefix: string): fc.Arbitrary<Record<string, unknown>> {
  const types: readonly Chain[] = parent.depth > 0 ? TYPES : TYPES.filter((t) => t !== 'Parallel' && t !== 'Map');
  return fc.record({
    chain: fc.array(pick(types), { minLength: 1, maxLength: 5 }),
    sinks: fc.array(fc.boolean(), { maxLength: 2 }),
    end: fc.oneof(fc.constant('none' as const), fc.constant('succeed' as const), fc.constant('fail' as const)),
    perStateQl: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  }).chain(({ chain, sinks, end, perStateQl }) => {
    const names = chain.map((_, i) => `${prefix}S${i}`);
    const sinkNames = sinks.map((_, i) => `${prefix}T${i}`);
    const endName = end === 'none' ? undefined : `${prefix}E`;
    const arbs: fc.Arbitrary<[string, Record<string, unknown>]>[] = [];
    const qlOf = (i: number): { ql: QL; explicitQl: boolean } => {
      if (parent.topQl === 'JSONata') return { ql: 'JSONata', explicitQl: perStateQl[i] };
      // a JSONata state may sit in a JSONPath machine
      return perStateQl[i] ? { ql: 'JSONata', explicitQl: true } : { ql: 'JSONPath', explicitQl: i % 3 === 0 };
    };
    chain.forEach((t, i) => {
      const next = i + 1 < chain.length ? names[i + 1] : endName;
      const later = [...names.slice(i + 1), ...sinkNames, ...(endName ? [endName] : [])];
      const earlier = parent.loops ? names.slice(0, i + 1) : [];
      const targets = [...later, ...earlier];
      const w: Where = { ...parent, name: names[i], next, targets, ...qlOf(i) };
      // a Choice needs somewhere to go
      arbs.push(chainState(t === 'Choice' && !targets.length ? 'Pass' : t, w).map((s) => [names[i], s]));
    });
    sinks.forEach((fail, i) => arbs.push(sinkState({ ...parent, name: sinkNames[i], next: undefined, targets: [], ...qlOf(6) }, fail).map((s) => [sinkNames[i], s])));
    if (endName) arbs.push(sinkState({ ...parent, name: endName, next: undefined, targets: [], ...qlOf(7) }, end === 'fail').map((s) => [endName, s]));
    return fc.tuple(...arbs).map((entries) => ({ StartAt: names[0], States: Object.fromEntries(entries) }));
  });
}

// ------------------------------------------------------------------------------------------ whole cases

interface Case {
  definition: Record<string, unknown>;
  behaviours: Record<string, Behaviour>;
  input: unknown;
  type: 'STANDARD' | 'EXPRESS';
  quotas: 'aws' | 'off';
  history: 'full' | 'none';
  /** Stop the run after this many events (sync inside onEvent, in a microtask, or a macrotask later). */
  stop?: { after: number; via: 'sync' | 'micro' | 'macro' };
  preAborted: boolean;
  /** How `.waitForTaskToken` callbacks are answered, in turn: some heartbeats, then success or failure. */
  callbacks: { heartbeats: number; answer: { ok: unknown } | { error: string } }[];
  /** Deliberately invalid definition (a JSONPath state inside a JSONata machine): must be refused. */
  mustRefuse: boolean;
}

/** Removes states no transition reaches (the chain may skip) and pulls the `__b` behaviours out. */
function finishDefinition(def: Record<string, unknown>, behaviours: Record<string, Behaviour>): Record<string, unknown> {
  const walk = (sc: { StartAt: string; States: Record<string, Record<string, unknown>> }): void => {
    const reach = new Set<string>();
    const todo = [sc.StartAt];
    while (todo.length) {
      const n = todo.pop()!;
      if (reach.has(n) || !sc.States[n]) continue;
      reach.add(n);
      const s = sc.States[n];
      if (typeof s.Next === 'string') todo.push(s.Next);
      if (typeof s.Default === 'string') todo.push(s.Default);
      for (const r of (s.Choices as { Next: string }[] | undefined) ?? []) todo.push(r.Next);
      for (const c of (s.Catch as { Next: string }[] | undefined) ?? []) todo.push(c.Next);
    }
    for (const n of Object.keys(sc.States)) if (!reach.has(n)) delete sc.States[n];
    for (const [n, s] of Object.entries(sc.States)) {
      if (s.__b) { behaviours[n] = s.__b as Behaviour; delete s.__b; }
      for (const b of (s.Branches as typeof sc[] | undefined) ?? []) walk(b);
      if (s.ItemProcessor) walk(s.ItemProcessor as typeof sc);
    }
  };
  walk(def as never);
  return def;
}

const inputFields = {
  a: small, n: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 20 }) }, { weight: 1, arbitrary: fc.double({ noNaN: true, min: -1e3, max: 1e3 }) }),
  s: fc.oneof(fc.string({ maxLength: 8 }), pick(['a,b', '{"q":1}', 'x'])),
  arr: fc.array(fc.oneof(fc.integer({ min: 0, max: 9 }), small), { maxLength: 4 }), o: fc.record({ k: small }),
  ts: mix(['2030-01-01T00:00:00Z', '2001-02-03T04:05:06Z'], ['not a date', '2020-02-30T00:00:00Z'], 3), b: fc.boolean(), errName: pick(USER_ERRORS),
};
const inputArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 7, arbitrary: fc.record(inputFields) },
  { weight: 2, arbitrary: fc.record(inputFields, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const caseArb: fc.Arbitrary<Case> = fc.record({
  topQl: fc.oneof(fc.constant(undefined), fc.constant('JSONPath' as const), fc.constant('JSONata' as const)),
  // cycles (Choice/Catch back edges) may run away: only on STANDARD with quotas, where 25,000 events end them
  loops: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  depth: fc.integer({ min: 0, max: 2 }),
  timeout: maybe(fc.integer({ min: 1, max: 100_000 }), 0.15),
}).chain(({ topQl, depth, timeout, loops }) => {
  const where: Where = { name: '', next: undefined, targets: [], ql: topQl ?? 'JSONPath', explicitQl: false, depth, loops, topQl: topQl ?? 'JSONPath', nested: false };
  return fc.record({
    body: scope(where, ''),
    input: inputArb,
    type: loops ? fc.constant('STANDARD' as const) : pick(['STANDARD', 'EXPRESS'] as const),
    quotas: loops ? fc.constant('aws' as const) : pick(['aws', 'aws', 'off'] as const),
    history: pick(['full', 'full', 'none'] as const),
    stop: maybe(fc.record({ after: fc.integer({ min: 1, max: 40 }), via: pick(['sync', 'micro', 'macro'] as const) }), 0.15),
    preAborted: fc.integer({ min: 0, max: 30 }).map((n) => n === 0),
    callbacks: fc.array(fc.record({ heartbeats: fc.integer({ min: 0, max: 2 }), answer: fc.oneof(fc.record({ ok: small }), fc.record({ error: pick(USER_ERRORS) })) }), { minLength: 1, maxLength: 3 }),
    badQl: fc.integer({ min: 0, max: 30 }).map((n) => n === 0 && topQl === 'JSONata'),
  }).map(({ body, badQl, ...rest }) => {
    const behaviours: Record<string, Behaviour> = {};
    // generated values are shared between shrink candidates: edit a copy
    const definition: Record<string, unknown> = finishDefinition({ ...(topQl ? { QueryLanguage: topQl } : {}), ...(timeout ? { TimeoutSeconds: timeout } : {}), ...structuredClone(body) }, behaviours);
    if (badQl) {
      const first = (definition.States as Record<string, Record<string, unknown>>)[definition.StartAt as string];
      first.QueryLanguage = 'JSONPath';
    }
    return { definition, behaviours, mustRefuse: badQl, ...rest } satisfies Case;
  });
});

// ------------------------------------------------------------------------------------------ running and checking

interface Outcome { refused?: DefinitionError; result?: ExecutionResult; allowedErrors: Set<string>; failWithoutError: boolean }

function allowedErrorsOf(c: Case): { allowed: Set<string>; failWithoutError: boolean } {
  const allowed = new Set<string>([...STATES_ERRORS, ...USER_ERRORS]);
  let failWithoutError = false;
  for (const b of Object.values(c.behaviours)) {
    if (b.kind === 'handler' && b.steps.some((s) => 'throwValue' in s && (s.throwValue === 'emptyName' || s.throwValue === 'numberName'))) allowed.add('Error');
  }
  const visit = (sc: { States: Record<string, Record<string, unknown>> }): void => {
    for (const s of Object.values(sc.States)) {
      if (s.Type === 'Fail' && !('Error' in s) && !('ErrorPath' in s)) failWithoutError = true;
      for (const b of (s.Branches as typeof sc[] | undefined) ?? []) visit(b);
      if (s.ItemProcessor) visit(s.ItemProcessor as typeof sc);
    }
  };
  visit(c.definition as never);
  allowed.add('StopReason'); // stop(error)
  return { allowed, failWithoutError };
}

/** Runs one case through the public API; answers `.waitForTaskToken` callbacks; guards against hangs in real time. */
async function runCase(c: Case): Promise<Outcome> {
  const { allowed, failWithoutError } = allowedErrorsOf(c);
  const taskHandlers: Record<string, TaskHandler> = {};
  const mockConfig: MockConfig = { StateMachines: { Prop: { TestCases: { T: {} } } }, MockedResponses: {} };
  for (const [name, b] of Object.entries(c.behaviours)) {
    if (b.kind === 'handler') taskHandlers[name] = handlerOf(b.steps);
    if (b.kind === 'mock') {
      mockConfig.StateMachines.Prop.TestCases.T[name] = `M_${name}`;
      mockConfig.MockedResponses[`M_${name}`] = b.responses;
    }
  }
  let exec: Execution | undefined;
  let seen = 0;
  const stopNow = (): void => { exec?.stop('StopReason', 'stopped by the property test'); };
  const controller = new AbortController();
  if (c.preAborted) controller.abort('aborted before the start');
  const options: ExecutionOptions = {
    input: c.input, type: c.type, quotas: c.quotas, history: c.history, stateMachineName: 'Prop', testCase: 'T',
    mockConfig, taskHandlers, signal: controller.signal, startTime: new Date('2026-01-01T00:00:00Z'),
  };
  if (c.stop) {
    const { after, via } = c.stop;
    options.onEvent = () => {
      if (++seen !== after) return;
      if (via === 'sync') { if (exec) stopNow(); else queueMicrotask(stopNow); }
      else if (via === 'micro') queueMicrotask(stopNow);
      else setImmediate(stopNow);
    };
  }
  try {
    exec = startExecution(c.definition, options);
  } catch (e) {
    if (e instanceof DefinitionError) return { refused: e, allowedErrors: allowed, failWithoutError };
    throw e;
  }
  let done = false;
  const plan = new Map<string, { heartbeats: number; answer: { ok: unknown } | { error: string } }>();
  let turn = 0;
  const responder = (async () => {
    while (!done) {
      await macrotask();
      for (const token of exec.pendingTaskTokens()) {
        let p = plan.get(token);
        if (!p) plan.set(token, p = { ...c.callbacks[turn++ % c.callbacks.length] });
        try {
          if (p.heartbeats > 0) { p.heartbeats--; exec.sendTaskHeartbeat(token); continue; }
          if ('ok' in p.answer) exec.sendTaskSuccess(token, p.answer.ok);
          else exec.sendTaskFailure(token, p.answer.error, 'from the callback');
        } catch (e) {
          // a token that ended meanwhile (timeout, stop): the API error, not an engine failure
          expect((e as Error).name).toBe('TaskDoesNotExist');
        }
      }
    }
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<'hang'>((r) => { timer = setTimeout(() => r('hang'), 15_000); });
  const r = await Promise.race([exec.result, hang]);
  clearTimeout(timer);
  done = true;
  await responder;
  if (r === 'hang') throw new Error('the execution did not end within 15 s of real time');
  // the API stays usable after the end: stop is a no-op, unknown tokens are refused with TaskDoesNotExist
  exec.stop();
  expect(() => exec.sendTaskSuccess('no-such-token', {})).toThrow(expect.objectContaining({ name: 'TaskDoesNotExist' }));
  return { result: r, allowedErrors: allowed, failWithoutError };
}

const TERMINAL: Record<string, string> = {
  SUCCEEDED: 'ExecutionSucceeded', FAILED: 'ExecutionFailed', TIMED_OUT: 'ExecutionTimedOut', ABORTED: 'ExecutionAborted',
};

/** The properties of one outcome. */
function check(c: Case, o: Outcome): void {
  if (o.refused) {
    // refused cleanly: the validator agrees and says why
    const errors = validateDefinition(c.definition).filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(o.refused.diagnostics.length).toBeGreaterThan(0);
    return;
  }
  expect(c.mustRefuse, 'a JSONata machine holding a JSONPath state must be refused').toBe(false);
  const r = o.result!;
  expect(Object.keys(TERMINAL)).toContain(r.status);
  if (r.status === 'FAILED') {
    if (r.error === undefined) expect(o.failWithoutError, 'FAILED without an error name').toBe(true);
    else {
      expect(typeof r.error).toBe('string');
      expect(o.allowedErrors.has(r.error), `unexpected error name ${JSON.stringify(r.error)} (cause ${r.cause})`).toBe(true);
      if (CAUSED.has(r.error)) {
        expect(typeof r.cause).toBe('string');
        expect(r.cause!.length).toBeGreaterThan(0);
      }
    }
    if (r.cause !== undefined) {
      expect(typeof r.cause).toBe('string');
      expect(r.cause, 'a JavaScript failure surfaced as the cause').not.toMatch(JS_LEAK);
    }
  }
  if (r.status === 'SUCCEEDED') {
    expect('output' in r).toBe(true);
    // with quotas the engine measured the output (with quotas off and no history it never serialises it)
    if (c.quotas === 'aws') expect(new TextEncoder().encode(JSON.stringify(r.output) ?? '').length).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
  }
  if (c.history === 'none') {
    expect(r.history).toEqual([]);
    return;
  }
  checkHistory(c, r, r.history);
}

function checkHistory(c: Case, r: ExecutionResult, h: HistoryEvent[]): void {
  expect(h.length).toBeGreaterThanOrEqual(2);
  if (c.type === 'STANDARD' && c.quotas === 'aws') expect(h.length).toBeLessThanOrEqual(MAX_HISTORY_EVENTS);
  expect(h[0].type).toBe('ExecutionStarted');
  expect(h[0].previousEventId).toBe(0);
  let lastTs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < h.length; i++) {
    const e = h[i];
    expect(e.id).toBe(i + 1);
    expect(e.previousEventId).toBeGreaterThanOrEqual(0);
    expect(e.previousEventId).toBeLessThan(e.id);
    // virtual time never goes back (ISO text: years past 9999 are written "+010000-…", so compare the instants)
    const ts = Date.parse(e.timestamp);
    expect(ts >= lastTs, `timestamps go back at event ${e.id}`).toBe(true);
    lastTs = ts;
    if (i < h.length - 1) expect(Object.values(TERMINAL)).not.toContain(e.type);
  }
  const last = h[h.length - 1];
  expect(last.type).toBe(TERMINAL[r.status]);
  if (r.status === 'FAILED') {
    const d = last.executionFailedEventDetails as { error?: string; cause?: string };
    expect(d.error).toBe(r.error);
    expect(d.cause).toBe(r.cause);
  }
}

const runs = Number(process.env.ENGINE_PROPERTY_RUNS ?? 100);
const seed = process.env.ENGINE_PROPERTY_SEED === undefined ? undefined : Number(process.env.ENGINE_PROPERTY_SEED);

describe('engine properties (fast-check)', () => {
  it('generated definitions and inputs: no uncaught exception, a terminal status, an ASL error, a well-formed history', async () => {
    const stats = { refused: 0, SUCCEEDED: 0, FAILED: 0, TIMED_OUT: 0, ABORTED: 0 };
    const detail = new Map<string, number>();
    const slow: [number, string][] = [];
    await fc.assert(fc.asyncProperty(caseArb, async (c) => {
      const t0 = Date.now();
      const o = await runCase(c);
      if (process.env.ENGINE_PROPERTY_STATS && Date.now() - t0 > 300) slow.push([Date.now() - t0, `${o.result?.status} ${o.result?.error} events=${o.result?.history.length}`]);
      check(c, o);
      if (o.refused) stats.refused++;
      else stats[o.result!.status]++;
      if (process.env.ENGINE_PROPERTY_STATS) {
        const k = o.refused ? `refused ${o.refused.diagnostics.map((d) => d.code).join(',')}` : `${o.result!.status} ${o.result!.error ?? ''} ${(o.result!.cause ?? '').replace(/^An error occurred while executing the state '[^']+' \(entered at the event id #\d+\)\. /, '').slice(0, 70)}`;
        detail.set(k, (detail.get(k) ?? 0) + 1);
      }
      await settleAndCheckEscapes();
    }), { numRuns: runs, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true, ...(seed !== undefined ? { seed } : {}) });
    if (process.env.ENGINE_PROPERTY_STATS) console.log(stats, [...detail].sort((a, b) => b[1] - a[1]), slow);
    // the generator writes valid definitions: most of them must run
    expect(stats.refused).toBeLessThan(runs / 4);
  }, 120_000);
});

// ------------------------------------------------------------------------------------------ focused regressions

const run = (def: object, opts: ExecutionOptions = {}): Promise<ExecutionResult> => startExecution(def, opts).result;
const LAMBDA = 'arn:aws:states:::lambda:invoke';

describe('payload nesting (regression: a self-nesting JSONata loop ran 13 s into "Maximum call stack size exceeded")', () => {
  const loop = (output: string) => ({
    QueryLanguage: 'JSONata', StartAt: 'L', States: {
      L: { Type: 'Pass', Output: output, Next: 'C' },
      C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.k = null %}', Next: 'D' }], Default: 'L' },
      D: { Type: 'Succeed' },
    },
  });
  const jsonPathLoop = (parameters: object) => ({
    StartAt: 'L', States: {
      L: { Type: 'Pass', Parameters: parameters, Next: 'C' },
      C: { Type: 'Choice', Choices: [{ Variable: '$.k', IsNull: true, Next: 'D' }], Default: 'L' },
      D: { Type: 'Succeed' },
    },
  });
  const tooDeep = `The payload is nested more than ${MAX_JSON_DEPTH} levels deep`;

  it.each([
    ['JSONata, quotas aws, history kept', loop('{% {"k": $states.input} %}'), { quotas: 'aws', history: 'full' }],
    ['JSONata, quotas aws, no history', loop('{% {"k": $states.input} %}'), { quotas: 'aws', history: 'none' }],
    ['JSONata, quotas off, history kept', loop('{% {"k": $states.input} %}'), { quotas: 'off', history: 'full' }],
    ['JSONata, quotas off, no history', loop('{% {"k": $states.input} %}'), { quotas: 'off', history: 'none' }],
    ['JSONPath, quotas aws', jsonPathLoop({ 'k.$': '$' }), { quotas: 'aws', history: 'full' }],
    ['JSONPath, quotas off, history kept', jsonPathLoop({ 'k.$': '$' }), { quotas: 'off', history: 'full' }],
  ] as const)('%s: ends quickly as States.Runtime naming the nesting limit', async (_, def, opts) => {
    const t0 = Date.now();
    const r = await run(def, opts);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain(tooDeep);
    expect(r.cause).toMatch(/^An error occurred while executing the state 'L' \(entered at the event id #\d+\)\. /);
    expect(r.cause).not.toMatch(JS_LEAK);
    await settleAndCheckEscapes();
  });

  it.each([
    ['JSONata', loop(`{% {"k": $states.input, "pad": "${'x'.repeat(600)}"} %}`)],
    ['JSONPath', jsonPathLoop({ 'k.$': '$', pad: 'x'.repeat(600) })],
  ])('%s: a payload growing past 262,144 bytes first fails with States.DataLimitExceeded (AWS cause)', async (_, def) => {
    const t0 = Date.now();
    const r = await run(def);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.DataLimitExceeded');
    expect(r.cause).toBe("The state/task 'L' returned a result with a size exceeding the maximum number of bytes service limit.");
    // the oversized Pass output never made it into an event: the run ends after L's Entered event
    expect(r.history[r.history.length - 2]).toMatchObject({ type: 'PassStateEntered', stateEnteredEventDetails: { name: 'L' } });
  });

  it('a value nested deeper than the limit in one step (a handler result) fails cleanly too', async () => {
    let v: unknown = 1;
    for (let i = 0; i < 5000; i++) v = [v];
    for (const quotas of ['aws', 'off'] as const) {
      const r = await run({ StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } },
        { quotas, taskHandlers: { T: () => v } });
      expect(r.status).toBe('FAILED');
      expect(r.error).toBe('States.Runtime');
      expect(r.cause).toContain(tooDeep);
    }
  });
});

describe('cancelled waits are always observed (regression: unhandled rejection "Cancelled" from finish())', () => {
  it('a branch that starts a timer after its Parallel was cancelled leaves no unhandled rejection', async () => {
    // branch W evaluates JSONata (asynchronous) while branch F fails: W then sleeps on a cancelled scope, and the
    // execution's end disposes the clock, rejecting that timer
    const def = { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Parallel', End: true, Branches: [
      { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Boom' } } },
      { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: '{% $count([1, 2, 3][$ > 0]) + $sum($map([1, 2], function($v) { $v })) %}', End: true } } },
    ] } } };
    for (let i = 0; i < 5; i++) {
      const r = await run(def);
      expect(r.error).toBe('Boom');
      await settleAndCheckEscapes();
    }
  });

  it('stopping during Retry back-off, a Task timeout or a pending handler leaves no unhandled rejection', async () => {
    const def = { StartAt: 'P', States: { P: { Type: 'Parallel', End: true, Branches: [
      { StartAt: 'R', States: { R: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 100 }], End: true } } },
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 100, End: true } } },
      { StartAt: 'H', States: { H: { Type: 'Task', Resource: LAMBDA, End: true } } },
    ] } } };
    for (const via of ['micro', 'macro'] as const) {
      const exec = startExecution(def, { taskHandlers: {
        R: () => { throw new Error('again'); },
        T: () => new Promise(() => {}),
        H: () => new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 5)),
      } });
      if (via === 'micro') queueMicrotask(() => exec.stop());
      else setImmediate(() => exec.stop());
      const r = await exec.result;
      expect(r.status).toBe('ABORTED');
      await new Promise((res) => setTimeout(res, 20)); // the late rejection of H lands after the end
      await settleAndCheckEscapes();
    }
  });

  it('stop() from an onEvent listener reacting to the terminal event records no second terminal event', async () => {
    const types: string[] = [];
    const exec: Execution = startExecution({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E1' } } }, {
      onEvent: (e) => { types.push(e.type); if (e.type === 'ExecutionFailed') exec.stop('Late'); },
    });
    const r = await exec.result;
    expect(r.status).toBe('FAILED');
    expect(types).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
    expect(r.history.map((e) => e.type)).toEqual(types);
  });

  it("history 'none' keeps no events in the result, also with an onEvent listener", async () => {
    const seen: HistoryEvent[] = [];
    const r = await run({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, { history: 'none', onEvent: (e) => seen.push(e) });
    expect(r.history).toEqual([]);
    expect(seen.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });
});

describe('quotas and task failures', () => {
  it('a runaway loop ends at the 25,000-event history limit with AWS error and cause', async () => {
    const def = { StartAt: 'Spin', States: { Spin: { Type: 'Choice', Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'Spin' }], Default: 'Done' }, Done: { Type: 'Succeed' } } };
    for (const history of ['full', 'none'] as const) {
      const r = await run(def, { input: { go: true }, history });
      expect(r.status).toBe('FAILED');
      expect(r.error).toBe('States.Runtime');
      expect(r.cause).toBe(`The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`);
      if (history === 'full') {
        // as AWS records it: event 25,000 is ExecutionFailed, pointing to the last state event 24,999
        expect(r.history).toHaveLength(MAX_HISTORY_EVENTS);
        const last = r.history[MAX_HISTORY_EVENTS - 1];
        expect(last).toMatchObject({ id: MAX_HISTORY_EVENTS, previousEventId: MAX_HISTORY_EVENTS - 1, type: 'ExecutionFailed' });
        expect(r.history[MAX_HISTORY_EVENTS - 2].type).toBe('ChoiceStateExited');
      }
    }
  });

  it.each([
    ['a string', () => { throw 'went wrong'; }, 'went wrong'],
    ['a number', () => { throw 42; }, '42'],
    ['null', () => { throw null; }, 'null'],
    ['an object', () => { throw { code: 'E' }; }, '{"code":"E"}'],
    ['a rejected promise with an object', () => Promise.reject({ code: 'E' }), '{"code":"E"}'],
    ['a BigInt', () => { throw 12n; }, '[object BigInt]'],
    ['a circular object', () => { const o: Record<string, unknown> = {}; o.o = o; throw o; }, '[object Object]'],
  ])('a handler throwing %s is a task failure (States.TaskFailed), catchable', async (_, handler, cause) => {
    const def = { StartAt: 'T', States: {
      T: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }], End: true },
      Caught: { Type: 'Pass', End: true },
    } };
    const r = await run(def, { taskHandlers: { T: handler as TaskHandler } });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({ Error: 'States.TaskFailed', Cause: cause });
    const failed = r.history.find((e) => e.type === 'TaskFailed')!;
    expect(failed.taskFailedEventDetails).toMatchObject({ error: 'States.TaskFailed', cause });
    const uncaught = await run({ StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } }, { taskHandlers: { T: handler as TaskHandler } });
    expect(uncaught).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed', cause });
  });

  it('an Error with an empty or non-string name fails the task as "Error"', async () => {
    for (const name of ['', 42]) {
      const r = await run({ StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } }, {
        taskHandlers: { T: () => { const e = new Error('msg'); (e as { name: unknown }).name = name; throw e; } },
      });
      expect(r).toMatchObject({ status: 'FAILED', error: 'Error', cause: 'msg' });
    }
  });

  it('a handler that never settles ends by TimeoutSeconds (States.Timeout) and then holds no virtual time', async () => {
    const def = { StartAt: 'T', States: {
      T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 1, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'W' }], Next: 'W' },
      W: { Type: 'Wait', Seconds: 86_400, Next: 'U' },
      U: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 1, End: true },
    } };
    const t0 = Date.now();
    const r = await run(def, { taskHandlers: { T: () => new Promise(() => {}), U: () => new Promise(() => {}) } });
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(1900); // two 1-second timeouts on real time while the handlers are in flight
    expect(took).toBeLessThan(6000); // and the one-day Wait between them on virtual time, at once
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Timeout');
    expect(r.history.filter((e) => e.type === 'TaskTimedOut')).toHaveLength(2);
    const entered = (n: string) => Date.parse(r.history.find((e) => e.type.endsWith('StateEntered') && (e.stateEnteredEventDetails as { name: string }).name === n)!.timestamp);
    expect(entered('U') - entered('W')).toBeGreaterThanOrEqual(86_400_000);
    await settleAndCheckEscapes();
  });

  it('a .waitForTaskToken task without callbacks ends by HeartbeatSeconds; a timed-out token is no longer pending', async () => {
    const def = { StartAt: 'H', States: {
      H: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', HeartbeatSeconds: 1, TimeoutSeconds: 60, Parameters: { 'token.$': '$$.Task.Token' }, Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'T' }], End: true },
      T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', TimeoutSeconds: 1, Parameters: { 'token.$': '$$.Task.Token' }, End: true },
    } };
    const exec = startExecution(def);
    const r = await exec.result;
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(r.history.map((e) => e.type)).toContain('TaskTimedOut');
    expect(exec.pendingTaskTokens()).toEqual([]);
    await settleAndCheckEscapes();
  });
});
