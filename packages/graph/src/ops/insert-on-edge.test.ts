import { describe, expect, it } from 'vitest';
import { definitionToGraph } from '../from-asl.js';
import { DOC, NESTED, UNTOUCHED, run } from '../test/fixtures.js';
import { EditError } from './doc.js';
import { insertStateOnEdge } from './insert-on-edge.js';

const edge = (text: string, id: string) => {
  const e = definitionToGraph(JSON.parse(text)).edges.find((x) => x.id === id);
  if (!e) throw new Error(`no edge ${id}`);
  return e;
};
const PASS = { Type: 'Pass' };

describe('insertStateOnEdge', () => {
  it('inserts on a Next edge: source → new → old target, placed after the source', () => {
    const r = run(DOC, insertStateOnEdge(DOC, edge(DOC, 'next:States/A/Next'), 'New', PASS));
    expect(r.json.States.A.Next).toBe('New');
    expect(r.json.States.New).toEqual({ Type: 'Pass', Next: 'Check' });
    expect(Object.keys(r.json.States).slice(0, 3)).toEqual(['A', 'New', 'Check']);
    expect(r.text).toContain(UNTOUCHED);
    expect(r.text).toContain('    "New": {\n      "Type": "Pass",\n      "Next": "Check"\n    },\n    "Check"');
  });

  it('inserts on the start edge: StartAt changes, new state first', () => {
    const r = run(DOC, insertStateOnEdge(DOC, edge(DOC, 'start:StartAt'), 'First', PASS));
    expect(r.json.StartAt).toBe('First');
    expect(Object.keys(r.json.States)[0]).toBe('First');
    expect(r.json.States.First.Next).toBe('A');
  });

  it('inserts on a Catch edge: only that catcher moves', () => {
    const r = run(DOC, insertStateOnEdge(DOC, edge(DOC, 'catch:States/A/Catch/1/Next'), 'Log', { Type: 'Task', Resource: 'arn:x' }));
    expect(r.json.States.A.Catch.map((c: any) => c.Next)).toEqual(['Oops', 'Log']);
    expect(r.json.States.Log).toEqual({ Type: 'Task', Resource: 'arn:x', Next: 'Oops' });
  });

  it('inserts on a Choice rule and on Default', () => {
    let r = run(DOC, insertStateOnEdge(DOC, edge(DOC, 'choice:States/Check/Choices/0/Next'), 'X', PASS));
    expect(r.json.States.Check.Choices[0].Next).toBe('X');
    expect(r.json.States.X.Next).toBe('Big');
    r = run(DOC, insertStateOnEdge(DOC, edge(DOC, 'default:States/Check/Default'), 'Y', PASS));
    expect(r.json.States.Check.Default).toBe('Y');
    expect(r.json.States.Y.Next).toBe('Small');
  });

  it('inserts on an end edge: "End": true becomes "Next" in place, the new state ends', () => {
    const r = run(DOC, insertStateOnEdge(DOC, edge(DOC, 'end:States/Small'), 'Last', { Type: 'Pass', Next: 'ignored' }));
    expect(r.text).toContain('"Small": { "Type": "Pass", "Next": "Last" },\n    "Last": { "Type": "Pass", "End": true },\n');
    expect(r.json.States.Last).toEqual({ Type: 'Pass', End: true });
    expect(r.text).toContain(UNTOUCHED);
  });

  it('gives an inserted Choice the old target as Default, and Succeed/Fail no transition', () => {
    let r = run(DOC, insertStateOnEdge(DOC, edge(DOC, 'next:States/Big/Next'), 'C2', { Type: 'Choice', Choices: [] }));
    expect(r.json.States.C2).toEqual({ Type: 'Choice', Choices: [], Default: 'Done' });
    r = run(DOC, insertStateOnEdge(DOC, edge(DOC, 'next:States/Big/Next'), 'Stop', { Type: 'Fail', Next: 'x' }));
    expect(r.json.States.Stop).toEqual({ Type: 'Fail' });
    expect(r.json.States.Big.Next).toBe('Stop');
  });

  it('works inside a Parallel branch and a Map processor, in that scope', () => {
    let r = run(NESTED, insertStateOnEdge(NESTED, edge(NESTED, 'next:States/P/Branches/0/States/B1/Next'), 'Mid', PASS));
    const b0 = r.json.States.P.Branches[0];
    expect(Object.keys(b0.States)).toEqual(['B1', 'Mid', 'B2']);
    expect(b0.States.B1.Next).toBe('Mid');
    expect(b0.States.Mid.Next).toBe('B2');
    expect(r.text).toContain(UNTOUCHED);
    r = run(NESTED, insertStateOnEdge(NESTED, edge(NESTED, 'start:States/M/ItemProcessor/StartAt'), 'Pre', PASS));
    expect(r.json.States.M.ItemProcessor.StartAt).toBe('Pre');
    expect(r.json.States.M.ItemProcessor.States.Pre).toEqual({ Type: 'Pass', Next: 'I1' });
    expect(r.json.States.Pre).toBeUndefined();
  });

  it('renames states nested in an inserted Parallel when their names are taken', () => {
    const parallel = { Type: 'Parallel', Branches: [{ StartAt: 'Pass (1)', States: { 'Pass (1)': { Type: 'Pass', Next: 'Big' } , Big: { Type: 'Pass', End: true } } }] };
    const once = run(DOC, insertStateOnEdge(DOC, edge(DOC, 'next:States/A/Next'), 'Par', parallel));
    expect(once.json.States.Par.Branches[0]).toEqual({ StartAt: 'Pass (1)', States: { 'Pass (1)': { Type: 'Pass', Next: 'Big 2' }, 'Big 2': { Type: 'Pass', End: true } } });
    const twice = run(once.text, insertStateOnEdge(once.text, edge(once.text, 'next:States/Par/Next'), 'Par 2', parallel));
    expect(Object.keys(twice.json.States['Par 2'].Branches[0].States)).toEqual(['Pass (1) 2', 'Big 3']);
    expect(twice.json.States['Par 2'].Branches[0].StartAt).toBe('Pass (1) 2');
  });

  it('detects tab indentation and CRLF', () => {
    const text = '{\r\n\t"StartAt": "A",\r\n\t"States": {\r\n\t\t"A": {\r\n\t\t\t"Type": "Pass",\r\n\t\t\t"End": true\r\n\t\t}\r\n\t}\r\n}';
    const r = run(text, insertStateOnEdge(text, edge(text, 'start:StartAt'), 'N', PASS));
    expect(r.text).toContain('\t\t"N": {\r\n\t\t\t"Type": "Pass",\r\n\t\t\t"Next": "A"\r\n\t\t},\r\n\t\t"A": {');
    expect(r.text).not.toMatch(/[^\r]\n/);
  });

  it('detects 4-space indentation', () => {
    const text = JSON.stringify(JSON.parse(DOC), null, 4);
    const r = run(text, insertStateOnEdge(text, edge(text, 'next:States/A/Next'), 'N', PASS));
    expect(r.text).toContain('\n        "N": {\n            "Type": "Pass",');
  });

  it('throws EditError for a taken name, a Fail source, or a stale edge', () => {
    expect(() => insertStateOnEdge(DOC, edge(DOC, 'next:States/A/Next'), 'Big', PASS)).toThrow(EditError);
    expect(() => insertStateOnEdge(DOC, edge(DOC, 'next:States/A/Next'), 'Big', PASS)).toThrow('A state named "Big" already exists.');
    expect(() => insertStateOnEdge(DOC, edge(DOC, 'end:States/Oops'), 'N', PASS)).toThrow(/Fail state ends the flow/);
    expect(() => insertStateOnEdge(DOC, { id: 'x', source: 'Q', target: 'A', kind: 'next', path: ['States', 'Q', 'Next'] }, 'N', PASS)).toThrow(EditError);
    expect(() => insertStateOnEdge('{ "StartAt": ', edge(DOC, 'start:StartAt'), 'N', PASS)).toThrow(/syntax errors/);
    expect(() => insertStateOnEdge('StartAt: A\nStates: {}\n', edge(DOC, 'start:StartAt'), 'N', PASS)).toThrow(/as JSON/);
  });
});
