import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.js';
import type { ExecutionOptions, MockConfig } from '../types.js';

const DIST = { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' };
const echo = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };

/** A one-state machine: a Distributed Map `M` with the given fields. */
function mapDef(fields: Record<string, unknown>, processor: object = echo): object {
  return { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { ProcessorConfig: DIST, ...processor }, End: true, ...fields } } };
}

/** Options whose mock config answers the state `M` (and optionally `M.ResultWriter`) with the given responses. */
function mocked(responses: Record<string, unknown>, writer?: Record<string, unknown>, extra: ExecutionOptions = {}): ExecutionOptions {
  const mockConfig = {
    StateMachines: { SM: { TestCases: { T: { M: 'Reader', ...(writer ? { 'M.ResultWriter': 'Writer' } : {}) } } } },
    MockedResponses: { Reader: responses, ...(writer ? { Writer: writer } : {}) },
  } as MockConfig;
  return { stateMachineName: 'SM', testCase: 'T', mockConfig, ...extra };
}

const getObject = (ReaderConfig: object, extra: object = {}) => ({
  ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig, Parameters: { Bucket: 'b', 'Key.$': '$.key' }, ...extra },
});

describe('ItemReader', () => {
  it('CSV with a header row: items are objects of strings keyed by header', async () => {
    const csv = 'id,name,note\r\n1,Ann,"likes ""tea"", cake"\n2,Bob\n';
    const r = await run(mapDef(getObject({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' })), mocked({ 0: { Return: csv } }, undefined, { input: { key: 'k.csv' } }));
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual([{ id: '1', name: 'Ann', note: 'likes "tea", cake' }, { id: '2', name: 'Bob', note: '' }]);
    // AWS records MapStateStarted with length 0 for an ItemReader, then reads inside the Map Run
    expect(r.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted',
      'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
    expect(r.history[2].mapStateStartedEventDetails).toEqual({ length: 0 });
  });

  it('CSV with GIVEN headers and each CSVDelimiter', async () => {
    for (const [name, d] of [['PIPE', '|'], ['SEMICOLON', ';'], ['SPACE', ' '], ['TAB', '\t'], ['COMMA', ',']]) {
      const cfg = { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['a', 'b'], CSVDelimiter: name };
      const r = await run(mapDef(getObject(cfg)), mocked({ 0: { Return: `1${d}2\n3${d}4` } }, undefined, { input: { key: 'k' } }));
      expect(r.output, name).toEqual([{ a: '1', b: '2' }, { a: '3', b: '4' }]);
    }
  });

  it('JSON: the body as JSON text or as a JSON value; ItemsPointer selects a nested array', async () => {
    const def = mapDef(getObject({ InputType: 'JSON' }));
    expect((await run(def, mocked({ 0: { Return: '[{"x":1},{"x":2}]' } }, undefined, { input: { key: 'k' } }))).output).toEqual([{ x: 1 }, { x: 2 }]);
    expect((await run(def, mocked({ 0: { Return: [1, 2, 3] } }, undefined, { input: { key: 'k' } }))).output).toEqual([1, 2, 3]);
    const nested = mapDef(getObject({ InputType: 'JSON', ItemsPointer: '/data/items' }));
    expect((await run(nested, mocked({ 0: { Return: { data: { items: ['a', 'b'] } } } }, undefined, { input: { key: 'k' } }))).output).toEqual(['a', 'b']);
  });

  it('JSON that is not an array fails with States.ItemReaderFailed', async () => {
    const r = await run(mapDef(getObject({ InputType: 'JSON' })), mocked({ 0: { Return: { not: 'an array' } } }, undefined, { input: { key: 'k' } }));
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed', cause: 'Attempting to map over non-iterable node.' });
  });

  it('JSONL: one JSON value per line, blank lines skipped; a bad line fails with its number', async () => {
    const def = mapDef(getObject({ InputType: 'JSONL' }));
    const ok = await run(def, mocked({ 0: { Return: '{"a":1}\n\n{"a":2}\r\n' } }, undefined, { input: { key: 'k' } }));
    expect(ok.output).toEqual([{ a: 1 }, { a: 2 }]);
    const bad = await run(def, mocked({ 0: { Return: '{"a":1}\n{oops' } }, undefined, { input: { key: 'k' } }));
    expect(bad.error).toBe('States.ItemReaderFailed');
    expect(bad.cause).toMatch(/line 2/);
  });

  it('listObjectsV2: the Contents become the items, in the shape the Map passes them; truncated pages are followed', async () => {
    const def = mapDef({ ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'b', Prefix: 'p/' } } });
    const seen: unknown[] = [];
    const r = await run(def, {
      taskHandlers: {
        M: (input: any) => {
          seen.push(input);
          return input.ContinuationToken
            ? { Contents: [{ Key: 'p/3', Size: 3, ETag: '"c"', LastModified: '2024-01-01T00:00:10Z', StorageClass: 'STANDARD' }], IsTruncated: false }
            : { Contents: [{ Key: 'p/1', Size: 1, Etag: '"a"', LastModified: 1668699881, StorageClass: 'STANDARD' }, { Key: 'p/2', Size: 2 }], IsTruncated: true, NextContinuationToken: 't1' };
        },
      },
    });
    expect(r.output).toEqual([
      { Etag: '"a"', Key: 'p/1', LastModified: 1668699881, Size: 1, StorageClass: 'STANDARD' },
      { Key: 'p/2', Size: 2 },
      { Etag: '"c"', Key: 'p/3', LastModified: 1704067210, Size: 3, StorageClass: 'STANDARD' },
    ]);
    expect(seen).toEqual([{ Bucket: 'b', Prefix: 'p/' }, { Bucket: 'b', Prefix: 'p/', ContinuationToken: 't1' }]);
  });

  it('MaxItems and MaxItemsPath limit the items (0 = no limit); a negative value fails the reader, a non-integer the execution', async () => {
    const csv = 'h\n1\n2\n3\n4';
    const cfg = { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' };
    const opts = (input: unknown) => mocked({ '0-9': { Return: csv } }, undefined, { input });
    expect((await run(mapDef(getObject({ ...cfg, MaxItems: 2 })), opts({ key: 'k' }))).output).toEqual([{ h: '1' }, { h: '2' }]);
    expect((await run(mapDef(getObject({ ...cfg, MaxItems: 0 })), opts({ key: 'k' }))).output).toHaveLength(4);
    expect((await run(mapDef(getObject({ ...cfg, MaxItemsPath: '$.max' })), opts({ key: 'k', max: 3 }))).output).toHaveLength(3);
    const neg = await run(mapDef(getObject({ ...cfg, MaxItemsPath: '$.max' })), opts({ key: 'k', max: -1 }));
    expect(neg).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed', cause: 'field MaxItems must be positive' });
    expect(neg.history.map((e) => e.type)).toContain('MapRunStarted');
    // the value's type is checked before the Map Run starts: States.Runtime, no MapRunStarted
    for (const max of ['x', 1.5]) {
      const bad = await run(mapDef(getObject({ ...cfg, MaxItemsPath: '$.max' })), opts({ key: 'k', max }));
      expect(bad).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
      expect(bad.cause).toBe(`An error occurred while executing the state 'M' (entered at the event id #2). The MaxItemsPath field refers to value "${max}" which is not a valid integer: $.max`);
      expect(bad.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'ExecutionFailed']);
    }
  });

  it('a failing read records MapRunFailed then MapStateFailed; Catch handles States.ItemReaderFailed', async () => {
    const def = mapDef(getObject({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }));
    const r = await run(def, mocked({ 0: { Throw: { Error: 'S3.NoSuchKey', Cause: 'The specified key does not exist.' } } }, undefined, { input: { key: 'k' } }));
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed', cause: 'S3.NoSuchKey: The specified key does not exist.' });
    expect(r.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
    expect(r.history[4].mapRunFailedEventDetails).toEqual({ error: 'States.ItemReaderFailed', cause: 'S3.NoSuchKey: The specified key does not exist.' });

    const caught = await run({ StartAt: 'M', States: {
      M: { Type: 'Map', ItemProcessor: { ProcessorConfig: DIST, ...echo }, ...getObject({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }),
        Catch: [{ ErrorEquals: ['States.ItemReaderFailed'], Next: 'Done' }], Next: 'Done' },
      Done: { Type: 'Pass', End: true },
    } }, mocked({ 0: { Return: 'a,a\n1,2' } }, undefined, { input: { key: 'k' } }));
    expect(caught.status).toBe('SUCCEEDED');
    expect(caught.output).toEqual({ Error: 'States.ItemReaderFailed', Cause: 'CSV headers cannot contain duplicates.' });
  });

  it('without a mock or handler the reader fails clearly; a Retry reads again (next invocation)', async () => {
    const none = await run(mapDef(getObject({ InputType: 'JSON' })), { input: { key: 'k' } });
    expect(none.error).toBe('States.ItemReaderFailed');
    expect(none.cause).toMatch(/No mocked response or task handler answers the ItemReader \(getObject\) of the Map state 'M'/);
    const retried = await run(mapDef({ ...getObject({ InputType: 'JSON' }), Retry: [{ ErrorEquals: ['States.ItemReaderFailed'], IntervalSeconds: 1 }] }),
      mocked({ 0: { Throw: { Error: 'S3.SlowDown' } }, 1: { Return: [7] } }, undefined, { input: { key: 'k' } }));
    expect(retried.output).toEqual([7]);
  });

  it('ItemSelector reads the reader item as $$.Map.Item.Value and the state input as $; ItemsPath is not applied', async () => {
    const def = mapDef({ ...getObject({ InputType: 'JSON' }), ItemsPath: '$.ignored', ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index', 'k.$': '$.key' } });
    const r = await run(def, mocked({ 0: { Return: ['a', 'b'] } }, undefined, { input: { key: 'k' } }));
    expect(r.output).toEqual([{ v: 'a', i: 0, k: 'k' }, { v: 'b', i: 1, k: 'k' }]);
  });

  it('JSONata: Arguments and a MaxItems expression; a handler gets the arguments and the resource', async () => {
    const def = { QueryLanguage: 'JSONata', StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { ProcessorConfig: DIST, ...echo }, End: true,
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON', MaxItems: '{% $states.input.n %}' }, Arguments: { Bucket: 'b', Key: '{% $states.input.key %}' } } } } };
    let got: unknown;
    const r = await run(def, { input: { key: 'data.json', n: 2 }, taskHandlers: { M: (input, ctx) => { got = [input, ctx.resource]; return '[1,2,3]'; } } });
    expect(r.output).toEqual([1, 2]);
    expect(got).toEqual([{ Bucket: 'b', Key: 'data.json' }, 'arn:aws:states:::s3:getObject']);
  });

  it('MANIFEST: an S3 Inventory manifest, then one getObject per listed CSV file', async () => {
    const manifest = { sourceBucket: 'src', destinationBucket: 'arn:aws:s3:::inv', fileFormat: 'CSV', fileSchema: 'Bucket, Key, Size', files: [{ key: 'data/1.csv' }, { key: 'data/2.csv' }] };
    const calls: unknown[] = [];
    const def = mapDef(getObject({ InputType: 'MANIFEST' }));
    const r = await run(def, { input: { key: 'manifest.json' }, taskHandlers: { M: (input: any) => {
      calls.push(input);
      return input.Key === 'manifest.json' ? JSON.stringify(manifest) : input.Key === 'data/1.csv' ? '"src","a.txt","1"\n"src","b.txt","2"\n' : 'src,c.txt,3\n';
    } } });
    expect(r.output).toEqual([{ Bucket: 'src', Key: 'a.txt', Size: '1' }, { Bucket: 'src', Key: 'b.txt', Size: '2' }, { Bucket: 'src', Key: 'c.txt', Size: '3' }]);
    expect(calls).toEqual([{ Bucket: 'b', Key: 'manifest.json' }, { Bucket: 'inv', Key: 'data/1.csv' }, { Bucket: 'inv', Key: 'data/2.csv' }]);
  });

  it('listObjectsV2 with Transformation LOAD_AND_FLATTEN: the items are the listed objects\' contents', async () => {
    const def = mapDef({ ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', ReaderConfig: { InputType: 'JSONL', Transformation: 'LOAD_AND_FLATTEN', MaxItems: 3 }, Parameters: { Bucket: 'logs', Prefix: 'h/' } } });
    const calls: unknown[] = [];
    const r = await run(def, { taskHandlers: { M: (input: any) => {
      calls.push(input);
      if (input.Prefix) return { Contents: [{ Key: 'h/1.jsonl' }, { Key: 'h/2.jsonl' }, { Key: 'h/3.jsonl' }] };
      return input.Key === 'h/1.jsonl' ? '{"n":1}\n{"n":2}' : '{"n":3}\n{"n":4}';
    } } });
    expect(r.output).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(calls).toEqual([{ Bucket: 'logs', Prefix: 'h/' }, { Bucket: 'logs', Key: 'h/1.jsonl' }, { Bucket: 'logs', Key: 'h/2.jsonl' }]);
  });

  it('ManifestType ATHENA_DATA: the manifest lists s3:// data files, each read as InputType', async () => {
    const def = mapDef(getObject({ ManifestType: 'ATHENA_DATA', InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['id', 'v'] }));
    const r = await run(def, mocked({
      0: { Return: 's3://athena/out/q-1.csv\ns3://athena/out/q-2.csv\n' },
      1: { Return: '1,a\n2,b' },
      2: { Return: '3,c' },
    }, undefined, { input: { key: 'q-manifest.csv' } }));
    expect(r.output).toEqual([{ id: '1', v: 'a' }, { id: '2', v: 'b' }, { id: '3', v: 'c' }]);
  });
});
