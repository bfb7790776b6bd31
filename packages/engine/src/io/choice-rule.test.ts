import { describe, expect, test } from 'vitest';
import { compileChoiceRule, parseTimestamp, wildcardToRegExp } from './choice-rule.js';
import { caught, makeCtx } from './test-helpers.js';

const input = {
  s: 'hello',
  empty: '',
  n: 5,
  f: 1.5,
  t: true,
  nul: null,
  ts: '2016-03-14T01:59:00Z',
  tsOff: '2016-03-14T02:59:00+01:00',
  tsFrac: '2016-03-14T01:59:00.123Z',
  arr: [1],
  obj: {},
  other: { s: 'hello', n: 5, ts: '2016-03-14T01:59:01Z', t: true, big: 10 },
  file: 'log-2024.txt',
  star: 'a*b',
};
const ctx = makeCtx(input, { vars: { limit: 3 } });
const ev = (rule: object) => compileChoiceRule(rule).evaluate(ctx);

describe('Choice comparison operators', () => {
  const rows: [rule: object, expected: boolean, reason: string][] = [
    [{ Variable: '$.s', StringEquals: 'hello' }, true, 'StringEquals'],
    [{ Variable: '$.s', StringEquals: 'Hello' }, false, 'StringEquals is case-sensitive'],
    [{ Variable: '$.n', StringEquals: '5' }, false, 'wrong type → false, no error'],
    [{ Variable: '$.s', StringLessThan: 'world' }, true, 'StringLessThan (code unit order)'],
    [{ Variable: '$.s', StringGreaterThan: 'hell' }, true, 'StringGreaterThan, prefix is smaller'],
    [{ Variable: '$.s', StringLessThanEquals: 'hello' }, true, 'StringLessThanEquals on equal'],
    [{ Variable: '$.s', StringGreaterThanEquals: 'hellp' }, false, 'StringGreaterThanEquals'],
    [{ Variable: '$.empty', StringLessThanEquals: '' }, true, 'empty strings compare equal'],
    [{ Variable: '$.s', StringEqualsPath: '$.other.s' }, true, 'StringEqualsPath'],
    [{ Variable: '$.s', StringLessThanPath: '$.other.s' }, false, 'StringLessThanPath'],
    [{ Variable: '$.n', NumericEquals: 5 }, true, 'NumericEquals'],
    [{ Variable: '$.n', NumericEquals: 5.0 }, true, 'integer and float compare numerically'],
    [{ Variable: '$.s', NumericEquals: 5 }, false, 'a string is not numeric'],
    [{ Variable: '$.nul', NumericEquals: 0 }, false, 'null is not numeric'],
    [{ Variable: '$.f', NumericLessThan: 2 }, true, 'NumericLessThan with a float'],
    [{ Variable: '$.n', NumericGreaterThan: 5 }, false, 'NumericGreaterThan strict'],
    [{ Variable: '$.n', NumericLessThanEquals: 5 }, true, 'NumericLessThanEquals'],
    [{ Variable: '$.n', NumericGreaterThanEquals: 6 }, false, 'NumericGreaterThanEquals'],
    [{ Variable: '$.n', NumericEqualsPath: '$.other.n' }, true, 'NumericEqualsPath'],
    [{ Variable: '$.n', NumericLessThanPath: '$.other.big' }, true, 'NumericLessThanPath'],
    [{ Variable: '$.n', NumericGreaterThanPath: '$limit' }, true, 'a …Path operand may be a variable'],
    [{ Variable: '$.n', NumericGreaterThanEqualsPath: '$.s' }, false, 'a …Path operand of the wrong type → false'],
    [{ Variable: '$.t', BooleanEquals: true }, true, 'BooleanEquals'],
    [{ Variable: '$.obj', BooleanEquals: false }, false, 'an object is not a boolean'],
    [{ Variable: '$.t', BooleanEqualsPath: '$.other.t' }, true, 'BooleanEqualsPath'],
    [{ Variable: '$.ts', TimestampEquals: '2016-03-14T01:59:00Z' }, true, 'TimestampEquals'],
    [{ Variable: '$.tsOff', TimestampEquals: '2016-03-14T01:59:00Z' }, true, 'offsets are normalised'],
    [{ Variable: '$.tsFrac', TimestampGreaterThan: '2016-03-14T01:59:00Z' }, true, 'fractional seconds count'],
    [{ Variable: '$.ts', TimestampLessThan: '2016-03-14T01:59:01Z' }, true, 'TimestampLessThan'],
    [{ Variable: '$.ts', TimestampLessThanEquals: '2016-03-14T01:59:00Z' }, true, 'TimestampLessThanEquals'],
    [{ Variable: '$.ts', TimestampGreaterThanEquals: '2016-03-14T01:59:01Z' }, false, 'TimestampGreaterThanEquals'],
    [{ Variable: '$.ts', TimestampLessThanPath: '$.other.ts' }, true, 'TimestampLessThanPath'],
    [{ Variable: '$.s', TimestampEquals: '2016-03-14T01:59:00Z' }, false, 'a non-timestamp string → false'],
    [{ Variable: '$.file', StringMatches: 'log-*.txt' }, true, 'StringMatches with *'],
    [{ Variable: '$.file', StringMatches: '*.csv' }, false, 'StringMatches not matching'],
    [{ Variable: '$.star', StringMatches: 'a\\*b' }, true, 'escaped \\* is a literal star'],
    [{ Variable: '$.file', StringMatches: 'log\\*' }, false, 'escaped star does not wildcard'],
    [{ Variable: '$.s', StringMatches: '*' }, true, 'lone * matches anything'],
    [{ Variable: '$.n', StringMatches: '*' }, false, 'StringMatches on a number → false'],
  ];
  test.each(rows)('%j → %s (%s)', (rule, expected) => {
    expect(ev(rule)).toBe(expected);
  });
});

