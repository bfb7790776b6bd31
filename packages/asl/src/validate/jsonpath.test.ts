import { describe, expect, it } from 'vitest';
import { parseJsonPath } from './jsonpath.js';

describe('parseJsonPath: valid paths AWS accepts', () => {
  it.each([
    { path: '$', definite: true, reason: 'the whole input' },
    { path: '$.a.b', definite: true, reason: 'dot notation' },
    { path: '$.a[0].b', definite: true, reason: 'array index' },
    { path: '$.[0]', definite: true, reason: 'AWS accepts a dot before a bracket (corpus)' },
    { path: "$['a b']", definite: true, reason: 'quoted name with a space' },
    { path: '$["a"]["b"]', definite: true, reason: 'double-quoted names' },
    { path: '$$.Execution.Id', definite: true, reason: 'Context Object' },
    { path: '$$.Map.Item.Value', definite: true, reason: 'Map context' },
    { path: '$myVar', definite: true, reason: 'workflow variable' },
    { path: '$myVar.field[1]', definite: true, reason: 'variable with a path' },
    { path: '$.a[-1]', definite: true, reason: 'negative index (Jayway)' },
    { path: '$.a-b.c_d', definite: true, reason: 'names with dashes' },
    { path: '$.détail', definite: true, reason: 'non-ASCII names' },
    { path: '$..x', definite: false, reason: 'recursive descent' },
    { path: '$.a[*]', definite: false, reason: 'wildcard in brackets' },
    { path: '$.a.*', definite: false, reason: 'dot wildcard' },
    { path: '$.a[0,1]', definite: false, reason: 'index union' },
    { path: "$.a['x','y']", definite: false, reason: 'name union' },
    { path: '$.a[1:3]', definite: false, reason: 'slice' },
    { path: '$.a[:2]', definite: false, reason: 'slice without start' },
    { path: '$.a[?(@.x > 1)]', definite: false, reason: 'filter' },
    { path: "$.a[?(@.name == 'a]b')]", definite: false, reason: 'filter containing a bracket in a string' },
    { path: '$.a[?(@.x && (@.y || @.z))]', definite: false, reason: 'filter with nested parentheses' },
    { path: '$.a[(@.length-1)]', definite: false, reason: 'script expression' },
    { path: '$.a.length()', definite: false, reason: 'Jayway function' },
  ])('$path ($reason)', ({ path, definite }) => {
    const r = parseJsonPath(path);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.definite).toBe(definite);
  });

  it('reports the root kind and segments', () => {
    expect(parseJsonPath('$$.Execution.Id')).toMatchObject({ ok: true, root: '$$', segments: [{ type: 'property', name: 'Execution' }, { type: 'property', name: 'Id' }] });
    expect(parseJsonPath('$v.a')).toMatchObject({ ok: true, root: 'variable', variable: 'v' });
    expect(parseJsonPath("$['a'][2]")).toMatchObject({ ok: true, segments: [{ type: 'property', name: 'a' }, { type: 'index', index: 2 }] });
  });
});

describe('parseJsonPath: malformed paths', () => {
  it.each([
    { path: '', reason: 'empty' },
    { path: 'a.b', reason: 'does not start with $' },
    { path: '$.', reason: 'ends with a dot' },
    { path: '$..', reason: 'ends with ..' },
    { path: '$.a..', reason: 'trailing recursive descent' },
    { path: '$.a[', reason: 'unclosed bracket' },
    { path: '$.a[0', reason: 'unclosed index' },
    { path: '$.a]', reason: 'stray closing bracket' },
    { path: '$.a[]', reason: 'empty brackets' },
    { path: '$.a[abc]', reason: 'unquoted name in brackets' },
    { path: "$.a['x]", reason: 'unterminated quote' },
    { path: '$.a[?(@.x]', reason: 'unbalanced filter parentheses' },
    { path: '$.a[?@.x]', reason: 'filter without parentheses' },
    { path: '$.a[0,]', reason: 'trailing comma in union' },
    { path: '$a b', reason: 'junk after a variable name' },
    { path: '$.a.length().b', reason: 'a function must end the path' },
  ])('$path ($reason)', ({ path }) => {
    const r = parseJsonPath(path);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.length).toBeGreaterThan(5);
      expect(r.position).toBeGreaterThanOrEqual(0);
      expect(r.position).toBeLessThanOrEqual(path.length);
    }
  });
});
