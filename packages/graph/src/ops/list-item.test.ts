import { describe, expect, it } from 'vitest';
import { DOC, NESTED, UNTOUCHED, run } from '../test/fixtures.js';
import { EditError } from './doc.js';
import { insertStateListItem, moveStateListItem, removeStateListItem } from './list-item.js';

const CATCH_0 = '{ "ErrorEquals": ["States.Timeout"], "Next": "Oops" }';
const CATCH_1 = '{ "ErrorEquals": ["States.ALL"], "Next": "Oops" }';

describe('insertStateListItem', () => {
  it.each([
    ['appends a one-line catcher after one-line siblings', undefined, `${CATCH_0},\n        ${CATCH_1},\n        { "ErrorEquals": ["X"], "Next": "Done" }\n`],
    ['inserts before the first element', 0, `{ "ErrorEquals": ["X"], "Next": "Done" },\n        ${CATCH_0},\n        ${CATCH_1}\n`],
    ['inserts between elements', 1, `${CATCH_0},\n        { "ErrorEquals": ["X"], "Next": "Done" },\n        ${CATCH_1}\n`],
  ])('%s', (_reason, index, expected) => {
    const r = run(DOC, insertStateListItem(DOC, 'A', 'Catch', index, { ErrorEquals: ['X'], Next: 'Done' }));
    expect(r.text).toBe(DOC.replace(`${CATCH_0},\n        ${CATCH_1}\n`, expected));
  });

  it('creates a missing list at the end of the state, indented like it', () => {
    const r = run(DOC, insertStateListItem(DOC, 'A', 'Retry', undefined, { ErrorEquals: ['States.ALL'] }));
    expect(r.json.States.A.Retry).toEqual([{ ErrorEquals: ['States.ALL'] }]);
    expect(r.text).toContain('      ],\n      "Retry": [\n        {\n          "ErrorEquals": [\n            "States.ALL"\n          ]\n        }\n      ]\n    },');
    expect(r.text).toContain(UNTOUCHED);
  });

  it('adds to an inline list inline, and to nested lists', () => {
    let r = run(DOC, insertStateListItem(DOC, 'A', ['Catch', 0, 'ErrorEquals'], undefined, 'States.TaskFailed'));
    expect(r.text).toContain('"ErrorEquals": ["States.Timeout", "States.TaskFailed"]');
    r = run(NESTED, insertStateListItem(NESTED, 'P', 'Branches', undefined, { StartAt: 'D1', States: { D1: { Type: 'Pass', End: true } } }));
    expect(r.json.States.P.Branches).toHaveLength(3);
    expect(r.json.States.P.Branches[2].StartAt).toBe('D1');
  });

  it('replaces an empty list by [value]', () => {
    const text = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Task", "Resource": "r", "Retry": [], "End": true }\n  }\n}';
    const r = run(text, insertStateListItem(text, 'A', 'Retry', 0, { ErrorEquals: ['E'] }));
    expect(r.text).toContain('"Retry": [{ "ErrorEquals": ["E"] }], "End": true');
  });

  it('throws EditError for a missing state or a field that is not a list', () => {
    expect(() => insertStateListItem(DOC, 'Nope', 'Retry', 0, {})).toThrow(EditError);
    expect(() => insertStateListItem(DOC, 'A', 'Resource', 0, {})).toThrow(EditError);
    expect(() => insertStateListItem(DOC, 'A', 'Retry', 0, undefined)).toThrow(EditError);
  });
});

describe('removeStateListItem', () => {
  it('removes an element with its comma, leaving the rest byte-identical', () => {
    let r = run(DOC, removeStateListItem(DOC, 'A', 'Catch', 0));
    expect(r.text).toBe(DOC.replace(`${CATCH_0},\n        `, ''));
    r = run(DOC, removeStateListItem(DOC, 'A', 'Catch', 1));
    expect(r.text).toBe(DOC.replace(`,\n        ${CATCH_1}`, ''));
  });

  it('removes the whole field with its last element when asked', () => {
    let text = run(DOC, removeStateListItem(DOC, 'A', 'Catch', 1)).text;
    let r = run(text, removeStateListItem(text, 'A', 'Catch', 0, { removeEmptyList: true }));
    expect(r.json.States.A).toEqual({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Check' });
    text = run(DOC, removeStateListItem(DOC, 'A', 'Catch', 1)).text;
    r = run(text, removeStateListItem(text, 'A', 'Catch', 0));
    expect(r.json.States.A.Catch).toEqual([]);
  });

  it('throws EditError for an index out of range or a missing list', () => {
    expect(() => removeStateListItem(DOC, 'A', 'Catch', 2)).toThrow(EditError);
    expect(() => removeStateListItem(DOC, 'A', 'Retry', 0)).toThrow(EditError);
  });
});

describe('moveStateListItem', () => {
  it('swaps two elements, each keeping its own text', () => {
    const r = run(DOC, moveStateListItem(DOC, 'Check', 'Choices', 1, 0));
    expect(r.json.States.Check.Choices.map((c: { Next: string }) => c.Next)).toEqual(['Oops', 'Big']);
    expect(r.text).toContain(UNTOUCHED);
    expect(run(r.text, moveStateListItem(r.text, 'Check', 'Choices', 0, 1)).text).toBe(DOC);
  });

  it('moves across several elements (the ones between shift by one)', () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","End":true,"Retry":[{"ErrorEquals":["a"]},{"ErrorEquals":["b"]},{"ErrorEquals":["c"]}]}}}';
    const names = (t: string) => JSON.parse(t).States.A.Retry.map((r: { ErrorEquals: string[] }) => r.ErrorEquals[0]);
    expect(names(run(text, moveStateListItem(text, 'A', 'Retry', 2, 0)).text)).toEqual(['c', 'a', 'b']);
    expect(names(run(text, moveStateListItem(text, 'A', 'Retry', 0, 9)).text)).toEqual(['b', 'c', 'a']);
    expect(moveStateListItem(text, 'A', 'Retry', 1, 1)).toEqual([]);
  });

  it('throws EditError for a bad index or a missing list', () => {
    expect(() => moveStateListItem(DOC, 'Check', 'Choices', 5, 0)).toThrow(EditError);
    expect(() => moveStateListItem(DOC, 'Big', 'Choices', 0, 1)).toThrow(EditError);
  });
});
