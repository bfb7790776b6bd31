import { describe, expect, it } from 'vitest';
import { definitionToGraph } from './from-asl.js';
import { DOC, NESTED } from './test/fixtures.js';

const summary = (def: unknown) =>
  definitionToGraph(def as object).edges.map((e) => `${e.source} -${e.kind}${e.label ? `(${e.label})` : ''}-> ${e.target}`);

describe('definitionToGraph', () => {
  it('makes one node per state plus start/end markers, and an edge per transition', () => {
    const g = definitionToGraph(JSON.parse(DOC));
    expect(g.nodes.map((n) => n.id)).toEqual(['__start', 'A', 'Check', 'Big', 'Small', 'Oops', 'Done', 'Untouched', '__end']);
    expect(summary(JSON.parse(DOC))).toEqual([
      '__start -start-> A',
      'A -next-> Check',
      'A -catch(States.Timeout)-> Oops',
      'A -catch(States.ALL)-> Oops',
      'Check -choice($.total > 100)-> Big',
      'Check -choice($.total < 0)-> Oops',
      'Check -default(Default)-> Small',
      'Big -next-> Done',
      'Small -end-> __end',
      'Oops -end-> __end',
      'Done -end-> __end',
      'Untouched -end-> __end',
    ]);
  });

  it('gives every edge the path of its transition field', () => {
    const g = definitionToGraph(JSON.parse(DOC));
    const byId = Object.fromEntries(g.edges.map((e) => [e.id, e.path]));
    expect(byId['start:StartAt']).toEqual(['StartAt']);
    expect(byId['next:States/A/Next']).toEqual(['States', 'A', 'Next']);
    expect(byId['catch:States/A/Catch/1/Next']).toEqual(['States', 'A', 'Catch', 1, 'Next']);
    expect(byId['choice:States/Check/Choices/0/Next']).toEqual(['States', 'Check', 'Choices', 0, 'Next']);
    expect(byId['default:States/Check/Default']).toEqual(['States', 'Check', 'Default']);
    expect(byId['end:States/Small']).toEqual(['States', 'Small']);
    expect(g.nodes.find((n) => n.id === 'Check')).toMatchObject({ kind: 'state', stateType: 'Choice', path: ['States', 'Check'], isGroup: false });
  });

  it('nests Parallel branches and Map processors as groups with their own markers', () => {
    const g = definitionToGraph(JSON.parse(NESTED));
    const parent = Object.fromEntries(g.nodes.map((n) => [n.id, n.parentId ?? null]));
    expect(parent).toEqual({
      __start: null,
      P: null,
      '__branch:States/P/Branches/0': 'P',
      '__start:States/P/Branches/0': '__branch:States/P/Branches/0',
      B1: '__branch:States/P/Branches/0',
      B2: '__branch:States/P/Branches/0',
      '__end:States/P/Branches/0': '__branch:States/P/Branches/0',
      '__branch:States/P/Branches/1': 'P',
      '__start:States/P/Branches/1': '__branch:States/P/Branches/1',
      C1: '__branch:States/P/Branches/1',
      '__end:States/P/Branches/1': '__branch:States/P/Branches/1',
      M: null,
      '__start:States/M/ItemProcessor': 'M',
      I1: 'M',
      '__end:States/M/ItemProcessor': 'M',
      Untouched: null,
      __end: null,
    });
    expect(g.nodes.filter((n) => n.isGroup).map((n) => n.id)).toEqual(['P', '__branch:States/P/Branches/0', '__branch:States/P/Branches/1', 'M']);
    const start = g.edges.find((e) => e.source === '__start:States/P/Branches/1')!;
    expect(start).toMatchObject({ kind: 'start', target: 'C1', path: ['States', 'P', 'Branches', 1, 'StartAt'] });
    expect(g.edges.find((e) => e.source === 'I1')).toMatchObject({ kind: 'end', target: '__end:States/M/ItemProcessor', path: ['States', 'M', 'ItemProcessor', 'States', 'I1'] });
  });

  it('reads the legacy Map Iterator', () => {
    const g = definitionToGraph({ StartAt: 'M', States: { M: { Type: 'Map', Iterator: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } }, End: true } } });
    expect(g.nodes.find((n) => n.id === 'X')?.parentId).toBe('M');
    expect(g.edges.find((e) => e.target === 'X')?.path).toEqual(['States', 'M', 'Iterator', 'StartAt']);
  });

  it.each([
    ['JSONata condition', { Condition: '{% $states.input.total > 100 %}', Next: 'B' }, '$states.input.total > 100'],
    ['And/Not', { And: [{ Variable: '$.a', StringEquals: 'x' }, { Not: { Variable: '$.b', IsPresent: true } }], Next: 'B' }, '$.a == "x" && !($.b is present)'],
    ['path comparison', { Variable: '$.a', NumericLessThanEqualsPath: '$.max', Next: 'B' }, '$.a <= $.max'],
    ['type test false', { Variable: '$.a', IsNull: false, Next: 'B' }, '$.a is not null'],
    ['unreadable rule falls back', { Next: 'B' }, 'Rule 1'],
  ])('labels choice rules: %s', (_reason, rule, label) => {
    const g = definitionToGraph({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [rule] }, B: { Type: 'Succeed' } } });
    expect(g.edges.find((e) => e.kind === 'choice')?.label).toBe(label);
  });

  it('never throws and skips what it cannot read', () => {
    for (const def of [null, undefined, 42, 'x', [], {}, { States: 3 }, { StartAt: 'Nope', States: { A: 1, B: null, C: { Type: 'Pass', Next: 'Missing' } } },
      { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [1, { States: [] }, null] }, M: { Type: 'Map', ItemProcessor: 'x' } } },
      { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [null, { Next: 5 }, { Next: 'C' }], Default: 7 }, T: { Catch: [null, { Next: 'C' }, { ErrorEquals: 'x', Next: 'Q' }] } } }]) {
      const g = definitionToGraph(def as object);
      const ids = new Set(g.nodes.map((n) => n.id));
      expect(ids.size).toBe(g.nodes.length);
      for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    }
    expect(summary({ StartAt: 'Nope', States: { A: 1, C: { Type: 'Pass', Next: 'Missing' } } })).toEqual([]);
  });

  it('keeps node ids unique when an invalid definition repeats a name or uses a marker id', () => {
    const g = definitionToGraph({ StartAt: '__start', States: { __start: { Type: 'Parallel', Branches: [{ StartAt: '__start', States: { __start: { Type: 'Pass', End: true } } }], End: true } } });
    const ids = g.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(g.nodes.filter((n) => n.kind === 'state').map((n) => n.label)).toEqual(['__start', '__start']);
  });
});
