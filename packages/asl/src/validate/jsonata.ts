import jsonata from 'jsonata';

/** Whether a string is a JSONata expression holder: it starts with `{%` and ends with `%}`. AWS dg/transforming-data.html */
export function isJsonataString(s: unknown): s is string {
  return typeof s === 'string' && s.length >= 4 && s.startsWith('{%') && s.endsWith('%}');
}

/** Result of `checkJsonata`: `position` is a 0-based index into the *whole* `{% … %}` string. */
export type JsonataCheckResult = { ok: true } | { ok: false; error: string; position: number };

const cache = new Map<string, JsonataCheckResult>();

/**
 * Syntax-checks the expression inside a `{% … %}` string with the jsonata 2.0.6 parser (the version Step Functions
 * runs). Results are memoised (the studio re-validates on every keystroke). Pure; never throws.
 */
export function checkJsonata(holder: string): JsonataCheckResult {
  const hit = cache.get(holder);
  if (hit) return hit;
  const expr = holder.slice(2, -2);
  let res: JsonataCheckResult;
  if (expr.trim() === '') {
    res = { ok: false, error: 'Empty JSONata expression', position: 2 };
  } else {
    try {
      jsonata(expr);
      res = { ok: true };
    } catch (e) {
      const err = e as { message?: string; position?: number; token?: string; code?: string };
      const pos = typeof err.position === 'number' ? Math.max(0, Math.min(expr.length, err.position - 1)) : 0;
      res = { ok: false, error: `${err.message ?? String(e)}${err.code ? ` (${err.code})` : ''}`, position: 2 + pos };
    }
  }
  if (cache.size > 5000) cache.clear();
  cache.set(holder, res);
  return res;
}
