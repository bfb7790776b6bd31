import { describe, expect, test } from 'vitest';
import { compileIntrinsic, isIntrinsic, JavaRandom, javaToString } from './intrinsics.js';
import { caught, makeCtx } from './test-helpers.js';

const ev = (expr: string, input: unknown = {}, vars: Record<string, unknown> = {}) =>
  compileIntrinsic(expr).evaluate(makeCtx(input, { vars, context: { StateMachine: { Name: 'my-machine-1' } } }));

describe('intrinsics: AWS documentation examples (dg/intrinsic-functions.html)', () => {
  const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const rows: [expr: string, input: unknown, expected: unknown, reason: string][] = [
    ['States.Array($.Id)', { Id: 123456 }, [123456], 'States.Array wraps its arguments'],
    ['States.ArrayPartition($.inputArray,4)', { inputArray: nine }, [[1, 2, 3, 4], [5, 6, 7, 8], [9]], 'last chunk is shorter'],
    ['States.ArrayContains($.inputArray, $.lookingFor)', { inputArray: nine, lookingFor: 5 }, true, 'value present'],
    ['States.ArrayRange(1, 9, 2)', {}, [1, 3, 5, 7, 9], 'start, end (inclusive), step'],
    ['States.ArrayGetItem($.inputArray, $.index)', { inputArray: nine, index: 5 }, 6, 'zero-based index'],
    ['States.ArrayLength($.inputArray)', { inputArray: nine }, 9, 'array length'],
    ['States.ArrayUnique($.inputArray)', { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] }, [1, 2, 3, 4], 'duplicates removed, order kept'],
    ['States.Base64Encode($.input)', { input: 'Data to encode' }, 'RGF0YSB0byBlbmNvZGU=', 'base64 encode'],
    ['States.Base64Decode($.base64)', { base64: 'RGF0YSB0byBlbmNvZGU=' }, 'Data to encode', 'base64 decode'],
    ['States.Hash($.Data, $.Algorithm)', { Data: 'input data', Algorithm: 'SHA-1' }, 'aaff4a450a104cd177d28d18d74485e8cae074b7', 'SHA-1 hex digest'],
    [
      'States.JsonMerge($.json1, $.json2, false)',
      { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } },
      { a: { a3: 1, a4: 2 }, b: 2, c: 3 },
      'shallow merge: the second object wins per top-level key',
    ],
    ['States.StringToJson($.escapedJsonString)', { escapedJsonString: '{"foo": "bar"}' }, { foo: 'bar' }, 'parse JSON text'],
    ['States.JsonToString($.unescapedJson)', { unescapedJson: { foo: 'bar' } }, '{"foo":"bar"}', 'compact JSON text'],
    ['States.MathAdd($.value1, $.step)', { value1: 111, step: -1 }, 110, 'integer addition'],
    ['States.StringSplit($.inputString, $.splitter)', { inputString: '1,2,3,4,5', splitter: ',' }, ['1', '2', '3', '4', '5'], 'single delimiter'],
    ['States.StringSplit($.inputString, $.splitter)', { inputString: 'This.is+a,test=string', splitter: '.+,=' }, ['This', 'is', 'a', 'test', 'string'], 'every delimiter character splits'],
    ["States.Format('Hello, my name is {}.', $.name)", { name: 'Arnav' }, 'Hello, my name is Arnav.', 'one placeholder'],
    [
      "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1), 'x')",
      { ImageRecipe: { Arn: 'arn:aws:imagebuilder:us-east-1:123:image-recipe/my-recipe/1.0.0' } },
      '1.0.x',
      'the documented nine-deep nesting',
    ],
  ];
  test.each(rows)('%s (%s)', (expr, input, expected) => {
    expect(ev(expr, input)).toEqual(expected);
  });
});

