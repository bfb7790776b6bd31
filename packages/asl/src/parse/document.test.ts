import { describe, expect, it } from 'vitest';
import { fromYaml, parseDocument, toYaml } from './document.js';
import { lineColOf } from './line-col.js';

const JSON_TEXT = `{
  "Comment": "demo",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Next": "B" },
    "B": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "C", "States": { "C": { "Type": "Succeed" } } }
      ],
      "End": true
    }
  }
}`;

const slice = (text: string, r: { offset: number; length: number } | undefined) => (r ? text.slice(r.offset, r.offset + r.length) : undefined);

describe('parseDocument (JSON)', () => {
  it.each([
    { path: ['StartAt'], value: '"A"', key: '"StartAt"', reason: 'top-level string field' },
    { path: ['States', 'A'], value: '{ "Type": "Pass", "Next": "B" }', key: '"A"', reason: 'a state object and its name key' },
    { path: ['States', 'A', 'Next'], value: '"B"', key: '"Next"', reason: 'a field inside a state' },
    { path: ['States', 'B', 'Branches', 0, 'States', 'C', 'Type'], value: '"Succeed"', key: '"Type"', reason: 'a field in a Parallel branch, through an array index' },
  ])('ranges: $reason', ({ path, value, key }) => {
    const doc = parseDocument(JSON_TEXT);
    expect(doc.format).toBe('json');
    expect(doc.diagnostics).toEqual([]);
    expect(slice(JSON_TEXT, doc.rangeOf(path))).toBe(value);
    expect(slice(JSON_TEXT, doc.keyRangeOf(path))).toBe(key);
  });

  it('returns undefined ranges for missing paths and no key range for array items', () => {
    const doc = parseDocument(JSON_TEXT);
    expect(doc.rangeOf(['States', 'Nope'])).toBeUndefined();
    expect(doc.rangeOf(['States', 'B', 'Branches', 3])).toBeUndefined();
    expect(doc.keyRangeOf(['States', 'B', 'Branches', 0])).toBeUndefined();
    expect(doc.rangeOf([])).toEqual({ offset: 0, length: JSON_TEXT.length });
  });

  it('gives the value JSON.parse would give', () => {
    expect(parseDocument(JSON_TEXT).definition).toEqual(JSON.parse(JSON_TEXT));
  });

  it.each([
    { text: '{"StartAt": "A",, "States": {}}', line: 1, column: 17, reason: 'double comma' },
    { text: '{\n  "StartAt": "A"\n  "States": {}\n}', line: 3, column: 3, reason: 'missing comma between members' },
    { text: '{\n  // comment\n  "StartAt": "A"\n}', line: 2, column: 3, reason: 'comments are not JSON' },
    { text: '{"StartAt": "A",}', line: 1, column: 17, reason: 'trailing comma' },
    { text: '{"StartAt": "A"', line: 1, column: 16, reason: 'unclosed object' },
    { text: '{"StartAt": "A}', line: 1, column: 13, reason: 'unterminated string' },
  ])('JSON_SYNTAX: $reason', ({ text, line, column }) => {
    const doc = parseDocument(text);
    expect(doc.diagnostics.length).toBeGreaterThan(0);
    const d = doc.diagnostics[0];
    expect(d.code).toBe('JSON_SYNTAX');
    expect(d.severity).toBe('error');
    expect({ line: d.line, column: d.column }).toEqual({ line, column });
    expect(d.message).toMatch(new RegExp(`line ${line}, column ${column}`));
  });

  it('recovers a partial definition and ranges from broken JSON', () => {
    const text = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}';
    const doc = parseDocument(text);
    expect(doc.definition?.StartAt).toBe('A');
    expect(slice(text, doc.rangeOf(['States', 'A', 'Type']))).toBe('"Pass"');
  });

  it.each([
    { text: '[1, 2]', reason: 'an array root' },
    { text: '"x"', reason: 'a string root' },
  ])('NOT_AN_OBJECT for $reason', ({ text }) => {
    const doc = parseDocument(text);
    expect(doc.definition).toBeUndefined();
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['NOT_AN_OBJECT']);
  });

  it.each([
    { text: '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B","Next":"C"}}}', format: 'json', reason: 'valid JSON (fast path)' },
    { text: '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B","Next":"C"}}', format: 'json', reason: 'broken JSON (recovery path)' },
    { text: 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n    Next: C\n', format: 'yaml', reason: 'YAML' },
  ] as const)('DUPLICATE_KEY warning with the key range and path: $reason', ({ text, format }) => {
    const doc = parseDocument(text, format);
    const d = doc.diagnostics.find((x) => x.code === 'DUPLICATE_KEY')!;
    expect(d).toMatchObject({ severity: 'warning', path: ['States', 'A', 'Next'] });
    expect(d.range.offset).toBe(text.lastIndexOf('Next') - (format === 'json' ? 1 : 0));
    expect(d.message).toBe("Duplicate key 'Next' in States.A: only the last value is used");
    expect(doc.definition?.States.A).toMatchObject({ Next: 'C' });
  });

  it('never throws on odd input', () => {
    for (const t of ['', '   ', '{', '}', '{"a":', '\uFEFF{}', 'null', '{"__proto__": {"x": 1}}']) {
      expect(() => parseDocument(t)).not.toThrow();
    }
    const doc = parseDocument('{"__proto__": {"x": 1}}');
    expect(Object.getPrototypeOf(doc.definition)).toBe(Object.prototype);
  });
});

