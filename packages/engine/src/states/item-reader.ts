/**
 * The Distributed Map's `ItemReader` (AWS dg/input-output-itemreader.html): reads the Map's items from an S3 dataset
 * instead of the state input. Offline, the S3 call is served like a Task result (states/service-call.ts): the mock
 * config response for the Map state's name in the selected test case, else `taskHandlers[<Map state name>]`, else
 * the Map fails with `States.ItemReaderFailed`.
 *
 * Supported: `Resource` `arn:aws:states:::s3:getObject` / `arn:aws:states:::s3:listObjectsV2` (also the
 * `aws-sdk:s3:` forms and any partition); `Parameters` (JSONPath payload template) / `Arguments` (JSONata);
 * `ReaderConfig` `InputType` CSV | JSON | JSONL | MANIFEST (S3 Inventory, CSV files), `CSVHeaderLocation`
 * FIRST_ROW | GIVEN, `CSVHeaders`, `CSVDelimiter` COMMA | PIPE | SEMICOLON | SPACE | TAB, `ItemsPointer` (JSON),
 * `ManifestType` S3_INVENTORY | ATHENA_DATA, `Transformation` LOAD_AND_FLATTEN (listObjectsV2), `MaxItems` /
 * `MaxItemsPath` (0 or absent = no limit; at most 100,000,000). Not read: PARQUET, compressed (GZIP, ZSTD) bodies.
 */
import { AslError } from '../errors.js';
import { compilePayloadTemplate, type CompiledJsonata, type CompiledTemplate } from '../io/index.js';
import { parseResource } from '../integrations.js';
import { evalCtx, jsonata, type StateRun } from '../skeleton.js';
import type { QueryLanguage, RawState } from '../types.js';
import { CsvError, parseCsv } from './csv.js';
import { callService } from './service-call.js';
import { numberField, quoted, type NumberField } from './shared.js';

/** AWS: "you can specify a limit of up to 100,000,000" items (ReaderConfig MaxItems). */
export const MAX_READER_ITEMS = 100_000_000;

/** `CSVDelimiter` values and the character each stands for (default COMMA). */
export const CSV_DELIMITERS: Readonly<Record<string, string>> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

/** A compiled `ItemReader`. */
export interface ItemReaderPlan {
  /**
   * Resolves `ReaderConfig.MaxItems` / `MaxItemsPath` (JSONata: an expression) before the Map Run starts: AWS checks
   * the value's type there (dg/input-output-itemreader.html, "ReaderConfig"; a `MaxItemsPath` value such as 1.5
   * ends the execution after `MapStateStarted`, with no `MapRunStarted`). The range (negative values) is checked by
   * `read`, inside the run.
   *
   * @throws {AslError} `States.Runtime` when the `MaxItemsPath` value is not an integer;
   * `States.QueryEvaluationError` when the JSONata `MaxItems` result is not an integer.
   */
  maxItems(x: StateRun, effective: unknown): Promise<number | undefined>;
  /**
   * Reads the items for one run of the Map state, `MaxItems` applied. `effective` is the state input after InputPath
   * (what `Parameters` reads; JSONata reads `$states.input`); `maxItems` is what `maxItems()` resolved.
   *
   * @throws {AslError} `States.ItemReaderFailed` for any failure of the read (S3 call failed or not mocked, body not
   * of the InputType, duplicate CSV headers, a negative MaxItems value);
   * `States.Runtime` (fatal) when a `Parameters` path does not resolve; `States.QueryEvaluationError` for JSONata.
   */
  read(x: StateRun, effective: unknown, maxItems: number | undefined): Promise<unknown[]>;
}

/** `States.ItemReaderFailed` with a cause. */
export function readerFailed(cause: string): AslError {
  return new AslError('States.ItemReaderFailed', cause);
}

