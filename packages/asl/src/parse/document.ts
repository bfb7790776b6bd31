import { stringify as yamlStringify } from 'yaml';
import type { Diagnostic, JsonPath, TextRange } from '../types/common.js';
import type { StateMachine } from '../types/index.js';
import type { DuplicateKey } from './duplicate-keys.js';
import { parseJsonText } from './json.js';
import { lineColOf } from './line-col.js';
import { findPos, type PosNode } from './pos-tree.js';
import { parseYamlText } from './yaml.js';

/** Result of parsing; never throws. `definition` is undefined when the text is not a JSON/YAML object. */
export interface ParsedDocument {
  /** The text parsed. */
  text: string;
  /** The syntax used (after `auto` detection). */
  format: 'json' | 'yaml';
  /**
   * The plain JS value (as `JSON.parse` would give), typed. With syntax errors this is the value recovered by the
   * parser (possibly partial); it is undefined when the root is not an object.
   */
  definition: StateMachine | undefined;
  /** Syntax errors only (code `JSON_SYNTAX` / `YAML_SYNTAX`; validation is separate, see `validateDocument`). */
  diagnostics: Diagnostic[];
  /** Source range of the value at a JSON path (state, field, …), if present. */
  rangeOf(path: JsonPath): TextRange | undefined;
  /** Source range of the property key at a JSON path, if present (undefined for array items and the root). */
  keyRangeOf(path: JsonPath): TextRange | undefined;
}

/** Makes a diagnostic with its 1-based line/column computed from `text`. */
export function makeDiagnostic(
  text: string,
  code: string,
  severity: Diagnostic['severity'],
  message: string,
  range: TextRange,
  path?: JsonPath,
): Diagnostic {
  const { line, column } = lineColOf(text, range.offset);
  const d: Diagnostic = { code, severity, message, range, line, column };
  if (path) d.path = path;
  return d;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Detects YAML vs JSON: JSON when the first non-blank character is `{` or `[` (or the text is blank), else YAML. */
export function detectFormat(text: string): 'json' | 'yaml' {
  const t = text.trimStart();
  return t === '' || t.startsWith('{') || t.startsWith('[') ? 'json' : 'yaml';
}

function buildDocument(text: string, format: 'json' | 'yaml', root: () => PosNode | undefined, value: unknown,
  diagnostics: Diagnostic[]): ParsedDocument {
  return {
    text,
    format,
    definition: isObject(value) ? (value as StateMachine) : undefined,
    diagnostics,
    rangeOf(path) {
      const n = findPos(root(), path);
      return n ? { ...n.range } : undefined;
    },
    keyRangeOf(path) {
      const n = findPos(root(), path);
      return n?.keyRange ? { ...n.keyRange } : undefined;
    },
  };
}

function reportDuplicates(text: string, dups: DuplicateKey[], out: Diagnostic[]): void {
  for (const d of dups) {
    out.push(makeDiagnostic(text, 'DUPLICATE_KEY', 'warning',
      `Duplicate key '${d.key}'${d.objectPath.length ? ` in ${d.objectPath.join('.')}` : ''}: only the last value is used`,
      { offset: d.offset, length: d.length }, [...d.objectPath, d.key]));
  }
}

/**
 * Parses an ASL definition (JSON or YAML) into a positioned document. Pure; never throws.
 *
 * - JSON is strict (RFC 8259: no comments, no trailing commas); each syntax error becomes a `JSON_SYNTAX` error
 *   diagnostic with its line/column. The parser recovers, so `definition` may be partial.
 * - YAML (1.2, via the `yaml` package) errors become `YAML_SYNTAX`; its warnings (e.g. an unresolved CloudFormation
 *   tag such as `!Sub`, kept as a plain string) become `YAML_WARNING` warnings.
 * - `format: 'auto'` (the default) picks JSON when the text starts with `{` (after whitespace), else YAML.
 * - A key repeated in one object gives a `DUPLICATE_KEY` warning (the last value wins, as in JSON.parse).
 * - A root that is not an object gives `definition: undefined` and a `NOT_AN_OBJECT` error.
 *
 * @example
 * const doc = parseDocument('{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}');
 * doc.rangeOf(['States', 'A']); // { offset: 29, length: 18 }
 */
export function parseDocument(text: string, format: 'json' | 'yaml' | 'auto' = 'auto'): ParsedDocument {
  const fmt = format === 'auto' ? detectFormat(text) : format;
  const diagnostics: Diagnostic[] = [];
  if (fmt === 'yaml') return fromYaml(text);
  const res = parseJsonText(text);
  for (const e of res.errors) {
    const { line, column } = lineColOf(text, e.offset);
    diagnostics.push(makeDiagnostic(text, 'JSON_SYNTAX', 'error', `JSON syntax error at line ${line}, column ${column}: ${e.message}`,
      { offset: e.offset, length: e.length }));
  }
  reportDuplicates(text, res.duplicates, diagnostics);
  if (res.errors.length === 0 && !isObject(res.value)) {
    diagnostics.push(makeDiagnostic(text, 'NOT_AN_OBJECT', 'error', 'A state machine definition must be a JSON object',
      res.root()?.range ?? { offset: 0, length: 0 }));
  }
  return buildDocument(text, 'json', res.root, res.value, diagnostics);
}

/**
 * Parses a YAML definition (`.asl.yaml`) into a positioned document; ranges come from the yaml AST nodes.
 * Pure; never throws. Syntax errors have code `YAML_SYNTAX`.
 */
export function fromYaml(text: string): ParsedDocument {
  const res = parseYamlText(text);
  const diagnostics: Diagnostic[] = [];
  for (const e of res.errors) {
    const { line, column } = lineColOf(text, e.offset);
    diagnostics.push(makeDiagnostic(text, 'YAML_SYNTAX', 'error', `YAML syntax error at line ${line}, column ${column}: ${e.message}`,
      { offset: e.offset, length: e.length }));
  }
  reportDuplicates(text, res.duplicates, diagnostics);
  for (const w of res.warnings) {
    diagnostics.push(makeDiagnostic(text, 'YAML_WARNING', 'warning', `YAML: ${w.message}`, { offset: w.offset, length: w.length }));
  }
  if (res.errors.length === 0 && !isObject(res.value)) {
    diagnostics.push(makeDiagnostic(text, 'NOT_AN_OBJECT', 'error', 'A state machine definition must be a YAML mapping',
      res.root?.range ?? { offset: 0, length: 0 }));
  }
  return buildDocument(text, 'yaml', () => res.root, res.value, diagnostics);
}

/**
 * Serialises a definition (any JSON value) as YAML 1.2 block style, keys in insertion order, 2-space indent,
 * no line folding. `fromYaml(toYaml(x)).definition` deep-equals `x`. Pure.
 */
export function toYaml(def: unknown): string {
  return yamlStringify(def, { indent: 2, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}
