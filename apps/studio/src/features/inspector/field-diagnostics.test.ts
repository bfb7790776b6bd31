import { describe, expect, it } from 'vitest';
import type { Diagnostic, JsonPath } from '@asl-studio/asl';
import { groupDiagnostics, placeOf } from './field-diagnostics';

const diag = (path: JsonPath | undefined, offset = 0): Diagnostic => ({
  code: 'X',
  severity: 'error',
  message: 'm',
  range: { offset, length: 1 },
  line: 1,
  column: 1,
  ...(path ? { path } : {}),
});

const TASK = { name: 'A', path: ['States', 'A'], type: 'Task' as const, lang: 'JSONPath' as const };

describe('placeOf', () => {
  it.each([
    ['a Retrier field', ['Retry', 0, 'MaxAttempts'], { anchor: 'Retry/0/MaxAttempts', tab: 'errors' }],
    ['an ErrorEquals element', ['Retry', 1, 'ErrorEquals', 0], { anchor: 'Retry/1/ErrorEquals', tab: 'errors' }],
    ['an unknown Retrier field', ['Retry', 0, 'Bogus'], { anchor: 'Retry/0', tab: 'errors' }],
    ['a Catcher Next', ['Catch', 0, 'Next'], { anchor: 'Catch/0/Next', tab: 'errors' }],
    ['inside Parameters', ['Parameters', 'Payload', 'x.$'], { anchor: 'Parameters', tab: 'config' }],
    ['ResultPath', ['ResultPath'], { anchor: 'ResultPath', tab: 'io' }],
    ['Next', ['Next'], { anchor: 'Next', tab: 'config' }],
  ] as const)('%s', (_reason, rel, place) => {
    expect(placeOf([...rel], TASK)).toEqual(place);
  });

  it('sends the state itself, unknown fields and wrong-language fields to the top', () => {
    expect(placeOf([], TASK)).toBeUndefined();
    expect(placeOf(['Bogus'], TASK)).toBeUndefined();
    expect(placeOf(['Output'], TASK)).toBeUndefined();
    expect(placeOf(['Parameters'], { type: 'Task', lang: 'JSONata' })).toBeUndefined();
  });

  it('sends a Catcher field of the other query language to its Catcher', () => {
    expect(placeOf(['Catch', 0, 'ResultPath'], { type: 'Task', lang: 'JSONata' })).toEqual({ anchor: 'Catch/0', tab: 'errors' });
    expect(placeOf(['Catch', 0, 'Output'], { type: 'Task', lang: 'JSONata' })).toEqual({ anchor: 'Catch/0/Output', tab: 'errors' });
    expect(placeOf(['Catch', 0, 'Output'], TASK)).toEqual({ anchor: 'Catch/0', tab: 'errors' });
  });

  it('places Choice rules and Map processor config', () => {
    const choice = { type: 'Choice' as const, lang: 'JSONPath' as const };
    expect(placeOf(['Choices', 2, 'Next'], choice)).toEqual({ anchor: 'Choices/2/Next', tab: 'config' });
    expect(placeOf(['Choices', 2, 'And', 0, 'Variable'], choice)).toEqual({ anchor: 'Choices/2', tab: 'config' });
    const map = { type: 'Map' as const, lang: 'JSONPath' as const };
    expect(placeOf(['ItemProcessor', 'ProcessorConfig', 'Mode'], map)).toEqual({ anchor: 'ProcessorConfig', tab: 'config' });
    expect(placeOf(['ItemProcessor', 'StartAt'], map)).toBeUndefined();
  });
});

describe('groupDiagnostics', () => {
  it('keeps the state’s own diagnostics, not those of other or nested states', () => {
    const diagnostics = [
      diag(['States', 'A', 'Retry', 0, 'MaxAttempts']),
      diag(['States', 'A', 'Retry', 0, 'BackoffRate']),
      diag(['States', 'A']),
      diag(['States', 'B', 'Next']),
      diag(['States', 'AB', 'Next']),
      diag(undefined, 15),
      diag(undefined, 500),
    ];
    const g = groupDiagnostics(diagnostics, TASK, { offset: 10, length: 100 });
    expect(Object.keys(g.byAnchor)).toEqual(['Retry/0/MaxAttempts', 'Retry/0/BackoffRate']);
    expect(g.top).toEqual([diagnostics[2], diagnostics[5]]);
    expect(g.perTab).toEqual({ errors: 2 });
  });

  it('skips diagnostics of states nested in a Parallel', () => {
    const view = { name: 'P', path: ['States', 'P'], type: 'Parallel' as const, lang: 'JSONPath' as const };
    const g = groupDiagnostics([diag(['States', 'P', 'Branches', 0, 'States', 'B1', 'Next']), diag(['States', 'P', 'Branches'])], view);
    expect(g.top).toEqual([]);
    expect(Object.keys(g.byAnchor)).toEqual(['Branches']);
  });
});