/** Compiles the `ItemReader` object of a Map state (already validated by @asl-studio/asl). Pure. */
export function compileItemReader(reader: RawState, ql: QueryLanguage): ItemReaderPlan {
  const resource = String(reader.Resource ?? '');
  const info = parseResource(resource);
  const s3 = info.kind === 'service' && (info.service === 's3' || info.service === 'aws-sdk:s3');
  const action = s3 ? info.action : '';
  const paramsJp: CompiledTemplate | undefined = ql === 'JSONPath' && reader.Parameters !== undefined ? compilePayloadTemplate(reader.Parameters) : undefined;
  const argsJa: CompiledJsonata | undefined = ql === 'JSONata' && reader.Arguments !== undefined ? jsonata(reader.Arguments, 'ItemReader/Arguments') : undefined;
  const rc: RawState = (reader.ReaderConfig && typeof reader.ReaderConfig === 'object' ? reader.ReaderConfig : {}) as RawState;
  const maxItems: NumberField = numberField(rc, ql, 'MaxItems', 'integer');
  const inputType = typeof rc.InputType === 'string' ? rc.InputType : undefined;
  const delimiter = CSV_DELIMITERS[typeof rc.CSVDelimiter === 'string' ? rc.CSVDelimiter : 'COMMA'] ?? ',';
  const given = rc.CSVHeaderLocation === 'GIVEN' && Array.isArray(rc.CSVHeaders) ? rc.CSVHeaders.map(String) : undefined;
  const pointer = typeof rc.ItemsPointer === 'string' ? rc.ItemsPointer : undefined;
  const manifestType = typeof rc.ManifestType === 'string' ? rc.ManifestType : undefined;
  const loadAndFlatten = rc.Transformation === 'LOAD_AND_FLATTEN';

  return {
    maxItems: (x, effective) => maxItems(x, effective),
    async read(x, effective, max) {
      const args = paramsJp ? paramsJp.evaluate(evalCtx(x, effective)) : argsJa ? await argsJa.evaluate(evalCtx(x, x.input)) : {};
      const limit = readerLimit(max);
      const fetch = async (a: unknown): Promise<unknown> => {
        const ans = await callService(x, x.cs.name, resource, a);
        if (ans.error) {
          const e = ans.error;
          if (e.name === 'States.ItemReaderFailed') throw e;
          throw readerFailed(e.causeText ? `${e.name}: ${e.causeText}` : e.name);
        }
        if (ans.source === 'none') {
          throw readerFailed(`No mocked response or task handler answers the ItemReader (${info.action || resource}) of the Map state '${x.cs.name}': add the state to the mock config test case, or a task handler for it.`);
        }
        return ans.result;
      };
      /** One object's items by InputType (not MANIFEST). */
      const parse = (body: unknown, type: string, max: number): unknown[] => {
        switch (type) {
          case 'CSV': return csvItems(textOf(body, 'CSV'), delimiter, given, max);
          case 'JSON': return jsonItems(body, pointer).slice(0, max);
          case 'JSONL': return jsonlItems(body, max);
          default: throw readerFailed(`The ItemReader InputType '${type}' is not supported by the local engine (supported: CSV, JSON, JSONL, MANIFEST).`);
        }
      };
      if (action === 'listObjectsV2') {
        const objects = await listObjects(fetch, args, loadAndFlatten ? MAX_READER_ITEMS : limit);
        if (!loadAndFlatten) return objects;
        // LOAD_AND_FLATTEN: the items are the contents of each listed object (one getObject per object)
        const bucket = (args as Record<string, unknown> | null)?.Bucket;
        return readAll(objects.map((o) => ({ Bucket: bucket, Key: (o as Record<string, unknown>)?.Key })), fetch, (b, max) => parse(b, inputType ?? 'JSON', max), limit);
      }
      if (action !== 'getObject') throw readerFailed(`The ItemReader resource '${resource}' is not supported: use arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2.`);
      const body = await fetch(args);
      if (manifestType === 'ATHENA_DATA') {
        // an Athena UNLOAD manifest: one s3://bucket/key per line; every data file is read as InputType
        const files = textOf(body, 'manifest').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').map(s3Location);
        return readAll(files, fetch, (b, max) => parse(b, inputType ?? 'CSV', max), limit);
      }
      if (inputType === 'MANIFEST' || manifestType === 'S3_INVENTORY') return manifestItems(fetch, body, limit);
      return parse(body, inputType ?? 'JSON', limit);
    },
  };
}

