import type { ParsedDocument } from '../parse/document.js';
import type { Diagnostic } from '../types/common.js';
import { Ctx, type Locator } from './context.js';
import { checkMachine } from './machine.js';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function sortDiagnostics(d: Diagnostic[]): Diagnostic[] {
  return d.sort((a, b) => a.range.offset - b.range.offset || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/**
 * All validation diagnostics (plus the syntax ones) for a parsed document, sorted by position. Pure; never throws.
 * When the text has syntax errors, only those are returned (a recovered, partial tree would give misleading errors).
 * Codes: see the package README. Spec: states-language.net/spec.html; AWS ValidateStateMachineDefinition.
 * @example validateDocument(parseDocument(text)).filter((d) => d.severity === 'error')
 */
export function validateDocument(doc: ParsedDocument): Diagnostic[] {
  if (doc.diagnostics.some((d) => d.severity === 'error')) return sortDiagnostics([...doc.diagnostics]);
  const ctx = new Ctx({ text: doc.text, rangeOf: doc.rangeOf, keyRangeOf: doc.keyRangeOf });
  checkMachine(ctx, doc.definition);
  return sortDiagnostics([...doc.diagnostics, ...ctx.diagnostics]);
}

const NO_TEXT: Locator = { text: '', rangeOf: () => undefined, keyRangeOf: () => undefined };

/**
 * Convenience: validates a plain definition object. Ranges are zero-length at offset 0 (line 1, column 1); use
 * `path` to locate problems. Pure; never throws.
 * @example
 * validateDefinition({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } });
 * // [{ code: 'INVALID_NEXT', severity: 'error', path: ['States','A','Next'],
 * //    message: "Next target 'B' of state 'A' is not a state in this scope", … }, { code: 'NO_TERMINAL_STATE', … }]
 */
export function validateDefinition(def: unknown): Diagnostic[] {
  const ctx = new Ctx(NO_TEXT);
  checkMachine(ctx, def);
  return ctx.diagnostics;
}
