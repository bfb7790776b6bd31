import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.js';
import { numericText } from './shared.js';

describe('numericText: a <field>Path value given as a string', () => {
  it.each([
    ['1', 'integer', 1, 'digits'],
    ['-1', 'integer', -1, 'signed (the range check comes later)'],
    ['1.5', 'integer', undefined, 'not an integer'],
    ['NoNumber', 'integer', undefined, 'not a number (AWS: "… is not a valid integer")'],
    ['', 'integer', undefined, 'empty'],
    ['1.5', 'float', 1.5, 'decimal'],
    ['2e3', 'float', 2000, 'exponent'],
    ['NoNumber', 'float', undefined, 'not a number (AWS: "… is not a valid float")'],
  ] as [string, 'integer' | 'float', number | undefined, string][])('%s as %s → %s (%s)', (s, kind, want) => {
    expect(numericText(s, kind)).toBe(want);
  });
});

describe('Map: MaxConcurrencyPath / ToleratedFailure*Path referring to a numeric string', () => {
  it('runs, as AWS does for the variable value "1"', async () => {
    const def = {
      StartAt: 'Start',
      States: {
        Start: { Type: 'Pass', Assign: { mc: '1', count: '1', pct: '1.5' }, Result: { Values: [1, 2] }, Next: 'M' },
        M: {
          Type: 'Map', ItemsPath: '$.Values', MaxConcurrencyPath: '$mc', ToleratedFailureCountPath: '$count',
          ToleratedFailurePercentagePath: '$pct',
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
    expect(await run(def)).toMatchObject({ status: 'SUCCEEDED', output: [1, 2] });
    const bad = { ...def, States: { ...def.States, Start: { ...def.States.Start, Assign: { mc: 'NoNumber', count: '1', pct: '1' } } } };
    expect(await run(bad)).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});
