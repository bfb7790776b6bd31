import { describe, expect, it } from 'vitest';
import type { StateMachine } from '@asl-studio/asl';
import { endLabel, fieldsOfTab, hasTransition, mapMode, processorConfigFor, stateView, tabOfField, tabsFor, transitionOf } from './model';

const DEF = {
  QueryLanguage: 'JSONPath',
  StartAt: 'A',
  States: {
    A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'P' },
    P: {
      Type: 'Parallel',
      Branches: [{ StartAt: 'B1', States: { B1: { Type: 'Pass', QueryLanguage: 'JSONata', Next: 'B2' }, B2: { Type: 'Succeed' } } }],
      Next: 'M',
    },
    M: { Type: 'Map', Iterator: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true },
  },
} as unknown as StateMachine;

describe('stateView', () => {
  it('finds top-level and nested states with their scope and effective query language', () => {
    expect(stateView(DEF, 'A')).toMatchObject({ path: ['States', 'A'], scopePath: [], scopeKind: 'machine', type: 'Task', lang: 'JSONPath', scopeNames: ['A', 'P', 'M'] });
    expect(stateView(DEF, 'B1')).toMatchObject({ scopePath: ['States', 'P', 'Branches', 0], scopeKind: 'branch', lang: 'JSONata', machineLang: 'JSONPath', scopeNames: ['B1', 'B2'] });
    expect(stateView(DEF, 'I')).toMatchObject({ scopePath: ['States', 'M', 'Iterator'], scopeKind: 'processor' });
    expect(stateView(DEF, 'Nope')).toBeUndefined();
    expect(stateView(undefined, 'A')).toBeUndefined();
  });

  it('leaves an unknown Type undefined', () => {
    const def = { StartAt: 'X', States: { X: { Type: 'Bogus' } } } as unknown as StateMachine;
    expect(stateView(def, 'X')?.type).toBeUndefined();
  });
});

describe('tabs', () => {
  it.each([
    ['Task', ['config', 'io', 'variables', 'errors', 'json']],
    ['Parallel', ['config', 'io', 'variables', 'errors', 'json']],
    ['Map', ['config', 'io', 'variables', 'errors', 'json']],
    ['Pass', ['config', 'io', 'variables', 'json']],
    ['Choice', ['config', 'io', 'variables', 'json']],
    ['Wait', ['config', 'io', 'variables', 'json']],
    ['Succeed', ['config', 'io', 'json']],
    ['Fail', ['config', 'json']],
    [undefined, ['config', 'json']],
  ] as const)('%s has %j', (type, tabs) => {
    expect(tabsFor(type)).toEqual(tabs);
  });

  it('places fields by query language (Task API parameters in Configuration)', () => {
    expect(tabOfField('Task', 'JSONPath', 'Parameters')).toBe('config');
    expect(tabOfField('Task', 'JSONata', 'Parameters')).toBeUndefined();
    expect(tabOfField('Task', 'JSONata', 'Arguments')).toBe('config');
    expect(tabOfField('Parallel', 'JSONata', 'Arguments')).toBe('io');
    expect(tabOfField('Pass', 'JSONPath', 'Parameters')).toBe('io');
    expect(tabOfField('Task', 'JSONPath', 'Retry')).toBe('errors');
    expect(tabOfField('Pass', 'JSONPath', 'Retry')).toBeUndefined();
    expect(tabOfField('Task', 'JSONPath', 'Assign')).toBe('variables');
    expect(tabOfField('Task', 'JSONPath', 'Bogus')).toBeUndefined();
    expect(fieldsOfTab('Succeed', 'JSONata', 'io')).toEqual(['Output']);
    expect(fieldsOfTab('Wait', 'JSONata', 'config')).toEqual(['Comment', 'QueryLanguage', 'Next', 'End', 'Seconds', 'Timestamp']);
  });
});

describe('transitions and Map mode', () => {
  it('reads Next / End', () => {
    expect(transitionOf({ Next: 'B' })).toEqual({ kind: 'next', target: 'B' });
    expect(transitionOf({ End: true })).toEqual({ kind: 'end' });
    expect(transitionOf({})).toEqual({ kind: 'none' });
    expect(hasTransition('Choice')).toBe(false);
    expect(hasTransition('Task')).toBe(true);
    expect(endLabel('machine')).toBe('End of workflow');
    expect(endLabel('branch')).toBe('End of branch');
  });

  it('switches ProcessorConfig between INLINE and DISTRIBUTED (ExecutionType only when distributed)', () => {
    const inline = { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'I', States: {} } };
    expect(mapMode(inline)).toBe('INLINE');
    expect(processorConfigFor(inline, 'DISTRIBUTED')).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    const dist = { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } } };
    expect(mapMode(dist)).toBe('DISTRIBUTED');
    expect(processorConfigFor(dist, 'DISTRIBUTED')).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' });
    expect(processorConfigFor(dist, 'INLINE')).toEqual({ Mode: 'INLINE' });
    expect(processorConfigFor({ Type: 'Map' }, 'INLINE')).toEqual({ Mode: 'INLINE' });
  });
});
