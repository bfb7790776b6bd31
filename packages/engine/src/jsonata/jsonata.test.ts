import { describe, expect, test } from 'vitest';
import { makeCtx } from '../io/test-helpers.js';
import { compileJsonataTemplate, setJsonataTimeLimit } from './index.js';

const input = { items: [{ p: 2 }, { p: 3 }], name: 'ana', FunctionInput: { fst: [0, 1, 2], snd: 2 }, arr: [1, 2, 3], s: 'input data' };
const ctx = makeCtx(input, {
  context: { Execution: { Name: 'exec' }, State: { Name: 'S' } },
  vars: { theAnswer: 42, varname: { varfield: 'f' }, ItemsVar: true, nul: null },
  result: { r: 1 },
  errorOutput: { Error: 'E', Cause: 'C' },
});
const ev = (v: unknown, field = 'Output') => compileJsonataTemplate(v, { field }).evaluate(ctx);

describe('compileJsonataTemplate: values', () => {
  const rows: [value: unknown, expected: unknown, reason: string][] = [
    ['{% $states.input.name %}', 'ana', '$states.input'],
    ['{% $states.context.Execution.Name %}', 'exec', '$states.context'],
    ['{% $states.result.r %}', 1, '$states.result'],
    ['{% $states.errorOutput.Error %}', 'E', '$states.errorOutput'],
    ['{% $theAnswer %}', 42, 'a workflow variable'],
    ['{% $varname.varfield %}', 'f', 'a path into a variable'],
    ['{% $nul %}', null, 'a null variable is a value'],
    ['{% $sum($states.input.items.p) + $theAnswer %}', 47, 'standard functions and variables together'],
    ['{%$states.input.name%}', 'ana', 'no blanks needed inside {% %}'],
    ['{% 1 %}', 1, 'a number literal'],
    ["{% {'foo': 'bar'} %}", { foo: 'bar' }, 'an object constructor'],
    ["{% [1, 'two', 3] %}", [1, 'two', 3], 'an array constructor'],
    ["{% $states.input.name = 'ana' %}", true, 'a comparison'],
    ['{% $states.input.arr %}', [1, 2, 3], 'an input array comes back as an array'],
    ['{% $states.input.items[0] %}', { p: 2 }, 'a filter that yields one item'],
    ['{% $states.input.items.p %}', [2, 3], 'a mapped sequence is a plain array'],
    ["{% $contains('hello$world', /^hello\\$/) %}", true, 'regular expressions'],
    ['{% $variable := 1 %}', 1, 'a local assignment returns its value'],
    ['{% $partition($states.input.FunctionInput.fst, $states.input.FunctionInput.snd) %}', [[0, 1], [2]], '$partition (AWS)'],
    ['{% $partition([0], 1) %}', [[0]], '$partition keeps a single chunk nested'],
    ['{% $range(0, 9, 3) %}', [0, 3, 6, 9], '$range (AWS)'],
    ['{% $range(0, 10, 3) %}', [0, 3, 6, 9], '$range stops before passing the end'],
    ['{% $range(9, 1, -2) %}', [9, 7, 5, 3, 1], '$range counts down'],
    ['{% $range(2.8, -1.2, -1.2) %}', [2, 1, 0, -1], '$range truncates each argument'],
    ['{% $append([], $range(7, 7, 1)) %}', [7], 'a singleton $range composes as a sequence'],
    ['{% $count($range(0, 1000, 1)) %}', 1001, '$range is not capped at 1000'],
    ['{% $range(1, 9, 9) %}', 1, '$range yielding one number is a singleton sequence → the number (recorded AWS result)'],
    ['{% $hash($states.input.s, "SHA-1") %}', 'aaff4a450a104cd177d28d18d74485e8cae074b7', '$hash (AWS)'],
    ['{% $hash("input data", "MD5") %}', '812f45842bc6d66ee14572ce20db8e86', '$hash MD5'],
    ['{% $parse("-0") %}', 0, '$parse normalises -0'],
    ['{% $parse("1.1") %}', 1.1, '$parse a number'],
    ['{% $parse(\'{"a":[true]}\') %}', { a: [true] }, '$parse an object'],
    ['{% $random(7) = $random(7) %}', true, '$random(seed) is deterministic'],
    ['{% $random() < 1 %}', true, '$random() is in [0,1)'],
    ['{% $length($uuid()) %}', 36, '$uuid'],
    ['{% $range(-1.7, 2, 1) %}', [-1, 0, 1, 2], 'non-integer arguments round towards zero (AWS)'],
    ['{% $partition([1,2,3,4,5], 2.9) %}', [[1, 2], [3, 4], [5]], 'chunk size 2.9 chunks by 2 (AWS)'],
    ['{% $states.input.nothing = null %}', false, 'comparison with a missing field'],
    ['{% 1/0 %}', 'Infinity', 'a non-finite result is written as its JavaScript name (AWS)'],
    ['plain text', 'plain text', 'a string without {% %} is a constant'],
    ['{% not closed', '{% not closed', 'a string that does not end with %} is a constant'],
    [{ a: '{% $theAnswer %}', b: ['{% 1 + 1 %}', 'c'], n: 3 }, { a: 42, b: [2, 'c'], n: 3 }, 'objects and arrays are walked'],
  ];
  test.each(rows)('%j (%s)', async (value, expected) => {
    expect(await ev(value)).toEqual(expected);
  });

  test('constants are recognised and returned without copying', async () => {
    const v = { a: [1, { b: 'x' }] };
    const c = compileJsonataTemplate(v);
    expect(c.isConstant).toBe(true);
    expect(await c.evaluate(ctx)).toBe(v);
    expect(compileJsonataTemplate({ a: '{% 1 %}' }).isConstant).toBe(false);
  });

  test('the input is returned by reference (no deep copy)', async () => {
    expect(await ev('{% $states.input.items %}')).toBe(input.items);
  });

  test('a seeded $random reproduces java.util.Random.nextDouble', async () => {
    // new java.util.Random(42).nextDouble() == 0.7275636800328681
    expect(await ev('{% $random(42) %}')).toBe(0.7275636800328681);
  });
});

