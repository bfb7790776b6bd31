import { describe, expect, it } from 'vitest';
import { INTRINSIC_FUNCTION_NAMES, parseIntrinsic } from './intrinsic.js';

describe('parseIntrinsic: valid calls', () => {
  it('knows the 18 functions', () => {
    expect(INTRINSIC_FUNCTION_NAMES).toHaveLength(18);
  });
  it.each([
    { text: "States.Format('Hello, {}', $.name)", reason: 'format with a path' },
    { text: "States.Format('a \\{literal\\} {} \\'q\\'', $.x)", reason: 'escaped braces and quotes' },
    { text: 'States.StringToJson($.s)', reason: 'one path argument' },
    { text: 'States.Array(1, 2.5, -3, true, null, $.x)', reason: 'literals of every kind' },
    { text: 'States.Array()', reason: 'no arguments' },
    { text: 'States.ArrayRange(1, 9, 2)', reason: 'three numbers' },
    { text: 'States.ArrayGetItem($.a, $$.Map.Item.Index)', reason: 'context path argument' },
    { text: "States.Hash($.data, 'SHA-256')", reason: 'hash' },
    { text: 'States.JsonMerge($.a, $.b, false)', reason: 'merge' },
    { text: 'States.MathRandom(1, 100)', reason: 'random without seed' },
    { text: 'States.MathRandom(1, 100, $.seed)', reason: 'random with seed' },
    { text: 'States.UUID()', reason: 'no-arg function' },
    { text: "States.Format('{}', States.ArrayLength(States.Array(1, 2)))", reason: 'nested calls' },
    { text: "States.StringSplit($.csv, ',')", reason: 'comma inside a string argument' },
    { text: "States.ArrayContains($.a[?(@.x == 1)], $myVar)", reason: 'filter path and a variable' },
    { text: ' States.UUID() ', reason: 'surrounding whitespace' },
  ])('$text ($reason)', ({ text }) => {
    const r = parseIntrinsic(text);
    expect(r).toMatchObject({ ok: true });
  });
  it('returns the call tree', () => {
    expect(parseIntrinsic("States.Format('x{}', $.a)")).toEqual({
      ok: true,
      call: { name: 'States.Format', args: [{ type: 'string', value: 'x{}' }, { type: 'path', path: '$.a' }] },
    });
  });
});

describe('parseIntrinsic: malformed calls', () => {
  it.each([
    { text: 'States.Nope($.a)', want: /Unknown intrinsic function 'States.Nope'/, reason: 'unknown name' },
    { text: 'States.format($.a)', want: /Unknown intrinsic/, reason: 'names are case-sensitive' },
    { text: "States.Format('x', $.a", want: /Missing '\)'/, reason: 'unclosed parenthesis' },
    { text: "States.Format('x, $.a)", want: /Unterminated string/, reason: 'unclosed quote' },
    { text: 'States.Format("x", $.a)', want: /single quotes/, reason: 'double-quoted string' },
    { text: 'States.Format(x)', want: /Unexpected 'x'/, reason: 'bare word argument' },
    { text: 'States.Array(1,, 2)', want: /Unexpected ','/, reason: 'empty argument' },
    { text: 'States.UUID(1)', want: /takes 0 arguments/, reason: 'too many arguments' },
    { text: 'States.ArrayPartition($.a)', want: /takes 2 arguments/, reason: 'too few arguments' },
    { text: 'States.UUID() x', want: /Unexpected text after/, reason: 'trailing junk' },
    { text: 'States.StringToJson($.a[)', want: /Invalid path argument/, reason: 'malformed path argument' },
    { text: 'States.UUID', want: /Expected '\('/, reason: 'no argument list' },
  ])('$text ($reason)', ({ text, want }) => {
    const r = parseIntrinsic(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(want);
  });
});
