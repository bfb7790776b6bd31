import { describe, expect, it } from 'vitest';
import {
  defaultWaitValue,
  describeRule,
  formatJsonValue,
  formatPath,
  formatScalar,
  NUMBER_RULES,
  parseJsonInput,
  parseNumberInput,
  parsePathInput,
  parseTextInput,
  parseTimestampInput,
  resultPathMode,
  waitModeOf,
  waitModesFor,
} from './field-values';

describe('parseNumberInput', () => {
  it.each([
    ['MaxAttempts 0 (never retry) is allowed', 'MaxAttempts', '0', 0],
    ['MaxAttempts takes whole numbers', 'MaxAttempts', ' 5 ', 5],
    ['BackoffRate may be fractional', 'BackoffRate', '1.5', 1.5],
    ['BackoffRate 1 is the minimum', 'BackoffRate', '1', 1],
    ['IntervalSeconds 1 is the minimum', 'IntervalSeconds', '1', 1],
    ['Wait Seconds may be 0', 'Seconds', '0', 0],
    ['ToleratedFailurePercentage up to 100', 'ToleratedFailurePercentage', '100', 100],
    ['empty removes the field', 'MaxAttempts', '', undefined],
  ])('%s', (_reason, field, text, value) => {
    expect(parseNumberInput(text, NUMBER_RULES[field])).toEqual({ ok: true, value });
  });

  it.each([
    ['MaxAttempts below 0', 'MaxAttempts', '-1'],
    ['MaxAttempts fractional', 'MaxAttempts', '2.5'],
    ['BackoffRate below 1', 'BackoffRate', '0.5'],
    ['IntervalSeconds 0', 'IntervalSeconds', '0'],
    ['TimeoutSeconds 0 (must be positive)', 'TimeoutSeconds', '0'],
    ['MaxDelaySeconds above a year', 'MaxDelaySeconds', '31622401'],
    ['Seconds above 99999999', 'Seconds', '100000000'],
    ['ToleratedFailurePercentage above 100', 'ToleratedFailurePercentage', '101'],
    ['not a number', 'MaxAttempts', 'three'],
    ['a number with junk', 'MaxAttempts', '3x'],
    ['a JSONata expression in a JSONPath state', 'MaxAttempts', '{% 3 %}'],
  ])('refuses %s', (_reason, field, text) => {
    const r = parseNumberInput(text, NUMBER_RULES[field]);
    expect(r.ok).toBe(false);
  });

  it('keeps a {% %} expression in JSONata states', () => {
    expect(parseNumberInput('{% $states.input.n %}', NUMBER_RULES.Seconds, { jsonata: true })).toEqual({ ok: true, value: '{% $states.input.n %}' });
  });

  it('describes its rule in the error', () => {
    expect(parseNumberInput('-1', NUMBER_RULES.MaxAttempts)).toEqual({ ok: false, error: 'Must be a whole number ≥ 0 and ≤ 99999999.' });
    expect(describeRule(NUMBER_RULES.TimeoutSeconds)).toBe('a whole number > 0 and ≤ 99999999');
    expect(describeRule({})).toBe('a number');
  });
});

describe('parseJsonInput / formatJsonValue', () => {
  it('round-trips values', () => {
    for (const v of [{ a: 1, 'b.$': '$.x' }, [1, 2], 'text', 3, null, true]) {
      expect(parseJsonInput(formatJsonValue(v))).toEqual({ ok: true, value: v });
    }
    expect(formatJsonValue(undefined)).toBe('');
    expect(parseJsonInput('  ')).toEqual({ ok: true, value: undefined });
  });

  it('refuses bad JSON and non-objects where an object is needed', () => {
    expect(parseJsonInput('{ "a": ').ok).toBe(false);
    expect(parseJsonInput('[1]', { object: true })).toEqual({ ok: false, error: 'Must be a JSON object: { "key": value, … }.' });
    expect(parseJsonInput('null', { object: true }).ok).toBe(false);
  });

  it('takes a bare {% %} as a JSONata string when expressions are allowed, and shows it bare', () => {
    expect(parseJsonInput('{% $states.result %}', { expressions: true })).toEqual({ ok: true, value: '{% $states.result %}' });
    expect(parseJsonInput('{% $states.result %}').ok).toBe(false);
    expect(formatJsonValue('{% $x %}', { expressions: true })).toBe('{% $x %}');
    expect(formatJsonValue('{% $x %}')).toBe('"{% $x %}"');
  });
});

