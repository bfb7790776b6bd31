import { describe, expect, it } from 'vitest';
import { STATE_TYPES } from '../types/index.js';
import { isFieldAllowed, STATE_FIELDS } from './fields.js';

describe('STATE_FIELDS', () => {
  it('covers the eight state types', () => {
    expect(Object.keys(STATE_FIELDS).sort()).toEqual([...STATE_TYPES].sort());
  });
  it.each([
    { type: 'Task', field: 'Parameters', lang: 'JSONPath', allowed: true, reason: 'JSONPath payload template' },
    { type: 'Task', field: 'Parameters', lang: 'JSONata', allowed: false, reason: 'JSONata uses Arguments' },
    { type: 'Task', field: 'Arguments', lang: 'JSONata', allowed: true, reason: 'JSONata request' },
    { type: 'Task', field: 'Arguments', lang: 'JSONPath', allowed: false, reason: 'JSONPath uses Parameters' },
    { type: 'Task', field: 'Arguments', lang: 'any', allowed: true, reason: 'ambiguous language accepts both' },
    { type: 'Pass', field: 'Result', lang: 'JSONPath', allowed: true, reason: 'Pass Result' },
    { type: 'Map', field: 'ItemSelector', lang: 'JSONata', allowed: true, reason: 'ItemSelector exists in both languages' },
    { type: 'Map', field: 'Items', lang: 'JSONPath', allowed: false, reason: 'Items is JSONata-only' },
    { type: 'Choice', field: 'End', lang: 'JSONPath', allowed: false, reason: 'a Choice state cannot end' },
    { type: 'Fail', field: 'Next', lang: 'JSONPath', allowed: false, reason: 'Fail is terminal' },
    { type: 'Fail', field: 'ErrorPath', lang: 'JSONata', allowed: false, reason: 'ErrorPath is JSONPath-only' },
    { type: 'Wait', field: 'Assign', lang: 'JSONata', allowed: true, reason: 'Assign in both languages' },
  ] as const)('$type.$field in $lang: $reason', ({ type, field, lang, allowed }) => {
    expect(isFieldAllowed(type, field, lang)).toBe(allowed);
  });
});
