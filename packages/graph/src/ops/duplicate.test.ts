import { describe, expect, it } from 'vitest';
import { DOC, NESTED, UNTOUCHED, run } from '../test/fixtures.js';
import { EditError } from './doc.js';
import { duplicateState } from './duplicate.js';

describe('duplicateState', () => {
  it('inserts "X (copy)" after the original, taking its Next; the original goes to the copy', () => {
    const r = run(DOC, duplicateState(DOC, 'Big'));
    expect(r.json.States.Big.Next).toBe('Big (copy)');
    expect(r.json.States['Big (copy)']).toEqual({ Type: 'Pass', Next: 'Done' });
    expect(Object.keys(r.json.States).slice(2, 5)).toEqual(['Big', 'Big (copy)', 'Small']);
    expect(r.text).toContain('    "Big": { "Type": "Pass", "Next": "Big (copy)" },\n    "Big (copy)": { "Type": "Pass", "Next": "Done" },\n');
    expect(r.text).toContain(UNTOUCHED);
  });

  it('an End state: "End" becomes "Next" in place and the copy ends; names count up', () => {
    const once = run(DOC, duplicateState(DOC, 'Small'));
    expect(once.json.States.Small).toEqual({ Type: 'Pass', Next: 'Small (copy)' });
    expect(once.json.States['Small (copy)']).toEqual({ Type: 'Pass', End: true });
    const twice = run(once.text, duplicateState(once.text, 'Small'));
    expect(twice.json.States.Small.Next).toBe('Small (copy 2)');
    expect(twice.json.States['Small (copy 2)'].Next).toBe('Small (copy)');
  });

  it('a Choice or Fail copy is unconnected', () => {
    const r = run(DOC, duplicateState(DOC, 'Oops'));
    expect(r.json.States['Oops (copy)']).toEqual({ Type: 'Fail', Error: 'Boom' });
    expect(r.json.States.A.Catch[0].Next).toBe('Oops');
  });

  it('renames states nested in a copied Parallel, keeping their wiring', () => {
    const r = run(NESTED, duplicateState(NESTED, 'P'));
    const p = r.json.States['P (copy)'];
    expect(p.Next).toBe('M');
    expect(r.json.States.P.Next).toBe('P (copy)');
    expect(p.Branches[0]).toEqual({ StartAt: 'B1 (copy)', States: { 'B1 (copy)': { Type: 'Pass', Next: 'B2 (copy)' }, 'B2 (copy)': { Type: 'Pass', End: true } } });
    expect(p.Branches[1].StartAt).toBe('C1 (copy)');
  });

  it('throws EditError for an absent state', () => {
    expect(() => duplicateState(DOC, 'Nope')).toThrow(EditError);
  });
});
