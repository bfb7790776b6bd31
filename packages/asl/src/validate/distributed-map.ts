/**
 * Value rules for the Distributed Map's `ItemReader` and `ResultWriter` (AWS dg/input-output-itemreader.html,
 * dg/input-output-resultwriter.html). Structure rules (object types, Parameters templates, *Path fields, MaxItems vs
 * MaxItemsPath, a missing Resource) stay in state.ts; these check the enumerated values and their combinations.
 */
import type { JsonPath } from '../types/common.js';
import { isObj, typeName, type Ctx, type LangMode } from './context.js';
import { isJsonataString } from './jsonata.js';
import { checkEnum } from './values.js';

/** ReaderConfig.InputType values (AWS: "Accepts one of the following values: CSV, JSON, JSONL, PARQUET, MANIFEST"). */
export const READER_INPUT_TYPES = ['CSV', 'JSON', 'JSONL', 'PARQUET', 'MANIFEST'] as const;
/** ReaderConfig.CSVHeaderLocation values. */
export const CSV_HEADER_LOCATIONS = ['FIRST_ROW', 'GIVEN'] as const;
/** ReaderConfig.CSVDelimiter values (default COMMA). */
export const CSV_DELIMITERS = ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB'] as const;
/** ReaderConfig.ManifestType values. */
export const READER_MANIFEST_TYPES = ['S3_INVENTORY', 'ATHENA_DATA'] as const;
/** ReaderConfig.Transformation values (listObjectsV2: LOAD_AND_FLATTEN reads the listed objects). */
export const READER_TRANSFORMATIONS = ['NONE', 'LOAD_AND_FLATTEN'] as const;
/** WriterConfig.Transformation values. */
export const WRITER_TRANSFORMATIONS = ['NONE', 'COMPACT', 'FLATTEN'] as const;
/** WriterConfig.OutputType values. */
export const WRITER_OUTPUT_TYPES = ['JSON', 'JSONL'] as const;
/** AWS: ReaderConfig MaxItems "up to 100,000,000". */
export const MAX_ITEMS_LIMIT = 100_000_000;

const CSV_ONLY = ['CSVHeaderLocation', 'CSVHeaders', 'CSVDelimiter'] as const;

/** An enum field, unless it is a `{% %}` expression in a JSONata state (then the JSONata walk checks it). */
function enumField(ctx: Ctx, obj: Record<string, unknown>, path: JsonPath, field: string, allowed: readonly string[], lang: LangMode): void {
  if (!(field in obj)) return;
  const v = obj[field];
  if (typeof v === 'string' && lang !== 'JSONPath' && isJsonataString(v)) return;
  checkEnum(ctx, v, [...path, field], field, allowed);
}

/**
 * `ItemReader.ReaderConfig` values. Errors: `INVALID_FIELD_VALUE` for an InputType, CSVHeaderLocation,
 * CSVDelimiter, ManifestType or Transformation outside AWS's lists and MaxItems above 100,000,000;
 * `INVALID_FIELD_TYPE` for CSVHeaders that is not an array of strings or ItemsPointer that is not a string;
 * `MISSING_REQUIRED_FIELD` for `CSVHeaderLocation: GIVEN` without CSVHeaders and `LOAD_AND_FLATTEN` without
 * InputType. Warnings (`INVALID_FIELD_VALUE`): CSVHeaders without GIVEN, CSV fields with an InputType other than
 * CSV/MANIFEST, InputType with ManifestType S3_INVENTORY, duplicate CSVHeaders (the read fails).
 */
