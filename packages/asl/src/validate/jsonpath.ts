/**
 * A JSONPath syntax checker and segment parser for the forms AWS Step Functions accepts (Jayway JsonPath dialect):
 * `$` (state input), `$$` (Context Object), `$varName` (workflow variable), dot and bracket notation,
 * `$.[0]`, `$['a b']`, unions `[0,1]`/`['a','b']`, slices `[1:3]`, wildcards `.*`/`[*]`, recursive descent `..`,
 * filters `[?(@.x > 1)]`, scripts `[(@.length-1)]` and trailing functions `.length()`.
 *
 * AWS: dg/amazon-states-language-paths.html ("Reference Paths"); spec: states-language.net/spec.html#path
 */

/** One step of a parsed path. */
export type JsonPathSegment =
  | { type: 'property'; name: string; recursive?: boolean }
  | { type: 'wildcard'; recursive?: boolean }
  | { type: 'index'; index: number; recursive?: boolean }
  | { type: 'union'; members: (string | number)[]; recursive?: boolean }
  | { type: 'slice'; start?: number; end?: number; step?: number; recursive?: boolean }
  | { type: 'filter'; expression: string; recursive?: boolean }
  | { type: 'script'; expression: string; recursive?: boolean }
  | { type: 'function'; name: string; args: string };

/** Result of `parseJsonPath`. */
export type JsonPathParseResult =
  | {
      ok: true;
      /** `$` input, `$$` Context Object, or a variable (`$name`). */
      root: '$' | '$$' | 'variable';
      /** Variable name, when root is `variable`. */
      variable?: string;
      segments: JsonPathSegment[];
      /** True when the path selects at most one node (a Reference Path: no wildcard, filter, slice, union, `..`). */
      definite: boolean;
    }
  | {
      ok: false;
      /** What is wrong, e.g. "Unclosed bracket '['". */
      error: string;
      /** 0-based index in the path string where the problem was found. */
      position: number;
    };

const isIdentStart = (c: string) => /[A-Za-z_]/.test(c);
const isIdentPart = (c: string) => /[A-Za-z0-9_]/.test(c);

/**
 * Parses a JSONPath string. Pure; never throws.
 * @example parseJsonPath('$.items[0].name') // { ok: true, root: '$', definite: true, segments: [...] }
 * @example parseJsonPath('$.a[') // { ok: false, error: "Unclosed bracket '['", position: 3 }
 */
export function parseJsonPath(path: string): JsonPathParseResult {
  if (typeof path !== 'string' || path.length === 0) return { ok: false, error: 'Path is empty', position: 0 };
  if (path[0] !== '$') return { ok: false, error: "A path must start with '$'", position: 0 };
  let i = 1;
  let root: '$' | '$$' | 'variable' = '$';
  let variable: string | undefined;
  if (path[1] === '$') {
    root = '$$';
    i = 2;
  } else if (i < path.length && isIdentStart(path[1])) {
    root = 'variable';
    while (i < path.length && isIdentPart(path[i])) i++;
    variable = path.slice(1, i);
  }
  const segments: JsonPathSegment[] = [];
  const n = path.length;
  const fail = (error: string, position: number): JsonPathParseResult => ({ ok: false, error, position });

  while (i < n) {
    const c = path[i];
    if (c === '.') {
      let recursive = false;
      i++;
      if (path[i] === '.') {
        recursive = true;
        i++;
      }
      if (i >= n) return fail(`Path ends with '${recursive ? '..' : '.'}'`, i - 1);
      if (path[i] === '*') {
        segments.push({ type: 'wildcard', recursive });
        i++;
        continue;
      }
      if (path[i] === '[') {
        const r = parseBracket(path, i, recursive);
        if ('error' in r) return fail(r.error, r.position);
        segments.push(r.segment);
        i = r.end;
        continue;
      }
      if (path[i] === '.') return fail("Unexpected '.' (empty property name)", i);
      // Dot-notation name: up to the next '.', '[' or '(' (a function call).
      const start = i;
      while (i < n && path[i] !== '.' && path[i] !== '[' && path[i] !== '(') {
        if (path[i] === ']') return fail("Unexpected ']'", i);
        i++;
      }
      const name = path.slice(start, i);
      if (path[i] === '(') {
        const close = findClose(path, i, '(', ')');
        if (close < 0) return fail("Unclosed parenthesis '('", i);
        segments.push({ type: 'function', name, args: path.slice(i + 1, close) });
        i = close + 1;
        if (i < n) return fail('A function call must end the path', i);
        continue;
      }
      segments.push({ type: 'property', name, recursive });
      continue;
    }
    if (c === '[') {
      const r = parseBracket(path, i, false);
      if ('error' in r) return fail(r.error, r.position);
      segments.push(r.segment);
      i = r.end;
      continue;
    }
    return fail(`Unexpected character '${c}'`, i);
  }
  const definite = segments.every(
    (s) => (s.type === 'property' || s.type === 'index') && !s.recursive,
  );
  const res: JsonPathParseResult = { ok: true, root, segments, definite };
  if (variable !== undefined) res.variable = variable;
  return res;
}