describe('parsePathInput', () => {
  it.each([
    ['a path', '$.a.b', 'path', {}, '$.a.b'],
    ['a reference path', '$.result', 'reference', {}, '$.result'],
    ['the context object', '$$.Execution.Id', 'path', {}, '$$.Execution.Id'],
    ['null where nullable', 'null', 'path', { nullable: true }, null],
    ['an intrinsic for ErrorPath', "States.Format('E{}', $.x)", 'pathOrIntrinsic', {}, "States.Format('E{}', $.x)"],
    ['empty removes', '', 'path', {}, undefined],
  ] as const)('accepts %s', (_reason, text, kind, options, value) => {
    expect(parsePathInput(text, kind, options)).toEqual({ ok: true, value });
  });

  it.each([
    ['no $', 'a.b', 'path', {}],
    ['null where not nullable', 'null', 'path', {}],
    ['a wildcard in a reference path', '$.items[*]', 'reference', {}],
    ['a broken path', '$.a[', 'path', {}],
    ['a broken intrinsic', 'States.Format(', 'pathOrIntrinsic', {}],
  ] as const)('refuses %s', (_reason, text, kind, options) => {
    expect(parsePathInput(text, kind, options).ok).toBe(false);
  });

  it('formats null as the word null', () => {
    expect(formatPath(null)).toBe('null');
    expect(formatPath('$.x')).toBe('$.x');
    expect(formatPath(undefined)).toBe('');
  });
});

describe('scalars, timestamps, text', () => {
  it('formats scalars', () => {
    expect(formatScalar(3)).toBe('3');
    expect(formatScalar('x')).toBe('x');
    expect(formatScalar(undefined)).toBe('');
    expect(formatScalar({ a: 1 })).toBe('{"a":1}');
  });

  it('checks RFC 3339 timestamps (uppercase T and Z)', () => {
    expect(parseTimestampInput('2026-01-01T00:00:00Z')).toEqual({ ok: true, value: '2026-01-01T00:00:00Z' });
    expect(parseTimestampInput('2026-01-01T00:00:00.5+02:00').ok).toBe(true);
    expect(parseTimestampInput('2026-01-01t00:00:00z').ok).toBe(false);
    expect(parseTimestampInput('2026-13-01T00:00:00Z').ok).toBe(false);
    expect(parseTimestampInput('{% $now() %}', { jsonata: true }).ok).toBe(true);
  });

  it('reads text with a length limit (Map Label ≤ 40)', () => {
    expect(parseTextInput('')).toEqual({ ok: true, value: undefined });
    expect(parseTextInput('', { required: 'needed' })).toEqual({ ok: false, error: 'needed' });
    expect(parseTextInput('x'.repeat(41), { maxLength: 40 }).ok).toBe(false);
  });
});

describe('Wait modes and ResultPath modes', () => {
  it('reads the Wait mode and offers the *Path modes only in JSONPath', () => {
    expect(waitModeOf({ Type: 'Wait', TimestampPath: '$.t' })).toBe('TimestampPath');
    expect(waitModeOf({ Type: 'Wait' })).toBe('Seconds');
    expect(waitModesFor('JSONata')).toEqual(['Seconds', 'Timestamp']);
    expect(waitModesFor('JSONPath')).toHaveLength(4);
  });

  it('gives defaults per mode (Timestamp: next midnight UTC)', () => {
    const now = new Date('2026-03-31T15:04:05Z');
    expect(defaultWaitValue('Timestamp', now)).toBe('2026-04-01T00:00:00Z');
    expect(defaultWaitValue('Seconds', now)).toBe(10);
    expect(defaultWaitValue('SecondsPath', now)).toBe('$.seconds');
  });

  it('maps ResultPath values to Workflow Studio’s three choices', () => {
    expect(resultPathMode(null)).toBe('discard');
    expect(resultPathMode('$')).toBe('replace');
    expect(resultPathMode('$.result')).toBe('combine');
  });
});
