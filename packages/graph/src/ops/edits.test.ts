import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOC, NESTED, UNTOUCHED, run } from '../test/fixtures.js';
import { detectFormatting, diffEdits, EditError } from './doc.js';
import { appendState } from './append.js';
import { applyEdits } from './apply.js';
import { replaceState } from './replace.js';
import { setStateField } from './set-field.js';
import { uniqueStateName } from './unique-name.js';
import { findState } from './find-state.js';

describe('appendState', () => {
  it('adds an unconnected state at the end of the machine', () => {
    const r = run(DOC, appendState(DOC, 'Loose', { Type: 'Wait', Seconds: 5, End: true }));
    expect(Object.keys(r.json.States).at(-1)).toBe('Loose');
    expect(r.json.StartAt).toBe('A');
    expect(r.text).toContain(`${UNTOUCHED},\n    "Loose": {\n      "Type": "Wait",\n      "Seconds": 5,\n      "End": true\n    }\n  }\n}\n`);
  });

  it('adds to a branch scope, and becomes StartAt of an empty scope', () => {
    let r = run(NESTED, appendState(NESTED, 'B3', { Type: 'Pass', End: true }, ['States', 'P', 'Branches', 1]));
    expect(Object.keys(r.json.States.P.Branches[1].States)).toEqual(['C1', 'B3']);
    const empty = '{\n  "StartAt": "",\n  "States": {}\n}\n';
    r = run(empty, appendState(empty, 'First', { Type: 'Pass', End: true }));
    expect(r.text).toBe('{\n  "StartAt": "First",\n  "States": {\n    "First": {\n      "Type": "Pass",\n      "End": true\n    }\n  }\n}\n');
  });

  it('throws EditError for a taken name or a missing scope', () => {
    expect(() => appendState(DOC, 'A', { Type: 'Pass' })).toThrow(EditError);
    expect(() => appendState(DOC, 'Z', { Type: 'Pass' }, ['States', 'Nope'])).toThrow(EditError);
  });
});

describe('setStateField / replaceState', () => {
  it('sets, adds and removes a field, leaving the rest byte-identical', () => {
    let r = run(DOC, setStateField(DOC, 'Big', 'Comment', 'hi'));
    expect(r.text).toBe(DOC.replace('"Big": { "Type": "Pass", "Next": "Done" }', '"Big": { "Type": "Pass", "Next": "Done", "Comment": "hi" }'));
    r = run(DOC, setStateField(DOC, 'A', 'Resource', 'arn:aws:states:::sns:publish'));
    expect(r.text).toBe(DOC.replace('lambda:invoke', 'sns:publish'));
    r = run(DOC, setStateField(DOC, 'Check', 'Default', undefined));
    expect(r.text).toBe(DOC.replace('      ],\n      "Default": "Small"\n', '      ]\n'));
    expect(setStateField(DOC, 'A', 'Nope', undefined)).toEqual([]);
    r = run(DOC, setStateField(DOC, 'A', ['Catch', 0, 'ErrorEquals'], ['X']));
    expect(r.json.States.A.Catch[0].ErrorEquals).toEqual(['X']);
  });

  it('adds a multi-line field with the state’s indentation', () => {
    const r = run(DOC, setStateField(DOC, 'A', 'Retry', [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }]));
    expect(r.text).toContain('      ],\n      "Retry": [\n        {\n          "ErrorEquals": [\n            "States.ALL"\n          ],\n          "MaxAttempts": 2\n        }\n      ]\n    },');
  });

  it('replaces a whole state in place', () => {
    const r = run(DOC, replaceState(DOC, 'Big', { Type: 'Wait', Seconds: 3, Next: 'Done' }));
    expect(r.text).toBe(DOC.replace('"Big": { "Type": "Pass", "Next": "Done" }', '"Big": { "Type": "Wait", "Seconds": 3, "Next": "Done" }'));
    expect(() => replaceState(DOC, 'Nope', {})).toThrow(EditError);
  });
});

describe('findState', () => {
  it('finds states in every scope', () => {
    expect(findState(JSON.parse(NESTED), 'B2')).toEqual({ path: ['States', 'P', 'Branches', 0, 'States', 'B2'], scopePath: ['States', 'P', 'Branches', 0] });
    expect(findState(JSON.parse(NESTED), 'I1')?.scopePath).toEqual(['States', 'M', 'ItemProcessor']);
    expect(findState(JSON.parse(NESTED), 'Nope')).toBeUndefined();
    expect(findState(undefined, 'A')).toBeUndefined();
  });
});

describe('uniqueStateName', () => {
  it('counts up across all scopes', () => {
    expect(uniqueStateName(JSON.parse(DOC), 'Fresh')).toBe('Fresh');
    expect(uniqueStateName(JSON.parse(DOC), 'Big')).toBe('Big 2');
    expect(uniqueStateName(JSON.parse(NESTED), 'B1')).toBe('B1 2');
    expect(uniqueStateName(null, 'X')).toBe('X');
  });
});

describe('detectFormatting', () => {
  it.each([
    ['two spaces', '{\n  "a": 1\n}', { insertSpaces: true, tabSize: 2, eol: '\n' }],
    ['four spaces', '{\n    "a": {\n        "b": 1\n    }\n}', { insertSpaces: true, tabSize: 4, eol: '\n' }],
    ['tabs, CRLF', '{\r\n\t"a": 1\r\n}', { insertSpaces: false, tabSize: 4, eol: '\r\n' }],
    ['one line', '{"a":1}', { insertSpaces: true, tabSize: 2, eol: '\n' }],
  ])('%s', (_reason, text, expected) => {
    expect(detectFormatting(text)).toEqual(expected);
  });
});

describe('diffEdits', () => {
  it('turns any text into any other (property)', () => {
    const line = fc.constantFrom('a', 'b', '  "x": 1,', '', '}', 'c\r');
    const doc = fc.array(line, { maxLength: 12 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        const edits = diffEdits(a, b);
        expect(applyEdits(a, edits)).toBe(b);
        for (let i = 1; i < edits.length; i++) expect(edits[i].offset).toBeGreaterThanOrEqual(edits[i - 1].offset + edits[i - 1].length);
      }),
      { numRuns: 500 },
    );
  });
  it('keeps separate changes as separate edits', () => {
    const a = 'x\n1\n2\n3\n4\ny';
    const b = 'X\n1\n2\n3\n4\nY';
    expect(diffEdits(a, b)).toEqual([{ offset: 0, length: 1, content: 'X' }, { offset: 10, length: 1, content: 'Y' }]);
  });
});