/** Index of the matching close char, skipping quoted strings; -1 if unbalanced. */
function findClose(s: string, openAt: number, open: string, close: string): number {
  let depth = 0;
  for (let i = openAt; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"') {
      const q = c;
      i++;
      while (i < s.length && s[i] !== q) {
        if (s[i] === '\\') i++;
        i++;
      }
      if (i >= s.length) return -1;
      continue;
    }
    if (c === open) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

type BracketResult = { segment: JsonPathSegment; end: number } | { error: string; position: number };

function parseBracket(path: string, at: number, recursive: boolean): BracketResult {
  const close = findClose(path, at, '[', ']');
  if (close < 0) return { error: "Unclosed bracket '['", position: at };
  const inner = path.slice(at + 1, close).trim();
  const end = close + 1;
  if (inner === '') return { error: "Empty brackets '[]'", position: at };
  if (inner === '*') return { segment: { type: 'wildcard', recursive }, end };
  if (inner.startsWith('?')) {
    const rest = inner.slice(1).trim();
    if (!rest.startsWith('(') || !rest.endsWith(')') || findClose(rest, 0, '(', ')') !== rest.length - 1) {
      return { error: 'A filter must be written [?(<expression>)]', position: at };
    }
    if (rest.slice(1, -1).trim() === '') return { error: 'Empty filter expression', position: at };
    return { segment: { type: 'filter', expression: rest.slice(1, -1), recursive }, end };
  }
  if (inner.startsWith('(')) {
    if (findClose(inner, 0, '(', ')') !== inner.length - 1) return { error: 'Unbalanced parentheses in script', position: at };
    return { segment: { type: 'script', expression: inner.slice(1, -1), recursive }, end };
  }
  // Union of quoted names / integers, or a slice.
  const members: (string | number)[] = [];
  let j = 0;
  const s = inner;
  if (/^-?\d*\s*:\s*-?\d*(\s*:\s*-?\d*)?$/.test(s)) {
    const [a, b, c] = s.split(':').map((x) => x.trim());
    const seg: JsonPathSegment = { type: 'slice', recursive };
    if (a) seg.start = Number(a);
    if (b) seg.end = Number(b);
    if (c) seg.step = Number(c);
    return { segment: seg, end };
  }
  while (j < s.length) {
    while (s[j] === ' ') j++;
    const c = s[j];
    if (c === "'" || c === '"') {
      let k = j + 1;
      let name = '';
      while (k < s.length && s[k] !== c) {
        if (s[k] === '\\' && k + 1 < s.length) {
          name += s[k + 1];
          k += 2;
          continue;
        }
        name += s[k];
        k++;
      }
      if (k >= s.length) return { error: 'Unterminated quoted name in brackets', position: at + 1 + j };
      members.push(name);
      j = k + 1;
    } else {
      const m = /^-?\d+/.exec(s.slice(j));
      if (!m) {
        return { error: `Invalid bracket content '${inner}': expected a quoted name, an index, '*', a slice or a filter`, position: at + 1 };
      }
      members.push(Number(m[0]));
      j += m[0].length;
    }
    while (s[j] === ' ') j++;
    if (j < s.length) {
      if (s[j] !== ',') return { error: `Expected ',' or ']' in brackets`, position: at + 1 + j };
      j++;
      if (j >= s.length) return { error: "Trailing ',' in brackets", position: at + 1 + j };
    }
  }
  if (members.length === 1) {
    const m = members[0];
    return { segment: typeof m === 'number' ? { type: 'index', index: m, recursive } : { type: 'property', name: m, recursive }, end };
  }
  return { segment: { type: 'union', members, recursive }, end };
}
