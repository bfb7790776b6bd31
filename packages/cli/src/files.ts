import fs from 'node:fs';
import { parseDocument, validateDocument, type Diagnostic, type ParsedDocument } from '@asl-studio/asl';
import { parse as parseYaml } from 'yaml';

/** Reads a definition file (JSON or YAML) and validates it. */
export function loadDefinition(file: string): { doc: ParsedDocument; diagnostics: Diagnostic[] } {
  const text = fs.readFileSync(file, 'utf8');
  const doc = parseDocument(text, 'auto');
  return { doc, diagnostics: validateDocument(doc) };
}

/** Reads a JSON (or YAML) data file. */
export function loadData(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    return parseYaml(text);
  }
}