const YAML_TEXT = `Comment: demo
StartAt: A
States:
  A:
    Type: Pass
    Next: B
  B:
    Type: Parallel
    Branches:
      - StartAt: C
        States:
          C:
            Type: Succeed
    End: true
`;

describe('YAML', () => {
  it.each([
    { path: ['StartAt'], value: 'A', key: 'StartAt', reason: 'top-level scalar' },
    { path: ['States', 'A', 'Next'], value: 'B', key: 'Next', reason: 'a field inside a state' },
    { path: ['States', 'B', 'Branches', 0, 'States', 'C', 'Type'], value: 'Succeed', key: 'Type', reason: 'a field in a branch, through a sequence' },
  ])('ranges from the yaml AST: $reason', ({ path, value, key }) => {
    const doc = parseDocument(YAML_TEXT);
    expect(doc.format).toBe('yaml');
    expect(doc.diagnostics).toEqual([]);
    expect(slice(YAML_TEXT, doc.rangeOf(path))).toBe(value);
    expect(slice(YAML_TEXT, doc.keyRangeOf(path))).toBe(key);
  });

  it('parses to the same definition as the JSON text', () => {
    expect(fromYaml(YAML_TEXT).definition).toEqual(JSON.parse(JSON_TEXT));
  });

  it('auto-detects JSON when the text starts with { (after blanks) and YAML otherwise', () => {
    expect(parseDocument('  \n{"StartAt":"A"}').format).toBe('json');
    expect(parseDocument('StartAt: A').format).toBe('yaml');
    expect(parseDocument('[1]').format).toBe('json');
    expect(parseDocument('{"StartAt":"A"}', 'yaml').format).toBe('yaml');
  });

  it('keeps unknown tags (e.g. CloudFormation !Sub) as strings with a YAML_WARNING', () => {
    const doc = parseDocument('StartAt: A\nStates:\n  A:\n    Type: Task\n    Resource: !Sub arn:${AWS::Region}:x\n    End: true\n');
    expect(doc.diagnostics.map((d) => [d.code, d.severity])).toEqual([['YAML_WARNING', 'warning']]);
    expect(doc.definition?.States.A).toMatchObject({ Resource: 'arn:${AWS::Region}:x' });
  });

  it('reports YAML syntax errors with positions', () => {
    const doc = parseDocument('StartAt: A\nStates: [1,\nx: 2');
    expect(doc.diagnostics[0].code).toBe('YAML_SYNTAX');
    expect(doc.diagnostics[0].line).toBeGreaterThan(1);
  });

  it.each([
    { def: JSON.parse(JSON_TEXT), reason: 'a nested definition' },
    { def: { StartAt: 'A', States: { A: { Type: 'Pass', Result: { yes: 'yes', n: '1', e: '', nul: null, t: 'true' }, Output: '{% $states.input %}', End: true } } }, reason: 'strings that look like other YAML types, and {% %}' },
    { def: { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'x.$': "States.Format('{}: {}', $.a, $.b)", multi: 'line1\nline2' }, End: true } } }, reason: 'colons, quotes, .$ keys and newlines' },
  ])('toYaml round-trips: $reason', ({ def }) => {
    const yaml = toYaml(def);
    const back = fromYaml(yaml);
    expect(back.diagnostics).toEqual([]);
    expect(back.definition).toEqual(def);
  });
});

describe('lineColOf', () => {
  it.each([
    { text: 'abc', offset: 0, want: { line: 1, column: 1 }, reason: 'start' },
    { text: 'ab\ncd', offset: 3, want: { line: 2, column: 1 }, reason: 'after LF' },
    { text: 'ab\r\ncd', offset: 5, want: { line: 2, column: 2 }, reason: 'CRLF counts as one line break' },
    { text: 'ab', offset: 99, want: { line: 1, column: 3 }, reason: 'clamped past the end' },
  ])('$reason', ({ text, offset, want }) => {
    expect(lineColOf(text, offset)).toEqual(want);
  });
});