describe('intrinsics: AWS results recorded in the conformance suite', () => {
  const rows: [expr: string, input: unknown, expected: unknown, reason: string][] = [
    ['States.Array()', {}, [], 'no arguments → empty array'],
    ['States.ArrayContains($.a, $.b)', { a: [[1, 2, 3], 2], b: [1, 2, 3] }, true, 'arrays compare structurally'],
    ['States.ArrayContains($.a, $.b)', { a: [{ 1: 2, 2: [] }], b: { 2: [], 1: 2 } }, true, 'objects compare structurally, key order ignored'],
    ['States.ArrayContains($.a, $.b)', { a: [], b: null }, false, 'empty array contains nothing'],
    ['States.ArrayPartition($.a, 5)', { a: [] }, [], 'empty array → no chunks'],
    ['States.ArrayRange(0, 9, 3)', {}, [0, 3, 6, 9], 'end reached exactly'],
    ['States.ArrayRange(0, 10, 3)', {}, [0, 3, 6, 9], 'end not reached'],
    ['States.ArrayRange(5, 1, -2)', {}, [5, 3, 1], 'negative step counts down'],
    ['States.Base64Encode($.s)', { s: '' }, '', 'empty string'],
    ['States.Base64Encode($.s)', { s: 'héllo ✓ 😀' }, 'aMOpbGxvIOKckyDwn5iA', 'UTF-8 aware'],
    ['States.Base64Decode($.s)', { s: 'aMOpbGxvIOKckyDwn5iA' }, 'héllo ✓ 😀', 'UTF-8 aware'],
    ['States.Hash($.d, $.a)', { d: 'input data', a: 'MD5' }, '812f45842bc6d66ee14572ce20db8e86', 'MD5'],
    ['States.Hash($.d, $.a)', { d: 'input data', a: 'SHA-256' }, 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3', 'SHA-256'],
    [
      'States.Hash($.d, $.a)',
      { d: 'input data', a: 'SHA-512' },
      '6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4',
      'SHA-512',
    ],
    ['States.Hash($.d, $.a)', { d: 'abc', a: 'SHA-384' }, 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7', 'SHA-384 (FIPS 180-2 "abc" vector)'],
    ['States.JsonToString($.v)', { v: null }, 'null', 'null'],
    ['States.JsonToString($.v)', { v: 1.1 }, '1.1', 'number'],
    ['States.JsonToString($.v)', { v: { Arg1: 1, Arg2: [] } }, '{"Arg1":1,"Arg2":[]}', 'compact object'],
    ['States.StringToJson($.v)', { v: ' ' }, null, 'blank text → null'],
    ['States.StringToJson($.v)', { v: '-0' }, 0, '-0 parses to 0'],
    ['States.StringToJson($.v)', { v: '"HelloWorld"' }, 'HelloWorld', 'a JSON string'],
    ['States.StringToJson($.v)', { v: '[1, 2, "HelloWorld"]' }, [1, 2, 'HelloWorld'], 'a JSON array'],
    ['States.MathAdd($.a, $.b)', { a: -1.5, b: 0 }, -1, 'each operand is rounded half up (Java Math.round)'],
    ['States.MathAdd($.a, $.b)', { a: -1.51, b: 0 }, -2, 'rounding below -1.5'],
    ['States.MathAdd($.a, $.b)', { a: 1.5, b: 0 }, 2, 'rounding 1.5 up'],
    ['States.MathAdd($.a, $.b)', { a: -0.5, b: 0 }, 0, 'rounding -0.5 to 0'],
    ['States.MathAdd($.a, $.b)', { a: -1.49, b: -1.5 }, -2, 'operands rounded before adding (-1 + -1)'],
    ['States.MathAdd($.a, $.b)', { a: 1.49, b: -1.49 }, 0, 'operands rounded before adding (1 + -1)'],
    ['States.StringSplit($.a, $.b)', { a: ', , ,', b: ',' }, [' ', ' '], 'empty tokens are dropped'],
    ['States.StringSplit($.a, $.b)', { a: ',,,,', b: ',' }, [], 'only delimiters → empty array'],
    ["States.StringSplit('Hello\\nWorld', '\\n')", {}, ['Hello', 'World'], 'backslash sequences in literals'],
    ["States.Format('Formatting argument {}.', $.v)", { v: 1 }, 'Formatting argument 1.', 'number argument'],
    ["States.Format('a={} b={}.', $.a, $.b)", { a: null, b: null }, 'a=null b=null.', 'null renders as null'],
    ["States.Format('a={} b={}.', $.a, $.b)", { a: 1.1, b: true }, 'a=1.1 b=true.', 'float and boolean'],
    ["States.Format('x={}.', $.v)", { v: { Arg1: 1, Arg2: [] } }, 'x={Arg1=1, Arg2=[]}.', 'objects render as Java maps'],
    ["States.Format('x={}.', $.v)", { v: '{"Arg1": 1, "Arg2": []}' }, 'x={"Arg1": 1, "Arg2": []}.', 'a string argument is inserted verbatim'],
    ["States.Format('x={}', $.v)", { v: [1, 'a', [2]] }, 'x=[1, a, [2]]', 'arrays render as Java lists'],
    ["States.Format('{} {} {} {}', $.a, $.b, $.c, $.d)", { a: 12345678.9, b: 0.0001, c: 1e21, d: 123456789012 }, '1.23456789E7 1.0E-4 1.0E21 123456789012', 'doubles print as Java Double.toString, longs in full'],
    ['States.JsonToString($.v)', { v: { a: 12345678.9, b: [0.5, 7] } }, '{"a":1.23456789E7,"b":[0.5,7]}', 'JsonToString writes numbers as Jackson does'],
    ["States.Format('\\{\\} {} \\'q\\' \\\\', $.v)", { v: 'ok' }, "{} ok 'q' \\", 'escaped braces, quote and backslash are literal'],
    ["States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)", {}, 'my', 'nested call over the Context Object'],
    [
      "States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), $.input_field, false)",
      { input_field: { constant_input_field: 'constant_value' } },
      { constant_in_literal: 'false', constant_input_field: 'constant_value' },
      'literal JSON text inside a nested call',
    ],
    ['States.Array($v, 1, true, null)', {}, [7, 1, true, null], 'variables and literal arguments'],
  ];
  test.each(rows)('%s (%s)', (expr, input, expected) => {
    expect(ev(expr, input, { v: 7 })).toEqual(expected);
  });
});

describe('intrinsics: random and UUID', () => {
  test('States.MathRandom(start, end) is an integer in [start, end)', () => {
    for (let i = 0; i < 200; i++) {
      const v = ev('States.MathRandom(1, 5)') as number;
      expect(Number.isInteger(v) && v >= 1 && v < 5).toBe(true);
    }
  });
  test('States.MathRandom with a seed is deterministic (java.util.Random)', () => {
    expect(ev('States.MathRandom(0, 10, 42)')).toBe(0); // new Random(42).nextInt(10) == 0
    expect(ev('States.MathRandom(0, 999, 3)')).toBe(ev('States.MathRandom(0, 999, 3)'));
  });
  test('JavaRandom matches java.util.Random for a power-of-two bound', () => {
    expect(new JavaRandom(42).nextInt(1 << 30)).toBe(781215565);
  });
  test('States.UUID() is a v4 UUID', () => {
    expect(ev('States.UUID()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('intrinsics: failures → States.IntrinsicFailure', () => {
  const rows: [expr: string, input: unknown, reason: string][] = [
    ['States.ArrayGetItem($.a, 3)', { a: [1, 2] }, 'index out of bounds'],
    ['States.ArrayGetItem($.a, 0)', { a: 'x' }, 'not an array'],
    ['States.ArrayPartition($.a, 0)', { a: [1] }, 'chunk size must be positive'],
    ['States.ArrayRange(0, 10, 0)', {}, 'step 0'],
    ['States.ArrayRange(0, 2000, 1)', {}, 'more than 1000 elements'],
    ['States.ArrayLength($.a)', { a: {} }, 'not an array'],
    ['States.Base64Decode($.a)', { a: '%%%' }, 'not base64'],
    ['States.Hash($.a, $.b)', { a: 'x', b: 'SHA-3' }, 'unsupported algorithm'],
    ['States.JsonMerge($.a, $.b, true)', { a: {}, b: {} }, 'deep merge is not supported'],
    ['States.JsonMerge($.a, $.b, false)', { a: [], b: {} }, 'not an object'],
    ['States.StringToJson($.a)', { a: '{oops' }, 'invalid JSON text'],
    ['States.MathAdd($.a, 1)', { a: 'x' }, 'not a number'],
    ['States.MathAdd($.a, 1)', { a: 3000000000 }, 'outside the 32-bit integer range'],
    ['States.MathRandom(5, 5)', {}, 'empty range'],
    ["States.Format('{} {}', $.a)", { a: 1 }, 'fewer arguments than placeholders'],
    ["States.Format('{}', $.a, $.a)", { a: 1 }, 'more arguments than placeholders'],
    ['States.StringSplit($.a, ",")', { a: 1 }, 'argument is not a string literal or path'],
    ['States.UUID(1)', {}, 'UUID takes no arguments'],
    ["States.StringSplit($.a, '')", { a: 'abc' }, 'empty delimiter'],
    ['States.Base64Encode($.a)', { a: 'a'.repeat(10001) }, 'more than 10,000 characters'],
    ["States.Hash($.a, 'sha-256')", { a: 'x' }, 'algorithm names are case-sensitive'],
    ['States.ArrayGetItem($.a, -1)', { a: [1] }, 'negative index'],
    ['States.ArrayGetItem($.a, 1.5)', { a: [1, 2] }, 'non-integer index'],
  ];
  test.each(rows)('%s (%s)', (expr, input) => {
    expect(caught(() => ev(expr, input))?.name).toBe('States.IntrinsicFailure');
  });

  test('a path argument that matches nothing is States.Runtime, naming the whole expression (AWS wording)', () => {
    expect(caught(() => ev("States.Format('{}', States.Format('{}', $.nope))", { other: 1 }))).toEqual({
      name: 'States.Runtime',
      cause:
        "The function 'States.Format('{}', States.Format('{}', $.nope))' had the following error: The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'",
    });
  });

  test('an index past the end of an array is a miss for an intrinsic argument', () => {
    expect(caught(() => ev("States.Format('{}', $.items[5])", { items: [1, 2] }))?.cause).toBe(
      "The function 'States.Format('{}', $.items[5])' had the following error: The JsonPath argument for the field '$.items[5]' could not be found in the input '{\"items\":[1,2]}'",
    );
  });

  test('a $$ argument is reported rewritten to $ against the state input', () => {
    expect(caught(() => ev("States.Format('{}', $$.Nope.Deep)", { other: 1 }))?.cause).toBe(
      "The function 'States.Format('{}', $$.Nope.Deep)' had the following error: The JsonPath argument for the field '$.Nope.Deep' could not be found in the input '{\"other\":1}'",
    );
  });

  test('IntrinsicFailure causes name the function too', () => {
    expect(caught(() => ev('States.ArrayGetItem($.a, 3)', { a: [1] }))?.cause).toMatch(/^The function 'States.ArrayGetItem\(\$.a, 3\)' had the following error: /);
  });

  test('the 10,000-character caps count code points, not UTF-16 units', () => {
    expect(typeof ev('States.Base64Encode($.s)', { s: '😀'.repeat(5001) })).toBe('string');
  });

  test('an explicit null argument is a value', () => {
    expect(ev("States.Format('{}', $.nul)", { nul: null })).toBe('null');
  });

  test('unknown functions and nesting deeper than 10 fail at compile time', () => {
    expect(caught(() => compileIntrinsic('States.Nope(1)'))?.name).toBe('States.IntrinsicFailure');
    const deep = 'States.Array('.repeat(11) + '1' + ')'.repeat(11);
    expect(caught(() => compileIntrinsic(deep))?.name).toBe('States.IntrinsicFailure');
    const ten = 'States.Array('.repeat(10) + '1' + ')'.repeat(10);
    expect(compileIntrinsic(ten).evaluate(makeCtx({}))).toEqual([[[[[[[[[[1]]]]]]]]]]);
  });
});

describe('intrinsics: helpers', () => {
  test('isIntrinsic tells calls from paths', () => {
    expect(isIntrinsic("States.Format('x')")).toBe(true);
    expect(isIntrinsic('$.States')).toBe(false);
  });
  test('javaToString renders like Java collections', () => {
    expect(javaToString({ a: { b: [1, null] } })).toBe('{a={b=[1, null]}}');
  });
});
