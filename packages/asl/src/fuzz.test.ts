import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, STATE_FIELDS, STATE_TYPES, toYaml, validateDefinition, validateDocument } from './index.js';

const allFields = [...new Set(Object.values(STATE_FIELDS).flatMap((t) => [...t.common, ...t.JSONPath, ...t.JSONata]))];
const names = ['A', 'B', 'C', 'D'];
const fieldValue = fc.oneof(
  fc.constantFrom(...names, '$', '$.a[', '$.x', 'States.Format(\'{}\', $.a)', '{% $states.input %}', '{% 1 + %}', true, 1, -1, null),
  fc.jsonValue({ maxDepth: 2 }),
);
const state = fc.record({
  Type: fc.constantFrom(...STATE_TYPES, 'Nope'),
  extra: fc.dictionary(fc.constantFrom(...allFields), fieldValue, { maxKeys: 6 }),
}).map(({ Type, extra }) => ({ ...extra, Type }));
const machine = fc.record({
  StartAt: fc.constantFrom(...names, 'Z'),
  QueryLanguage: fc.constantFrom('JSONPath', 'JSONata', undefined),
  States: fc.dictionary(fc.constantFrom(...names), state, { minKeys: 1, maxKeys: 4 }),
}).map((m) => JSON.parse(JSON.stringify(m)));

describe('robustness (property-based)', () => {
  it('parseDocument and validateDocument never throw on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      validateDocument(parseDocument(text));
    }), { numRuns: 300 });
  });

  it('validateDefinition never throws on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
      validateDefinition(v);
    }), { numRuns: 300 });
  });

  it('diagnostics of ASL-shaped documents have in-bounds ranges and consistent line/column', () => {
    fc.assert(fc.property(machine, (def) => {
      const text = JSON.stringify(def, null, 2);
      const diags = validateDocument(parseDocument(text));
      const plain = validateDefinition(def);
      expect(diags.map((d) => d.code).sort()).toEqual(plain.map((d) => d.code).sort());
      for (const d of diags) {
        expect(d.range.offset).toBeGreaterThanOrEqual(0);
        expect(d.range.offset + d.range.length).toBeLessThanOrEqual(text.length);
        const before = text.slice(0, d.range.offset).split('\n');
        expect(d.line).toBe(before.length);
        expect(d.column).toBe(before[before.length - 1].length + 1);
        expect(d.message.length).toBeGreaterThan(10);
      }
    }), { numRuns: 300 });
  });

  it('YAML and JSON of the same definition give the same diagnostics', () => {
    fc.assert(fc.property(machine, (def) => {
      const j = validateDocument(parseDocument(JSON.stringify(def))).map((d) => `${d.code} ${JSON.stringify(d.path)}`);
      const y = validateDocument(parseDocument(toYaml(def), 'yaml')).map((d) => `${d.code} ${JSON.stringify(d.path)}`);
      expect(y.sort()).toEqual(j.sort());
    }), { numRuns: 100 });
  });
});
