import { describe, expect, it } from 'vitest';
import { DOC, NESTED, UNTOUCHED, run } from '../test/fixtures.js';
import { deleteState } from './delete.js';
import { EditError } from './doc.js';

describe('deleteState', () => {
  it('reconnects predecessors to its Next', () => {
    const r = run(DOC, deleteState(DOC, 'Big'));
    expect(r.json.States.Big).toBeUndefined();
    expect(r.json.States.Check.Choices[0].Next).toBe('Done');
    expect(r.text).toContain(UNTOUCHED);
  });

  it('moves StartAt to the successor', () => {
    const r = run(DOC, deleteState(DOC, 'A'));
    expect(r.json.StartAt).toBe('Check');
    expect(r.json.States.A).toBeUndefined();
  });

  it('terminal state: Next becomes End in place, Default is removed', () => {
    const r = run(DOC, deleteState(DOC, 'Done'));
    expect(r.text).toContain('"Big": { "Type": "Pass", "End": true }');
    const r2 = run(DOC, deleteState(DOC, 'Small'));
    expect(r2.json.States.Check.Default).toBeUndefined();
    expect(r2.json.States.Check.Choices).toHaveLength(2);
  });

  it('terminal state: catchers and Choice rules to it are removed', () => {
    const r = run(DOC, deleteState(DOC, 'Oops'));
    expect(r.json.States.A.Catch).toBeUndefined();
    expect(r.json.States.Check.Choices).toEqual([{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Big' }]);
    expect(r.text).toContain(UNTOUCHED);
  });

  it("keeps a Choice's last rule (without Next) rather than emptying Choices", () => {
    const text = JSON.stringify({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Next: 'E' }, { Variable: '$.b', IsPresent: true, Next: 'E' }] }, E: { Type: 'Succeed' } } }, null, 2);
    const r = run(text, deleteState(text, 'E'));
    expect(r.json.States.C.Choices).toEqual([{ Variable: '$.a', IsPresent: true }]);
  });

  it('deleting a Choice hands predecessors its Default', () => {
    const r = run(DOC, deleteState(DOC, 'Check'));
    expect(r.json.States.A.Next).toBe('Small');
  });

  it('works inside a branch and removes nested states with their container', () => {
    let r = run(NESTED, deleteState(NESTED, 'B1'));
    expect(r.json.States.P.Branches[0]).toEqual({ StartAt: 'B2', States: { B2: { Type: 'Pass', End: true } } });
    r = run(NESTED, deleteState(NESTED, 'B2'));
    expect(r.json.States.P.Branches[0].States.B1).toEqual({ Type: 'Pass', End: true });
    r = run(NESTED, deleteState(NESTED, 'P'));
    expect(r.json.StartAt).toBe('M');
    expect(r.text).not.toContain('B1');
    expect(r.text).toContain(UNTOUCHED);
  });

  it('throws EditError for an absent state', () => {
    expect(() => deleteState(DOC, 'Nope')).toThrow(EditError);
    expect(() => deleteState(DOC, 'Nope')).toThrow('There is no state named "Nope".');
  });
});