describe('compileJsonataTemplate: errors → States.QueryEvaluationError', () => {
  const rows: [value: unknown, field: string, cause: string | RegExp, reason: string][] = [
    ['{% $doesNotExist %}', 'Output', "The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).", 'undefined at the top'],
    [{ result: '{% $doesNotExist %}' }, 'Assign', "The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing (undefined).", 'undefined inside Assign (recorded AWS cause)'],
    ['{% $states.input.nope %}', 'Arguments', /returned nothing \(undefined\)/, 'a missing field is undefined'],
    ['{% $eval("1") %}', 'Output', /\$eval/, '$eval is disabled'],
    ['{% 1 + "a" %}', 'Output', /^The JSONata expression '1 \+ "a"' specified for the field 'Output' threw an error during evaluation\. T2002: /, 'a type error keeps the JSONata code'],
    ['{% $error("boom") %}', 'Output', /boom/, '$error'],
    ['{% $range(0, 1, 0) %}', 'Output', /returned nothing/, '$range with step 0 is undefined (AWS)'],
    ['{% $range(0, 5) %}', 'Output', /returned nothing/, '$range without a step is undefined (AWS)'],
    ["{% $range('0',4,1) %}", 'Output', `The JSONata expression '$range('0',4,1)' specified for the field 'Output' threw an error during evaluation. T0410: Argument 1 of function "range" does not match function signature`, '$range checks its argument types'],
    ['{% $range(0,4,1,2) %}', 'Output', /T0410: Argument 4 of function "range"/, '$range takes at most three arguments'],
    ['{% $range(5, 0, 1) %}', 'Output', /returned nothing/, '$range whose step points away from the end is undefined (AWS)'],
    ['{% $partition([1], 0) %}', 'Output', /returned nothing/, '$partition with size 0 is undefined (AWS)'],
    ['{% $partition([], 2) %}', 'Output', /returned nothing/, '$partition of an empty array is undefined (AWS)'],
    ['{% $hash("x") %}', 'Output', /returned nothing/, '$hash without an algorithm is undefined (AWS)'],
    ['{% $range(1, 400000, 1) %}', 'Output', /memory limit/, '$range beyond AWS memory bound'],
    [{ a: [1, { b: '{% $nope %}' }] }, 'Output', "The JSONata expression '$nope' specified for the field 'Output/a[1]/b' returned nothing (undefined).", 'array elements are named [i]'],
    ['{% foo %}', 'Output', /returned nothing/, 'no context item: a bare name is undefined'],
    ['{% $hash("x", "SHA-3") %}', 'Output', /algorithm/, '$hash with an unknown algorithm'],
    ['{% $parse("{oops") %}', 'Output', /parse/, '$parse of invalid JSON'],
  ];
  test.each(rows)('%j (%s)', async (value, field, cause) => {
    const p = compileJsonataTemplate(value, { field }).evaluate(ctx);
    await expect(p).rejects.toMatchObject({ name: 'States.QueryEvaluationError' });
    await p.catch((e: { causeText: string }) => {
      if (typeof cause === 'string') expect(e.causeText).toBe(cause);
      else expect(e.causeText).toMatch(cause);
    });
  });

  test('a syntax error fails at compile time, naming each field it is used in', () => {
    expect(() => compileJsonataTemplate('{% $states.input. %}')).toThrow(expect.objectContaining({ name: 'States.QueryEvaluationError' }));
    expect(() => compileJsonataTemplate('{% a[1,2) %}', { field: 'Output' })).toThrow(/field 'Output' could not be parsed: S0202: Expected "]", got ","/);
    expect(() => compileJsonataTemplate('{% a[1,2) %}', { field: 'Arguments' })).toThrow(/field 'Arguments'/);
  });
});