/** Reads the objects one `getObject` each (the next invocations), in order, until `limit` items. */
async function readAll(objects: unknown[], fetch: (a: unknown) => Promise<unknown>, parse: (body: unknown, max: number) => unknown[], limit: number): Promise<unknown[]> {
  const items: unknown[] = [];
  for (const o of objects) {
    if (items.length >= limit) break;
    for (const it of parse(await fetch(o), limit - items.length)) items.push(it);
  }
  return items;
}

/** `s3://bucket/key` → `{Bucket, Key}`. */
function s3Location(uri: string): { Bucket: string; Key: string } {
  const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!m) throw readerFailed(`The Athena manifest lists '${uri}', which is not an s3://bucket/key location.`);
  return { Bucket: m[1], Key: m[2] };
}

/** The item limit for a resolved MaxItems value: 0 or absent = no limit; AWS clips at 100,000,000. */
function readerLimit(n: number | undefined): number {
  if (n === undefined || n === 0) return MAX_READER_ITEMS;
  if (n < 0) throw readerFailed('field MaxItems must be positive');
  return Math.min(n, MAX_READER_ITEMS);
}

/** The object body as text: a string as is, bytes as UTF-8. */
function textOf(body: unknown, inputType: string): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return new TextDecoder().decode(body);
  throw readerFailed(`The ${inputType} object body must be text, but the mocked response was ${Array.isArray(body) ? 'an array' : typeof body}.`);
}

function csvItems(text: string, delimiter: string, given: string[] | undefined, limit: number): Record<string, string>[] {
  let rows: string[][];
  try {
    rows = parseCsv(text, delimiter);
  } catch (e) {
    if (e instanceof CsvError) throw readerFailed(`The CSV object is malformed: ${e.message}.`);
    throw e;
  }
  const headers = given ?? rows.shift() ?? [];
  if (new Set(headers).size < headers.length) throw readerFailed('CSV headers cannot contain duplicates.');
  const n = Math.min(rows.length, limit);
  const items: Record<string, string>[] = new Array(n);
  for (let r = 0; r < n; r++) items[r] = rowObject(headers, rows[r]);
  return items;
}

/** One CSV row as an object of strings keyed by header (missing fields are "", extra fields are dropped). */
function rowObject(headers: string[], row: string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (let c = 0; c < headers.length; c++) o[headers[c]] = c < row.length ? row[c] : '';
  return o;
}

