import { describe, expect, it } from 'vitest';
import { addErrorName, matchesAll, newBranch, newCatcher, newChoiceRule, newRetrier, ruleCondition, ruleWithCondition } from './list-items';

describe('newRetrier / newCatcher', () => {
  it('appends a States.ALL retrier with the spec defaults written out', () => {
    expect(newRetrier(undefined)).toEqual({ index: 0, value: { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 } });
    expect(newRetrier([{ ErrorEquals: ['X'] }]).index).toBe(1);
  });

  it('goes before a last States.ALL item (which must stay last) and matches States.TaskFailed', () => {
    const r = newRetrier([{ ErrorEquals: ['X'] }, { ErrorEquals: ['States.ALL'] }]);
    expect(r).toMatchObject({ index: 1, value: { ErrorEquals: ['States.TaskFailed'] } });
    const c = newCatcher([{ ErrorEquals: ['States.ALL'], Next: 'F' }], { names: ['A', 'F'], self: 'A', lang: 'JSONPath' });
    expect(c).toMatchObject({ index: 0, value: { ErrorEquals: ['States.TaskFailed'] } });
  });

  it('sends a new catcher to a Fail state of the scope, else the first other state; ResultPath only in JSONPath', () => {
    expect(newCatcher([], { names: ['A', 'B', 'Oops'], self: 'A', failStates: ['Oops'], lang: 'JSONPath' }).value).toEqual({ ErrorEquals: ['States.ALL'], Next: 'Oops', ResultPath: '$.error' });
    expect(newCatcher([], { names: ['A', 'B'], self: 'A', lang: 'JSONata' }).value).toEqual({ ErrorEquals: ['States.ALL'], Next: 'B' });
    expect(newCatcher([], { names: ['A'], self: 'A', lang: 'JSONata' }).value.Next).toBe('A');
  });

  it('recognises States.ALL items', () => {
    expect(matchesAll({ ErrorEquals: ['States.ALL'] })).toBe(true);
    expect(matchesAll({ ErrorEquals: ['X'] })).toBe(false);
    expect(matchesAll(null)).toBe(false);
  });
});

describe('Choice rules', () => {
  it('adds a rule per query language', () => {
    expect(newChoiceRule([{}], { names: ['C', 'X'], self: 'C', lang: 'JSONPath' })).toEqual({ index: 1, value: { Variable: '$.value', IsPresent: true, Next: 'X' } });
    expect(newChoiceRule([], { names: ['C', 'X'], self: 'C', lang: 'JSONata' }).value).toEqual({ Condition: '{% true %}', Next: 'X' });
  });

  it('edits the condition and keeps Next where it was', () => {
    const rule = { Variable: '$.a', NumericEquals: 1, Next: 'B', Comment: 'c' };
    expect(ruleCondition(rule)).toEqual({ Variable: '$.a', NumericEquals: 1, Comment: 'c' });
    const edited = ruleWithCondition(rule, { Variable: '$.b', StringEquals: 'x', Comment: 'c' });
    expect(Object.keys(edited)).toEqual(['Variable', 'StringEquals', 'Next', 'Comment']);
    expect(edited).toEqual({ Variable: '$.b', StringEquals: 'x', Next: 'B', Comment: 'c' });
    expect(ruleWithCondition({ Variable: '$.a' }, { Not: {} })).toEqual({ Not: {} });
    expect(ruleWithCondition(rule, { Next: 'Ignored', Variable: '$.a', IsNull: true })).toEqual({ Variable: '$.a', IsNull: true, Next: 'B' });
  });
});

describe('ErrorEquals and branches', () => {
  it('adds error names, refusing duplicates, empties and unknown States.* names', () => {
    expect(addErrorName(['A'], ' States.Timeout ')).toEqual({ ok: true, value: ['A', 'States.Timeout'] });
    expect(addErrorName(['A'], 'A').ok).toBe(false);
    expect(addErrorName([], '  ').ok).toBe(false);
    expect(addErrorName([], 'States.Bogus').ok).toBe(false);
    expect(addErrorName([], 'Lambda.ServiceException')).toEqual({ ok: true, value: ['Lambda.ServiceException'] });
  });

  it('makes a branch with a machine-wide unique Pass name', () => {
    const def = { StartAt: 'Pass', States: { Pass: { Type: 'Pass', End: true } } };
    expect(newBranch(def)).toEqual({ StartAt: 'Pass 2', States: { 'Pass 2': { Type: 'Pass', End: true } } });
  });
});
