import { describe, expect, it } from 'vitest';
import { findDuplicateKeys } from './duplicate-keys.js';

describe('findDuplicateKeys', () => {
  it.each([
    { text: '{"a":1,"b":2}', want: [], reason: 'no duplicates' },
    { text: '{"a":1,"a":2}', want: [{ key: 'a', objectPath: [], offset: 7 }], reason: 'top-level duplicate' },
    { text: '{"S":{"A":{"Next":"x","Next":"y"}}}', want: [{ key: 'Next', objectPath: ['S', 'A'], offset: 22 }], reason: 'nested duplicate with its object path' },
    { text: '{"a":[{"k":1},{"k":2,"k":3}]}', want: [{ key: 'k', objectPath: ['a', 1], offset: 21 }], reason: 'inside array items (index tracked)' },
    { text: '{"a":"x\\",\\"a\\":1","b":{}}', want: [], reason: 'quotes and commas inside strings are skipped' },
    { text: '{"a\\u0062":1,"ab":2}', want: [{ key: 'ab', objectPath: [], offset: 13 }], reason: 'escaped keys are decoded' },
    { text: '{"a":{"x":1},"b":{"x":1}}', want: [], reason: 'same key in different objects' },
    { text: '{"a\\\\":1,"b":"c\\\\","b":2}', want: [{ key: 'b', objectPath: [], offset: 19 }], reason: 'escaped backslash before a closing quote' },
  ])('$reason', ({ text, want }) => {
    JSON.parse(text);
    expect(findDuplicateKeys(text).map(({ key, objectPath, offset }) => ({ key, objectPath, offset }))).toEqual(want);
  });
});
