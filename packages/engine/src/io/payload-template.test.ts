import { describe, expect, test } from 'vitest';
import { byteLength } from './bytes.js';
import { compilePayloadTemplate } from './payload-template.js';
import { caught, makeCtx } from './test-helpers.js';

const input = { comment: 'Example for Parameters.', product: { details: { color: 'blue', size: 'small', material: 'cotton' }, availability: 'in stock', sku: '2317', cost: '$23' } };
const ctx = makeCtx(input, { context: { Execution: { Id: 'arn:e' }, Map: { Item: { Value: 'v' } } }, vars: { who: 'Ana' } });

describe('compilePayloadTemplate', () => {
  const rows: [template: unknown, expected: unknown, reason: string][] = [
    [
      { comment: 'Selecting what I care about.', MyDetails: { 'size.$': '$.product.details.size', 'exists.$': '$.product.availability', 'StaticValue': 'foo' } },
      { comment: 'Selecting what I care about.', MyDetails: { size: 'small', exists: 'in stock', StaticValue: 'foo' } },
      'the AWS Parameters example (dg/input-output-inputpath-params.html)',
    ],
    [{ 'all.$': '$' }, { all: input }, '$ selects the whole input'],
    [{ 'id.$': '$$.Execution.Id', 'item.$': '$$.Map.Item.Value' }, { id: 'arn:e', item: 'v' }, 'Context Object paths'],
    [{ 'name.$': '$who' }, { name: 'Ana' }, 'a workflow variable'],
    [{ 'msg.$': "States.Format('Hi {}', $who)" }, { msg: 'Hi Ana' }, 'an intrinsic'],
    [{ list: [{ 'c.$': '$.product.details.color' }, 1, 'x'] }, { list: [{ c: 'blue' }, 1, 'x'] }, 'objects inside arrays are templates too'],
    [{ 'colors.$': '$..color' }, { colors: ['blue'] }, 'an indefinite path gives an array'],
    [{ a: { b: { c: 1 } }, n: null }, { a: { b: { c: 1 } }, n: null }, 'a constant template'],
    ['plain', 'plain', 'a non-object template is returned as is'],
    [{ 'x.$': ' $.product.sku ' }, { x: '2317' }, 'surrounding blanks in the path are ignored'],
  ];
  test.each(rows)('%j (%s)', (template, expected) => {
    expect(compilePayloadTemplate(template).evaluate(ctx)).toEqual(expected);
  });

  test('constant sub-trees are shared, not copied', () => {
    const template = { k: { deep: [1, 2] }, 'v.$': '$.comment' };
    const out = compilePayloadTemplate(template).evaluate(ctx) as { k: unknown };
    expect(out.k).toBe(template.k);
    expect(compilePayloadTemplate({ a: 1 }).isConstant).toBe(true);
    expect(compilePayloadTemplate(template).isConstant).toBe(false);
  });

  test('a missing path fails with the AWS field wording', () => {
    expect(caught(() => compilePayloadTemplate({ 'bar.$': '$.foo' }).evaluate(makeCtx({ a: 1 })))).toEqual({
      name: 'States.Runtime',
      cause: "The JSONPath '$.foo' specified for the field 'bar.$' could not be found in the input '{\"a\":1}'",
    });
  });

  test('a missing path inside an intrinsic names the function (AWS wording)', () => {
    expect(caught(() => compilePayloadTemplate({ 'bar.$': 'States.Array($.foo)' }).evaluate(makeCtx({})))).toEqual({
      name: 'States.Runtime',
      cause: "The function 'States.Array($.foo)' had the following error: The JsonPath argument for the field '$.foo' could not be found in the input '{}'",
    });
  });

  test('an index past the end of an array is null in a plain reference (AWS)', () => {
    expect(compilePayloadTemplate({ 'v.$': '$.items[5]' }).evaluate(makeCtx({ items: [1, 2] }))).toEqual({ v: null });
  });

  test('a non-string .$ value or a malformed path fails at compile time', () => {
    expect(caught(() => compilePayloadTemplate({ 'a.$': 1 }))?.name).toBe('States.Runtime');
    expect(caught(() => compilePayloadTemplate({ 'a.$': 'missing' }))?.name).toBe('States.Runtime');
  });

  test('intrinsic failures propagate', () => {
    expect(caught(() => compilePayloadTemplate({ 'a.$': 'States.ArrayGetItem($.comment, 1)' }).evaluate(ctx))?.name).toBe('States.IntrinsicFailure');
  });
});

describe('byteLength (UTF-8 of the JSON text)', () => {
  const rows: [value: unknown, bytes: number, reason: string][] = [
    [{ a: 1 }, 7, 'ASCII'],
    ['é', 4, 'two-byte character plus quotes'],
    ['😀', 6, 'surrogate pair is four bytes'],
    ['€', 5, 'three-byte character'],
    [undefined, 0, 'undefined counts as nothing'],
    ['x'.repeat(262142), 262144, 'exactly the quota'],
  ];
  test.each(rows)('%j → %d (%s)', (value, bytes) => {
    expect(byteLength(value)).toBe(bytes);
  });
});
