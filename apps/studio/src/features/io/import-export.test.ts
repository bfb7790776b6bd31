import { describe, expect, it } from 'vitest';
import { baseName, prepareImport } from './import-export';

describe('prepareImport', () => {
  it('keeps JSON verbatim', () => {
    const text = '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }';
    expect(prepareImport('flow.asl.json', text)).toEqual({ ok: true, text, name: 'flow' });
  });

  it('converts YAML to 2-space JSON', () => {
    const r = prepareImport('flow.asl.yaml', 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n');
    expect(r).toEqual({ ok: true, name: 'flow', text: '{\n  "StartAt": "A",\n  "States": {\n    "A": {\n      "Type": "Succeed"\n    }\n  }\n}\n' });
  });

  it('reports malformed JSON with its line', () => {
    const r = prepareImport('bad.json', '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Succeed" ,, }\n  }\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/line 4/);
  });

  it('rejects a JSON file that is not a state machine', () => {
    const r = prepareImport('package.json', '{ "name": "x" }');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/not an ASL state machine.*line/);
  });

  it('derives names', () => {
    expect(baseName('a.asl.json')).toBe('a');
    expect(baseName('b.yml')).toBe('b');
    expect(baseName('.json')).toBe('workflow');
  });
});
