import { describe, expect, it } from 'vitest';
import { DOC, NESTED, UNTOUCHED, run } from '../test/fixtures.js';
import { EditError } from './doc.js';
import { renameState } from './rename.js';

describe('renameState', () => {
  it('renames the key in place and every reference follows', () => {
    const r = run(DOC, renameState(DOC, 'Oops', 'Handle "error"'));
    expect(Object.keys(r.json.States)).toEqual(['A', 'Check', 'Big', 'Small', 'Handle "error"', 'Done', 'Untouched']);
    expect(r.json.States.A.Catch.map((c: any) => c.Next)).toEqual(['Handle "error"', 'Handle "error"']);
    expect(r.json.States.Check.Choices[1].Next).toBe('Handle "error"');
    expect(r.text).toBe(DOC.replaceAll('"Oops"', '"Handle \\"error\\""'));
  });

  it('updates StartAt and Default', () => {
    let r = run(DOC, renameState(DOC, 'A', 'Start here'));
    expect(r.json.StartAt).toBe('Start here');
    r = run(DOC, renameState(DOC, 'Small', 'Tiny'));
    expect(r.json.States.Check.Default).toBe('Tiny');
    expect(r.text).toContain(UNTOUCHED);
  });

  it('renames inside a branch without touching other scopes', () => {
    const r = run(NESTED, renameState(NESTED, 'B2', 'Second'));
    expect(r.json.States.P.Branches[0]).toEqual({ StartAt: 'B1', States: { B1: { Type: 'Pass', Next: 'Second' }, Second: { Type: 'Pass', End: true } } });
  });

  it('does not rewrite unrelated strings equal to the name', () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"A","Next":"B"},"B":{"Type":"Pass","Comment":"A","End":true}}}';
    const r = run(text, renameState(text, 'A', 'Z'));
    expect(r.text).toBe('{"StartAt":"Z","States":{"Z":{"Type":"Pass","Result":"A","Next":"B"},"B":{"Type":"Pass","Comment":"A","End":true}}}');
  });

  it('same name is a no-op; taken, empty or absent names throw EditError', () => {
    expect(renameState(DOC, 'A', 'A')).toEqual([]);
    expect(() => renameState(DOC, 'A', 'Big')).toThrow('A state named "Big" already exists.');
    expect(() => renameState(DOC, 'A', '')).toThrow(EditError);
    expect(() => renameState(DOC, 'Nope', 'X')).toThrow('There is no state named "Nope".');
    expect(() => renameState(NESTED, 'B1', 'C1')).toThrow(EditError);
  });
});