describe('Choice type tests', () => {
  const rows: [rule: object, expected: boolean, reason: string][] = [
    [{ Variable: '$.nul', IsNull: true }, true, 'IsNull on null'],
    [{ Variable: '$.s', IsNull: true }, false, 'IsNull on a string'],
    [{ Variable: '$.s', IsNull: false }, true, 'IsNull false on a string'],
    [{ Variable: '$.s', IsPresent: true }, true, 'IsPresent'],
    [{ Variable: '$.missing', IsPresent: true }, false, 'IsPresent on a missing field'],
    [{ Variable: '$.missing', IsPresent: false }, true, 'IsPresent false on a missing field'],
    [{ Variable: '$.nul', IsPresent: true }, true, 'a null field is present'],
    [{ Variable: '$.n', IsNumeric: true }, true, 'IsNumeric on an integer'],
    [{ Variable: '$.f', IsNumeric: true }, true, 'IsNumeric on a float'],
    [{ Variable: '$.ts', IsNumeric: true }, false, 'IsNumeric on a string'],
    [{ Variable: '$.empty', IsString: true }, true, 'IsString on ""'],
    [{ Variable: '$.arr', IsString: true }, false, 'IsString on an array'],
    [{ Variable: '$.t', IsBoolean: true }, true, 'IsBoolean'],
    [{ Variable: '$.empty', IsBoolean: true }, false, 'IsBoolean on ""'],
    [{ Variable: '$.ts', IsTimestamp: true }, true, 'IsTimestamp on Z'],
    [{ Variable: '$.tsOff', IsTimestamp: true }, true, 'IsTimestamp with an offset'],
    [{ Variable: '$.s', IsTimestamp: false }, true, 'IsTimestamp false on a plain string'],
    [{ Variable: '$.missing', IsNull: true }, false, 'a type test on a missing field is false'],
  ];
  test.each(rows)('%j → %s (%s)', (rule, expected) => {
    expect(ev(rule)).toBe(expected);
  });
});