test('a runaway recursion fails with States.QueryEvaluationError instead of hanging', async () => {
  const prev = setJsonataTimeLimit(200);
  try {
    const p = compileJsonataTemplate('{% ($f := function($x){ $f($x + 1) }; $f(1)) %}', { field: 'Output' }).evaluate(ctx);
    await expect(p).rejects.toMatchObject({ name: 'States.QueryEvaluationError', causeText: expect.stringContaining('U1001') });
  } finally {
    setJsonataTimeLimit(prev);
  }
});

describe('evaluation depth is capped at 100, as on AWS', () => {
  const f = (n: number) => `{% ($f := function($n){ $n <= 0 ? 0 : 1 + $f($n - 1) }; $f(${n})) %}`;
  const rows: [expr: string, ok: boolean, reason: string][] = [
    [`{% ${Array(100).fill('1').join('+')} %}`, true, '100 terms accepted'],
    [`{% ${Array(101).fill('1').join('+')} %}`, false, '101 terms refused'],
    [`{% ${'('.repeat(99)}1${')'.repeat(99)} %}`, true, '99 parentheses accepted'],
    [f(31), true, 'non-tail recursion of 31 accepted (depth 3n+5 = 98)'],
    [f(32), false, 'non-tail recursion of 32 refused'],
  ];
  test.each(rows)('%s → %s (%s)', async (expr, ok) => {
    const p = compileJsonataTemplate(expr, { field: 'Output' }).evaluate(ctx);
    if (ok) await expect(p).resolves.toBeDefined();
    else await expect(p).rejects.toMatchObject({ name: 'States.QueryEvaluationError', causeText: expect.stringContaining('Depth=101 max=100') });
  });
});

describe('the synchronous fast path agrees with the JSONata engine', () => {
  // Each expression runs through compileJsonataTemplate (fast path where it applies) and through jsonata itself.
  const vars = { n: 5, s: 'ab', t: true, f: false, obj: { a: { b: 1 } }, arr: [1, 2], nul: null, str5: '5' };
  const fctx = makeCtx({ x: { y: 2 }, list: [{ p: 1 }, { p: 2 }], z: null }, { vars });
  const exprs = [
    '$n + 1', '$n - 0.5', '$n * $n', '$n / 2', '$n % 3', '$n < 10', '$n >= 5', '$s < "b"', '$n = 5', '$n != 5',
    '$s & "c"', '$s & $nope', '$t and $f', '$f or $t', '$t and $n', '$obj.a.b', '$obj.a', '$arr', '$states.input.x.y',
    '$states.input.list.p', '$states.input.z', '$states.input.z.q', '$n + $nope', '$nope < 1', '$obj = $obj', '($n + 1) * 2',
    '"x" & 1', '$n = "5"', '$str5 + 1', '$n < "6"', '$nul = null', '-1 + $n',
  ];
  test.each(exprs)('%s', async (e) => {
    const jsonataLib = (await import('jsonata')).default;
    let want: unknown;
    let wantErr = false;
    try {
      want = await jsonataLib(e).evaluate(undefined, { ...vars, states: { input: fctx.input, context: fctx.context } });
    } catch {
      wantErr = true;
    }
    const p = compileJsonataTemplate(`{% ${e} %}`, { field: 'Output' }).evaluate(fctx);
    if (wantErr || want === undefined) await expect(p).rejects.toMatchObject({ name: 'States.QueryEvaluationError' });
    else expect(await p).toEqual(JSON.parse(JSON.stringify(want)));
  });
});
