/**
 * False-positive oracles: real AWS definitions must validate without errors.
 * 1. /work/shared/corpus/defs — 162 definitions from AWS's public samples (a few AWS documents as invalid; listed
 *    below with the reason and the documentation that shows it).
 * 2. /work/shared/conformance/cases — 593 executions recorded against real AWS: every definition there was accepted
 *    by AWS (no case expects a validation failure: their `expect` is SUCCEEDED or a runtime FAILED).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromYaml, parseDocument, toYaml, validateDefinition, validateDocument } from './index.js';

const shared = fileURLToPath(new URL('../../../../shared/', import.meta.url));
const corpusDir = join(shared, 'corpus/defs');
const casesDir = join(shared, 'conformance/cases');

/** Corpus definitions that AWS's documentation shows to be invalid: file → expected error codes, reason, doc. */
const KNOWN_INVALID: Record<string, { codes: string[]; reason: string; doc: string }> = {
  'sfwc__human-task-reminder.asl.json': {
    codes: ['INVALID_FIELD_TYPE'],
    reason: 'Wait state "Seconds": "120" is a string; Seconds must be an integer from 0 to 99999999',
    doc: 'https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html (Seconds: "You must specify time as an integer value from 0 to 99999999")',
  },
  'sfwc__shared-fallback-state-jsonata.asl.json': {
    codes: ['INVALID_FIELD_TYPE', 'UNREACHABLE_STATE', 'INVALID_PROPERTY_NAME'],
    reason: '"QueryLanguage": "JSONata" is written inside "States" (so it is a state that is not an object, and the ' +
      'machine stays JSONPath), and its Task states then use the JSONata-only fields Arguments and Output (also in Catch)',
    doc: 'https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html (QueryLanguage is a top-level ' +
      'field; each state is an object with a Type) and https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html ' +
      '("Arguments (Optional, JSONata only)", "Output (Optional, JSONata only)")',
  },
};

describe.skipIf(!existsSync(corpusDir))('corpus: real AWS definitions raise no false errors', () => {
  const files = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => f.endsWith('.json')).sort() : [];
  it('has the corpus', () => {
    expect(files.length).toBeGreaterThan(100);
  });
  it.each(files)('%s', (file) => {
    const text = readFileSync(join(corpusDir, file), 'utf8');
    const doc = parseDocument(text);
    const errors = validateDocument(doc).filter((d) => d.severity === 'error');
    const known = KNOWN_INVALID[file];
    if (!known) {
      expect(errors.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`)).toEqual([]);
    } else {
      expect(errors.length).toBeGreaterThan(0);
      expect([...new Set(errors.map((d) => d.code))].sort()).toEqual([...known.codes].sort());
    }
  });
  it.each(files)('YAML round trip keeps the definition and its diagnostics: %s', (file) => {
    const doc = parseDocument(readFileSync(join(corpusDir, file), 'utf8'));
    const yaml = fromYaml(toYaml(doc.definition));
    expect(yaml.definition).toEqual(doc.definition);
    const codes = (ds: { code: string; path?: unknown }[]) => ds.map((d) => `${d.code} ${JSON.stringify(d.path)}`).sort();
    expect(codes(validateDocument(yaml))).toEqual(codes(validateDocument(doc)));
  });
  it('every known-invalid entry exists in the corpus', () => {
    for (const f of Object.keys(KNOWN_INVALID)) expect(files).toContain(f);
  });
});
if (!existsSync(corpusDir)) console.warn(`[asl corpus test] skipped: ${corpusDir} not found (expects ../shared beside the repo)`);

describe.skipIf(!existsSync(casesDir))('conformance cases: definitions AWS ran validate without errors', () => {
  const cases: { id: string; def: unknown; expect: { status: string; error?: string } }[] = [];
  if (existsSync(casesDir)) {
    for (const cat of readdirSync(casesDir).sort()) {
      for (const f of readdirSync(join(casesDir, cat)).sort()) {
        const c = JSON.parse(readFileSync(join(casesDir, cat, f), 'utf8'));
        cases.push({ id: `${cat}/${f}`, def: c.definition, expect: c.expect });
      }
    }
  }
  /** A case whose expected result is a definition validation failure (none today): errors are then expected. */
  const expectsValidationFailure = (e: { status: string; error?: string }) =>
    e.status === 'FAILED' && /^(States\.)?(InvalidDefinition|ValidationException)/.test(e.error ?? '');
  it('has the cases', () => {
    expect(cases.length).toBeGreaterThan(500);
  });
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const errors = validateDefinition(c.def).filter((d) => d.severity === 'error');
    if (expectsValidationFailure(c.expect)) expect(errors.length).toBeGreaterThan(0);
    else expect(errors.map((d) => `${d.code} ${JSON.stringify(d.path)} ${d.message}`)).toEqual([]);
  });
});
if (!existsSync(casesDir)) console.warn(`[asl conformance test] skipped: ${casesDir} not found`);