function jsonItems(body: unknown, pointer: string | undefined): unknown[] {
  let v = body;
  if (typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const text = textOf(body, 'JSON');
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw readerFailed(`The JSON object is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (pointer !== undefined) v = jsonPointer(v, pointer);
  if (!Array.isArray(v)) throw readerFailed('Attempting to map over non-iterable node.');
  return v;
}

/** RFC 6901 JSON Pointer (`/a/0/b`, `~1` = `/`, `~0` = `~`); `States.ItemReaderFailed` when it selects nothing. */
function jsonPointer(v: unknown, pointer: string): unknown {
  if (pointer === '') return v;
  if (!pointer.startsWith('/')) throw readerFailed(`Invalid ItemsPointer '${pointer}': a JSON Pointer starts with '/'.`);
  let cur = v;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^(0|[1-9]\d*)$/.test(token) && Number(token) < cur.length) cur = cur[Number(token)];
    else if (cur !== null && typeof cur === 'object' && !Array.isArray(cur) && Object.prototype.hasOwnProperty.call(cur, token)) cur = (cur as Record<string, unknown>)[token];
    else throw readerFailed(`The ItemsPointer '${pointer}' does not select a value in the JSON object.`);
  }
  return cur;
}

function jsonlItems(body: unknown, limit: number): unknown[] {
  if (Array.isArray(body)) return body.slice(0, limit);
  const text = textOf(body, 'JSONL');
  const items: unknown[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && items.length < limit; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    try {
      items.push(JSON.parse(line));
    } catch (e) {
      throw readerFailed(`The JSONL object has invalid JSON on line ${i + 1}: ${(e as Error).message}`);
    }
  }
  return items;
}

/**
 * `s3:listObjectsV2`: the items are the response's `Contents` entries as the Distributed Map passes them
 * (`Etag`, `Key`, `LastModified` in epoch seconds, `Size`, `StorageClass`; the SDK's `ETag` and ISO dates are
 * converted). A response with `IsTruncated: true` and a `NextContinuationToken` is followed by another call (the
 * next invocation) with `ContinuationToken`.
 */
async function listObjects(fetch: (a: unknown) => Promise<unknown>, args: unknown, limit: number): Promise<unknown[]> {
  const items: unknown[] = [];
  let a = args;
  for (;;) {
    const page = await fetch(a);
    const p = (page ?? {}) as Record<string, unknown>;
    const contents = Array.isArray(page) ? page : p.Contents ?? [];
    if (!Array.isArray(contents)) throw readerFailed(`The listObjectsV2 response's Contents must be an array, not ${quoted(contents)}.`);
    for (const c of contents) {
      if (items.length >= limit) return items;
      items.push(objectItem(c));
    }
    if (Array.isArray(page) || p.IsTruncated !== true || typeof p.NextContinuationToken !== 'string' || items.length >= limit) return items;
    a = { ...(args as object), ContinuationToken: p.NextContinuationToken };
  }
}

function objectItem(c: unknown): unknown {
  if (c === null || typeof c !== 'object') return c;
  const o = c as Record<string, unknown>;
  const item: Record<string, unknown> = {};
  const etag = o.Etag ?? o.ETag;
  if (etag !== undefined) item.Etag = etag;
  if (o.Key !== undefined) item.Key = o.Key;
  if (o.LastModified !== undefined) {
    const t = typeof o.LastModified === 'string' ? Date.parse(o.LastModified) : NaN;
    item.LastModified = Number.isNaN(t) ? o.LastModified : Math.floor(t / 1000);
  }
  if (o.Size !== undefined) item.Size = o.Size;
  if (o.StorageClass !== undefined) item.StorageClass = o.StorageClass;
  return item;
}

/**
 * `InputType: MANIFEST` (S3 Inventory): the first call returns `manifest.json` (`fileFormat` CSV, `fileSchema`,
 * `destinationBucket`, `files[].key`); each listed file is then read with one more `getObject` call (the next
 * invocations, `{Bucket, Key}`), as CSV text without a header row. Items are objects keyed by the schema's names.
 */
async function manifestItems(fetch: (a: unknown) => Promise<unknown>, body: unknown, limit: number): Promise<unknown[]> {
  let m = body;
  if (typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer) {
    try {
      m = JSON.parse(textOf(body, 'MANIFEST'));
    } catch (e) {
      throw readerFailed(`The manifest is not valid JSON: ${(e as Error).message}`);
    }
  }
  const man = (m ?? {}) as Record<string, unknown>;
  if (!Array.isArray(man.files) || typeof man.fileSchema !== 'string') {
    throw readerFailed('The manifest must be an S3 Inventory manifest.json with "fileSchema" and "files".');
  }
  if (man.fileFormat !== undefined && man.fileFormat !== 'CSV') {
    throw readerFailed(`S3 Inventory files in ${quoted(man.fileFormat)} format are not supported by the local engine (only CSV).`);
  }
  const schema = man.fileSchema.split(',').map((s) => s.trim());
  const bucket = String(man.destinationBucket ?? '').replace(/^arn:[^:]*:s3:::/, '');
  const files = (man.files as Record<string, unknown>[]).map((f) => ({ Bucket: bucket, Key: f?.key }));
  return readAll(files, fetch, (b, max) => csvItems(textOf(b, 'CSV'), ',', schema, max), limit);
}
