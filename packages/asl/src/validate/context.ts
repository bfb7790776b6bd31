import { lineColOf } from '../parse/line-col.js';
import type { Diagnostic, JsonPath, QueryLanguage, Severity, TextRange } from '../types/common.js';

/** Where ranges come from: a parsed document, or nothing (plain objects: zero-length ranges at 0). */
export interface Locator {
  text: string;
  rangeOf(path: JsonPath): TextRange | undefined;
  keyRangeOf(path: JsonPath): TextRange | undefined;
}

/** The query language in force for a state: a known language, or `any` when inheritance is ambiguous. */
export type LangMode = QueryLanguage | 'any';

/** Where to underline: the value, the property key, or a sub-range of a string value. */
export type Anchor = 'value' | 'key' | { within: string; position: number };

/** Collects diagnostics and resolves their ranges. */
export class Ctx {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly loc: Locator) {}

  private resolve(path: JsonPath, anchor: Anchor): TextRange {
    if (anchor === 'key') {
      const k = this.loc.keyRangeOf(path);
      if (k) return k;
      // No key (the root, an array item): underline the opening character rather than the whole object.
      const r = this.loc.rangeOf(path);
      if (r) return { offset: r.offset, length: Math.min(1, r.length) };
    } else if (anchor !== 'value') {
      const r = this.loc.rangeOf(path);
      if (r) {
        const raw = this.loc.text.slice(r.offset, r.offset + r.length);
        const idx = raw.indexOf(anchor.within);
        if (idx >= 0 && anchor.within.length > 0) {
          const end = r.offset + idx + anchor.within.length;
          // An error at the very end ("missing ')'") underlines the last character.
          const start = r.offset + idx + Math.min(anchor.position, anchor.within.length - 1);
          return { offset: start, length: Math.max(1, end - start) };
        }
        return r;
      }
    }
    for (let n = path.length; n >= 0; n--) {
      const sub = path.slice(0, n);
      const r = this.loc.rangeOf(sub);
      if (r) return r;
    }
    return { offset: 0, length: 0 };
  }

  /** Records a diagnostic at `path`. */
  report(code: string, severity: Severity, message: string, path: JsonPath, anchor: Anchor = 'value'): void {
    const range = this.resolve(path, anchor);
    const { line, column } = lineColOf(this.loc.text, range.offset);
    this.diagnostics.push({ code, severity, message, range, path, line, column });
  }

  error(code: string, message: string, path: JsonPath, anchor: Anchor = 'value'): void {
    this.report(code, 'error', message, path, anchor);
  }

  warn(code: string, message: string, path: JsonPath, anchor: Anchor = 'value'): void {
    this.report(code, 'warning', message, path, anchor);
  }
}

/** Type guard for plain objects. */
export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short JSON-ish description of a value's type for messages ("a string", "an array", …). */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)})`;
  if (typeof v === 'number') return `a number (${v})`;
  if (typeof v === 'boolean') return `a boolean (${v})`;
  return typeof v;
}
