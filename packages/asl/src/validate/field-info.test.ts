import { describe, expect, it } from 'vitest';
import { FIELD_INFO } from './field-info.js';
import { STATE_FIELDS } from './fields.js';

describe('FIELD_INFO', () => {
  it('describes every field allowed on some state', () => {
    const all = new Set(Object.values(STATE_FIELDS).flatMap((t) => [...t.common, ...t.JSONPath, ...t.JSONata]));
    expect([...all].filter((f) => !FIELD_INFO[f])).toEqual([]);
  });
  it.each(Object.entries(FIELD_INFO))('%s has a description and a doc page', (_f, info) => {
    expect(info.description.length).toBeGreaterThan(10);
    expect(info.doc).toMatch(/\.html$/);
  });
});
