import { describe, expect, it } from 'vitest';
import type { StateMachine } from './types/index.js';
import { forEachState, stateScopes } from './walk.js';

const def = {
  StartAt: 'P',
  States: {
    P: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'B1', States: { B1: { Type: 'Pass', End: true } } },
        { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } }, End: true } } },
      ],
      Next: 'L',
    },
    L: { Type: 'Map', Iterator: { StartAt: 'J', States: { J: { Type: 'Pass', End: true } } }, End: true },
  },
} as unknown as StateMachine;

describe('forEachState', () => {
  it('visits every state depth-first with its path', () => {
    const seen: [string, string, (string | number)[]][] = [];
    forEachState(def, (name, state, path) => seen.push([name, state.Type, path]));
    expect(seen).toEqual([
      ['P', 'Parallel', ['States', 'P']],
      ['B1', 'Pass', ['States', 'P', 'Branches', 0, 'States', 'B1']],
      ['M', 'Map', ['States', 'P', 'Branches', 1, 'States', 'M']],
      ['I', 'Succeed', ['States', 'P', 'Branches', 1, 'States', 'M', 'ItemProcessor', 'States', 'I']],
      ['L', 'Map', ['States', 'L']],
      ['J', 'Pass', ['States', 'L', 'Iterator', 'States', 'J']],
    ]);
  });
  it.each([
    { reason: 'no States', def: { StartAt: 'A' } },
    { reason: 'a state that is not an object', def: { StartAt: 'A', States: { A: 1 } } },
    { reason: 'malformed branches', def: { StartAt: 'A', States: { A: { Type: 'Parallel', Branches: [null, 3] } } } },
  ])('tolerates $reason', ({ def: d }) => {
    expect(() => forEachState(d as unknown as StateMachine, () => {})).not.toThrow();
  });
});

describe('stateScopes', () => {
  it('lists the machine, branches and processors with their owners', () => {
    expect(stateScopes(def).map((s) => [s.kind, s.owner, s.startAt, s.names, s.path])).toEqual([
      ['machine', undefined, 'P', ['P', 'L'], []],
      ['branch', 'P', 'B1', ['B1'], ['States', 'P', 'Branches', 0]],
      ['branch', 'P', 'M', ['M'], ['States', 'P', 'Branches', 1]],
      ['processor', 'M', 'I', ['I'], ['States', 'P', 'Branches', 1, 'States', 'M', 'ItemProcessor']],
      ['processor', 'L', 'J', ['J'], ['States', 'L', 'Iterator']],
    ]);
  });
});
