import { describe, expect, it } from 'vitest';
import { minimalReplacement } from './text-diff';

describe('minimalReplacement', () => {
  it.each([
    ['abcd', 'abXd', { offset: 2, length: 1, text: 'X' }],
    ['abc', 'abc', null],
    ['', 'x', { offset: 0, length: 0, text: 'x' }],
    ['aaa', 'aaaa', { offset: 3, length: 0, text: 'a' }],
    ['hello world', 'hello', { offset: 5, length: 6, text: '' }],
  ])('%j → %j', (a, b, r) => expect(minimalReplacement(a, b)).toEqual(r));

  it('round-trips', () => {
    const a = '{"a": 1, "b": [1,2,3]}';
    const b = '{"a": 2, "b": [1,2,3,4], "c": null}';
    const r = minimalReplacement(a, b)!;
    expect(a.slice(0, r.offset) + r.text + a.slice(r.offset + r.length)).toBe(b);
  });
});