export function checkReaderConfig(ctx: Ctx, rc: Record<string, unknown>, path: JsonPath, lang: LangMode): void {
  enumField(ctx, rc, path, 'InputType', READER_INPUT_TYPES, lang);
  enumField(ctx, rc, path, 'CSVHeaderLocation', CSV_HEADER_LOCATIONS, lang);
  enumField(ctx, rc, path, 'CSVDelimiter', CSV_DELIMITERS, lang);
  enumField(ctx, rc, path, 'ManifestType', READER_MANIFEST_TYPES, lang);
  enumField(ctx, rc, path, 'Transformation', READER_TRANSFORMATIONS, lang);
  if (rc.ManifestType === 'S3_INVENTORY' && 'InputType' in rc) {
    ctx.warn('INVALID_FIELD_VALUE', `With "ManifestType": "S3_INVENTORY" the InputType must not be given (it is CSV)`, [...path, 'InputType'], 'key');
  }
  if (rc.Transformation === 'LOAD_AND_FLATTEN' && !('InputType' in rc)) {
    ctx.error('MISSING_REQUIRED_FIELD', `"Transformation": "LOAD_AND_FLATTEN" needs the 'InputType' of the listed objects`, path, 'key');
  }
  if (typeof rc.MaxItems === 'number' && rc.MaxItems > MAX_ITEMS_LIMIT) {
    ctx.error('INVALID_FIELD_VALUE', `'MaxItems' must be at most ${MAX_ITEMS_LIMIT.toLocaleString('en-US')}, got ${rc.MaxItems}`, [...path, 'MaxItems']);
  }
  if ('ItemsPointer' in rc && typeof rc.ItemsPointer !== 'string') {
    ctx.error('INVALID_FIELD_TYPE', `'ItemsPointer' must be a JSON Pointer string (e.g. "/data/items"), not ${typeName(rc.ItemsPointer)}`, [...path, 'ItemsPointer']);
  }
  if ('CSVHeaders' in rc) {
    const h = rc.CSVHeaders;
    if (!Array.isArray(h) || h.some((x) => typeof x !== 'string')) {
      ctx.error('INVALID_FIELD_TYPE', `'CSVHeaders' must be an array of strings, not ${typeName(h)}`, [...path, 'CSVHeaders']);
    } else {
      if (new Set(h).size < h.length) ctx.warn('INVALID_FIELD_VALUE', `'CSVHeaders' has duplicate names: the read fails with States.ItemReaderFailed`, [...path, 'CSVHeaders']);
      if (rc.CSVHeaderLocation !== 'GIVEN') ctx.warn('INVALID_FIELD_VALUE', `'CSVHeaders' is used only with "CSVHeaderLocation": "GIVEN"`, [...path, 'CSVHeaders'], 'key');
    }
  } else if (rc.CSVHeaderLocation === 'GIVEN') {
    ctx.error('MISSING_REQUIRED_FIELD', `"CSVHeaderLocation": "GIVEN" needs 'CSVHeaders' (the column names)`, path, 'key');
  }
  if (typeof rc.InputType === 'string' && rc.InputType !== 'CSV' && rc.InputType !== 'MANIFEST' && (READER_INPUT_TYPES as readonly string[]).includes(rc.InputType)) {
    for (const f of CSV_ONLY) {
      if (f in rc) ctx.warn('INVALID_FIELD_VALUE', `'${f}' applies only to "InputType": "CSV" or "MANIFEST" (this reader reads ${rc.InputType})`, [...path, f], 'key');
    }
  }
}

/** `ResultWriter.WriterConfig`: an object whose Transformation and OutputType are AWS's values. */
export function checkWriterConfig(ctx: Ctx, wc: unknown, path: JsonPath, lang: LangMode): void {
  if (!isObj(wc)) {
    ctx.error('INVALID_FIELD_TYPE', `'WriterConfig' must be an object, not ${typeName(wc)}`, path);
    return;
  }
  enumField(ctx, wc, path, 'Transformation', WRITER_TRANSFORMATIONS, lang);
  enumField(ctx, wc, path, 'OutputType', WRITER_OUTPUT_TYPES, lang);
}

/**
 * The S3 action of an ItemReader / ResultWriter `Resource` (warning `INVALID_RESOURCE` otherwise): ItemReader
 * `arn:<partition>:states:::s3:getObject` or `…:s3:listObjectsV2`, ResultWriter `…:s3:putObject`; the
 * `aws-sdk:s3:` forms are accepted too.
 */
export function checkS3Resource(ctx: Ctx, value: unknown, path: JsonPath, field: 'ItemReader' | 'ResultWriter'): void {
  if (typeof value !== 'string') {
    ctx.error('INVALID_FIELD_TYPE', `'Resource' must be a string, not ${typeName(value)}`, path);
    return;
  }
  const actions = field === 'ItemReader' ? ['getObject', 'listObjectsV2'] : ['putObject'];
  const m = /^arn:[^:]+:states:[^:]*:[^:]*:(?:aws-sdk:)?s3:([A-Za-z0-9]+)$/.exec(value);
  if (!m || !actions.includes(m[1])) {
    ctx.warn('INVALID_RESOURCE', `The ${field} 'Resource' should be ${actions.map((a) => `"arn:aws:states:::s3:${a}"`).join(' or ')}, got "${value}"`, path);
  }
}