describe('Choice boolean operators', () => {
  const rows: [rule: object, expected: boolean, reason: string][] = [
    [{ And: [{ Variable: '$.n', NumericGreaterThan: 1 }, { Variable: '$.s', StringEquals: 'hello' }] }, true, 'And all true'],
    [{ And: [{ Variable: '$.n', NumericGreaterThan: 9 }, { Variable: '$.missing', StringEquals: 'x' }] }, false, 'And short-circuits before a missing path'],
    [{ Or: [{ Variable: '$.n', NumericGreaterThan: 9 }, { Variable: '$.t', BooleanEquals: true }] }, true, 'Or one true'],
    [{ Or: [{ Variable: '$.n', NumericGreaterThan: 9 }, { Variable: '$.t', BooleanEquals: false }] }, false, 'Or none true'],
    [{ Not: { Variable: '$.s', StringEquals: 'Private' } }, true, 'Not'],
    [{ Not: { Not: { Variable: '$.n', NumericEquals: 5 } } }, true, 'nested Not'],
    [{ And: [{ Or: [{ Variable: '$.n', NumericEquals: 1 }, { Variable: '$.n', NumericEquals: 5 }] }, { Not: { Variable: '$.nul', IsNull: false } }] }, true, 'nested And/Or/Not'],
    [{ Variable: '$.n', NumericEquals: 5, Next: 'X', Comment: 'c' }, true, 'Next and Comment are ignored'],
  ];
  test.each(rows)('%j → %s (%s)', (rule, expected) => {
    expect(ev(rule)).toBe(expected);
  });
});

describe('Choice errors', () => {
  test('a missing Variable throws States.Runtime with AWS cause', () => {
    expect(caught(() => ev({ Variable: '$.missing', StringEquals: 'x' }))).toEqual({
      name: 'States.Runtime',
      cause: "Invalid path '$.missing': The choice state's condition path references an invalid value.",
    });
  });
  test('a missing …Path operand throws States.Runtime', () => {
    expect(caught(() => ev({ Variable: '$.n', NumericEqualsPath: '$.missing' }))?.name).toBe('States.Runtime');
  });
  test('two operators in one rule fail at compile time', () => {
    expect(caught(() => compileChoiceRule({ Variable: '$.n', NumericEquals: 1, NumericLessThan: 2 }))?.name).toBe('States.Runtime');
  });
});

describe('parseTimestamp (RFC 3339 as AWS accepts it)', () => {
  const rows: [text: string, valid: boolean, reason: string][] = [
    ['2016-03-14T01:59:00Z', true, 'UTC'],
    ['2016-03-14T01:59:00.5+05:30', true, 'fraction and offset'],
    ['2016-03-14t01:59:00Z', false, 'lowercase t'],
    ['2016-03-14T01:59:00z', false, 'lowercase z'],
    ['2016-03-14 01:59:00Z', false, 'space instead of T'],
    ['2016-03-14T01:59:00', false, 'no zone'],
    ['2016-13-05T21:29:29Z', false, 'month 13'],
    ['2016-12-05T25:29:29Z', false, 'hour 25'],
    ['2015-02-29T00:00:00Z', false, 'not a leap year'],
    ['2016-02-29T00:00:00Z', true, 'leap day'],
    ['05-12-2016T21:29:29Z', false, 'wrong date order'],
  ];
  test.each(rows)('%s → %s (%s)', (text, valid) => {
    expect(parseTimestamp(text) !== undefined).toBe(valid);
  });
  test('orders by instant', () => {
    expect(parseTimestamp('2016-03-14T02:59:00+01:00')).toBe(parseTimestamp('2016-03-14T01:59:00Z'));
  });
});

test('wildcardToRegExp escapes regex metacharacters', () => {
  expect(wildcardToRegExp('a.b(c)*').test('a.b(c)xyz')).toBe(true);
  expect(wildcardToRegExp('a.b').test('axb')).toBe(false);
});
