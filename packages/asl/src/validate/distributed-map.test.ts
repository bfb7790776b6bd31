import { describe, expect, it } from 'vitest';
import { validateDefinition } from './index.js';

const PROC = { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
const map = (fields: object, extra: object = {}) => ({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: PROC, End: true, ...fields } }, ...extra });
const readerState = (ReaderConfig: object, Resource = 'arn:aws:states:::s3:getObject', inner = 'P') =>
  ({ Type: 'Map', ItemProcessor: { ...PROC, StartAt: inner, States: { [inner]: { Type: 'Pass', End: true } } }, ItemReader: { Resource, ReaderConfig, Parameters: { Bucket: 'b', Key: 'k' } } });
const reader = (ReaderConfig: object, Resource?: string) => ({ StartAt: 'M', States: { M: { ...readerState(ReaderConfig, Resource), End: true } } });
const writer = (w: object) => map({ ItemsPath: '$', ResultWriter: w });
const diags = (def: unknown, severity: 'error' | 'warning') => validateDefinition(def).filter((d) => d.severity === severity).map((d) => d.code);

describe('ItemReader / ResultWriter values', () => {
  it.each([
    { reason: 'CSV with a header row', def: reader({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', CSVDelimiter: 'SEMICOLON', MaxItems: 100 }) },
    { reason: 'CSV with given headers', def: reader({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['a', 'b'] }) },
    { reason: 'JSON with ItemsPointer, JSONL, MANIFEST, PARQUET', def: { StartAt: 'A', States: {
      A: { ...readerState({ InputType: 'JSON', ItemsPointer: '/data' }, undefined, 'PA'), Next: 'B' },
      B: { ...readerState({ InputType: 'JSONL' }, undefined, 'PB'), Next: 'C' },
      C: { ...readerState({ InputType: 'MANIFEST', MaxItems: 0 }, undefined, 'PC'), Next: 'D' },
      D: { ...readerState({ InputType: 'PARQUET' }, undefined, 'PD'), End: true },
    } } },
    { reason: 'listObjectsV2 LOAD_AND_FLATTEN and an Athena manifest', def: { StartAt: 'A', States: {
      A: { ...readerState({ InputType: 'CSV', Transformation: 'LOAD_AND_FLATTEN', CSVHeaderLocation: 'FIRST_ROW' }, 'arn:aws:states:::s3:listObjectsV2', 'PA'), Next: 'B' },
      B: { ...readerState({ ManifestType: 'ATHENA_DATA', InputType: 'JSONL' }, undefined, 'PB'), Next: 'C' },
      C: { ...readerState({ InputType: 'MANIFEST', CSVDelimiter: 'COMMA' }, undefined, 'PC'), End: true },
    } } },
    { reason: 'listObjectsV2 without ReaderConfig, aws-sdk form', def: map({ ItemReader: { Resource: 'arn:aws:states:::aws-sdk:s3:listObjectsV2', Parameters: { Bucket: 'b' } } }) },
    { reason: 'ResultWriter export with WriterConfig', def: writer({ Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' }, WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSONL' } }) },
    { reason: 'ResultWriter WriterConfig only', def: writer({ WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSON' } }) },
    { reason: 'JSONata MaxItems expression', def: map({ QueryLanguage: 'JSONata', ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON', MaxItems: '{% $states.input.n %}' }, Arguments: { Bucket: 'b', Key: '{% $states.input.k %}' } } }) },
  ])('accepts $reason', ({ def }) => {
    expect(validateDefinition(def)).toEqual([]);
  });

  it.each([
    { reason: 'unknown InputType', def: reader({ InputType: 'XML' }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'unknown CSVHeaderLocation', def: reader({ InputType: 'CSV', CSVHeaderLocation: 'FIRST' }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'unknown CSVDelimiter', def: reader({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', CSVDelimiter: ',' }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'GIVEN without CSVHeaders', def: reader({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN' }), codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'CSVHeaders not an array of strings', def: reader({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: 'a,b' }), codes: ['INVALID_FIELD_TYPE'] },
    { reason: 'MaxItems over 100,000,000', def: reader({ InputType: 'JSON', MaxItems: 100_000_001 }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'ItemsPointer not a string', def: reader({ InputType: 'JSON', ItemsPointer: 3 }), codes: ['INVALID_FIELD_TYPE'] },
    { reason: 'unknown ManifestType', def: reader({ ManifestType: 'INVENTORY' }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'LOAD_AND_FLATTEN without InputType', def: reader({ Transformation: 'LOAD_AND_FLATTEN' }, 'arn:aws:states:::s3:listObjectsV2'), codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'unknown Transformation', def: writer({ WriterConfig: { Transformation: 'SQUASH' } }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'unknown OutputType', def: writer({ WriterConfig: { OutputType: 'CSV' } }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'WriterConfig not an object', def: writer({ WriterConfig: 'JSON' }), codes: ['INVALID_FIELD_TYPE'] },
  ])('rejects $reason', ({ def, codes }) => {
    expect(diags(def, 'error')).toEqual(codes);
  });

  it.each([
    { reason: 'CSV fields with InputType JSON', def: reader({ InputType: 'JSON', CSVDelimiter: 'PIPE' }) },
    { reason: 'CSVHeaders with FIRST_ROW', def: reader({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', CSVHeaders: ['a'] }) },
    { reason: 'InputType with ManifestType S3_INVENTORY', def: reader({ ManifestType: 'S3_INVENTORY', InputType: 'CSV' }) },
    { reason: 'duplicate CSVHeaders', def: reader({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['a', 'a'] }) },
  ])('warns about $reason', ({ def }) => {
    expect(diags(def, 'error')).toEqual([]);
    expect(diags(def, 'warning')).toEqual(['INVALID_FIELD_VALUE']);
  });

  it('warns about a Resource that is not the S3 action of the reader or writer', () => {
    expect(diags(reader({ InputType: 'JSON' }, 'arn:aws:states:::s3:putObject'), 'warning')).toEqual(['INVALID_RESOURCE']);
    expect(diags(writer({ Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b' } }), 'warning')).toEqual(['INVALID_RESOURCE']);
  });
});
