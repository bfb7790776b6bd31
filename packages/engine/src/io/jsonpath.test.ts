import { describe, expect, test } from 'vitest';
import { compilePath, compileReferencePath, describeField, PathNotFoundError } from './jsonpath.js';
import { caught, makeCtx } from './test-helpers.js';

const store = {
  store: {
    book: [
      { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Century', price: 8.95 },
      { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99 },
      { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', isbn: '0-553-21311-3', price: 8.99 },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
  'odd key': { 'a.b': 1 },
  n: null,
  zero: 0,
  arr: [0, 1, 2, 3, 4, 5],
};
const ctx = makeCtx(store, {
  context: { Execution: { Id: 'arn:exec', Input: { a: 1 } }, Map: { Item: { Index: 2, Value: 'x' } } },
  vars: { myVar: { a: { b: [10, 20] } }, flag: false, nothing: null },
});

describe('compilePath: values (definite paths return the value, indefinite ones an array)', () => {
  const rows: [path: string, expected: unknown, reason: string][] = [
    ['$', store, 'the root is the whole input'],
    ['$.store.bicycle.color', 'red', 'dotted properties'],
    ["$['store']['bicycle']['color']", 'red', 'bracket notation with single quotes'],
    ['$["store"]["bicycle"].price', 19.95, 'bracket notation with double quotes'],
    ["$['odd key']['a.b']", 1, 'bracket names may hold spaces and dots'],
    ['$.store.book[0].author', 'Nigel Rees', 'array index'],
    ['$.store.book[-1].title', 'Moby Dick', 'negative index counts from the end'],
    ['$.n', null, 'a present null is a value, not "not found"'],
    ['$.zero', 0, 'falsy values are found'],
    ['$.store.book[*].author', ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville'], 'wildcard over an array'],
    ['$.store.bicycle.*', ['red', 19.95], 'wildcard over an object'],
    ['$..price', [8.95, 12.99, 8.99, 19.95], 'deep scan in document order'],
    ['$..book[0].title', ['Sayings of the Century'], 'deep scan then index is indefinite'],
    ['$.store..isbn', ['0-553-21311-3'], 'deep scan below a property; books without isbn are skipped'],
    ['$.arr[1:3]', [1, 2], 'slice [start:end)'],
    ['$.arr[:2]', [0, 1], 'slice with no start'],
    ['$.arr[4:]', [4, 5], 'slice with no end'],
    ['$.arr[-2:]', [4, 5], 'negative slice start'],
    ['$.arr[0:6:2]', [0, 2, 4], 'slice with a step'],
    ['$.arr[0,2]', [0, 2], 'index union'],
    ["$.store.bicycle['color','price']", [{ color: 'red', price: 19.95 }], 'a name union as the leaf gives one object (Jayway)'],
    ['$.store.book[?(@.price < 10)].title', ['Sayings of the Century', 'Moby Dick'], 'filter with <'],
    ["$.store.book[?(@.category == 'fiction')].author", ['Evelyn Waugh', 'Herman Melville'], 'filter with == on a string'],
    ['$.store.book[?(@.isbn)].title', ['Moby Dick'], 'existence filter'],
    ["$.store.book[?(@.price > 9 && @.category == 'fiction')].price", [12.99], 'filter with &&'],
    ["$.store.book[?(@.price > 12 || @.category == 'reference')].price", [8.95, 12.99], 'filter with ||'],
    ["$.store.book[?(@.author =~ /.*Melville/)].price", [8.99], 'regex filter'],
    ["$.store.book[?(@.category in ['reference'])].price", [8.95], 'in filter'],
    ['$.store.book[?(@.price > $.store.bicycle.price)]', [], 'filter comparing with a root path; nothing matches'],
 ['$..[?(@.price < 10)].title', ['Sayings of the Century', 'Moby Dick'], 'a deep-scan filter tests every object it walks'],
    ['$..[?(@.color)]', [store.store.bicycle], 'a deep-scan filter finds objects outside arrays too'],
    ["$.store.book[?(@.price == '8.95')].title", ['Sayings of the Century'], 'Jayway == compares a number with a numeric string as numbers'],
    ['$.missing[*]', [], 'an indefinite path over a missing property is empty, not an error (AWS)'],
    ['$.store.book.[0].author', 'Nigel Rees', '`.[0]` reads as `[0]` (Jayway; seen in real definitions)'],
    ["$.store.['bicycle'].color", 'red', "`.['x']` reads as `['x']`"],
    ['$.store.book[?(@.category==fiction)].price', [12.99, 8.99], 'an unquoted filter word is a string (Jayway accepts it)'],
    ['$.arr.length()', 6, 'length() of an array'],
    ['$.arr.sum()', 15, 'sum() (Jayway function)'],
    ['$..price.max()', 19.95, 'max() over an indefinite path'],
    ['$.arr.min()', 0, 'min()'],
    ['$.arr.avg()', 2.5, 'avg()'],
    ['$.arr.first()', 0, 'first()'],
    ['$.arr.last()', 5, 'last()'],
    ['$.store.bicycle.keys()', ['color', 'price'], 'keys() of an object'],
    ['$.store.book.length()', 3, 'length() of a definite array'],
    ['$.store.book[?(@.title.length() > 12)].price', [8.95, 12.99], 'a function inside a filter'],
    ['$$.Execution.Id', 'arn:exec', 'the Context Object'],
    ['$$.Map.Item.Index', 2, 'Map item index in the Context Object'],
    ['$$', { Execution: { Id: 'arn:exec', Input: { a: 1 } }, Map: { Item: { Index: 2, Value: 'x' } } }, 'the whole Context Object'],
    ['$myVar', { a: { b: [10, 20] } }, 'a workflow variable'],
    ['$myVar.a.b[1]', 20, 'a path into a variable'],
    ['$flag', false, 'a false variable is found'],
    ['$nothing', null, 'a null variable is found'],
    ['$.arr[10]', null, 'an index past the end is null (Jayway over Jackson, as AWS)'],
    ['$.arr[-10]', null, 'a negative index before the start is null too'],
  ];
  test.each(rows)('%s → %j (%s)', (path, expected) => {
    expect(compilePath(path).evaluate(ctx)).toEqual(expected);
  });
});

describe('compilePath: not found → States.Runtime with AWS (Jayway) cause', () => {
  const rows: [path: string, input: unknown, cause: string, reason: string][] = [
    ['$.NoSuchInputPath', { 'int-literal': 0 }, "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']", 'leaf missing (conformance io-processing)'],
    ['$.no.such.result.path', {}, "Invalid path '$.no.such.result.path' : Missing property in path $['no']", 'intermediate missing (conformance task-mocked)'],
    ['$.a.b', { a: { c: 1 } }, "Invalid path '$.a.b' : No results for path: $['a']['b']", 'nested leaf missing'],
    ['$.a[0]', { a: 1 }, "Invalid path '$.a[0]' : Filter: [0] can only be applied to arrays. Current context is: 1", 'indexing a non-array (Jayway text)'],
  ];
  test.each(rows)('%s (%s)', (path, input, cause) => {
    expect(caught(() => compilePath(path).evaluate(makeCtx(input)))).toEqual({ name: 'States.Runtime', cause });
  });

  test('an undefined variable is not found', () => {
    const e = caught(() => compilePath('$nope.a').evaluate(ctx));
    expect(e?.name).toBe('States.Runtime');
    expect(e?.cause).toContain("The variable 'nope' is not defined");
  });

  test('the cause can be worded by the caller (describe) and the error carries its parts', () => {
    let err: unknown;
    try {
      compilePath('$.foo').evaluate(makeCtx({ a: 1 }), describeField('bar.$'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PathNotFoundError);
    const pe = err as PathNotFoundError;
    expect(pe.causeText).toBe("The JSONPath '$.foo' specified for the field 'bar.$' could not be found in the input '{\"a\":1}'");
    expect(pe.path).toBe('$.foo');
    expect(pe.detail).toBe("No results for path: $['foo']");
    expect(pe.source).toEqual({ a: 1 });
  });

  test('tryEvaluate reports found:false instead of throwing', () => {
    expect(compilePath('$.x').tryEvaluate(makeCtx({}))).toEqual({ found: false });
    expect(compilePath('$.x').tryEvaluate(makeCtx({ x: undefined }))).toEqual({ found: true, value: undefined });
    expect(compilePath('$.x').tryEvaluate(makeCtx({ x: 0 }))).toEqual({ found: true, value: 0 });
  });

  test('own properties only: the prototype chain is never read', () => {
    expect(compilePath('$.toString').tryEvaluate(makeCtx({})).found).toBe(false);
    expect(compilePath('$.constructor.name').tryEvaluate(makeCtx({})).found).toBe(false);
  });
});

describe('compilePath: malformed paths throw at compile time', () => {
  const rows: [path: string, reason: string][] = [
    ['foo', 'must start with $'],
    ['$.', 'empty name'],
    ['$.a[', 'unterminated bracket'],
    ['$.a[abc]', 'bracket holds neither quote, number, slice nor filter'],
    ["$.a['x", 'unterminated quote'],
    ['$.a[?(@.x ==)]', 'filter without right operand'],
    ['$.a.b c', 'blank in dot notation'],
    ['$.a.nope()', 'unknown function'],
  ];
  test.each(rows)('%s (%s)', (path) => {
    expect(caught(() => compilePath(path))?.name).toBe('States.Runtime');
  });
});

describe('compileReferencePath: copy-on-write set', () => {
  const rows: [path: string, target: unknown, value: unknown, expected: unknown, reason: string][] = [
    ['$', { a: 1 }, 'v', 'v', '$ replaces the whole input'],
    ['$.r', { a: 1 }, 2, { a: 1, r: 2 }, 'adds a field'],
    ['$.a', { a: 1 }, 2, { a: 2 }, 'replaces a field'],
    ['$.x.y.z', { a: 1 }, true, { a: 1, x: { y: { z: true } } }, 'creates missing intermediate objects'],
    ["$['odd key']", {}, 1, { 'odd key': 1 }, 'bracket names'],
    ['$.list[1]', { list: [1, 2, 3] }, 'b', { list: [1, 'b', 3] }, 'replaces an array element'],
    ['$.list[0].v', { list: [{ v: 1, w: 2 }] }, 9, { list: [{ v: 9, w: 2 }] }, 'into an object inside an array'],
  ];
  test.each(rows)('%s (%s)', (path, target, value, expected) => {
    const before = JSON.stringify(target);
    expect(compileReferencePath(path).set(target, value)).toEqual(expected);
    expect(JSON.stringify(target)).toBe(before); // never mutated
  });

  test('shares untouched branches (copies only the spine)', () => {
    const big = { keep: { deep: [1, 2, 3] }, change: { x: 1 } };
    const out = compileReferencePath('$.change.y').set(big, 2) as typeof big;
    expect(out.keep).toBe(big.keep);
    expect(out.change).not.toBe(big.change);
  });

  test('a step onto a non-object fails with States.ResultPathMatchFailure', () => {
    expect(caught(() => compileReferencePath('$.a.b').set({ a: 'text' }, 1))?.name).toBe('States.ResultPathMatchFailure');
    expect(caught(() => compileReferencePath('$.a').set('text', 1))?.name).toBe('States.ResultPathMatchFailure');
    expect(caught(() => compileReferencePath('$.a[5]').set({ a: [] }, 1))?.name).toBe('States.ResultPathMatchFailure');
  });

  test('only plain names and indexes are allowed', () => {
    for (const p of ['$.a[*]', '$..a', '$$.Execution', '$var.a', '$.a[?(@.x)]', '$.a.length()'])
      expect(caught(() => compileReferencePath(p))?.name, p).toBe('States.Runtime');
  });
});
