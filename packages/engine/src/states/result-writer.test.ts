import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.js';
import type { MockConfig } from '../types.js';

const DIST = { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' };
const echo = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
/** Fails the iteration whose input is 2, passes the others through. */
const failOnTwo = { StartAt: 'C', States: {
  C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'F' }], Default: 'P' },
  P: { Type: 'Pass', End: true }, F: { Type: 'Fail', Error: 'Odd', Cause: 'two' },
} };

function mapDef(fields: Record<string, unknown>, processor: object = echo): object {
  return { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { ProcessorConfig: DIST, ...processor }, End: true, ...fields } } };
}
const export_ = (extra: object = {}) => ({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', 'Prefix.$': '$.prefix' }, ...extra } });
interface Put { Bucket: string; Key: string; Body: string }
interface Location { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } }

describe('ResultWriter', () => {
  it('without a mock or handler the export succeeds: the Map returns {MapRunArn, ResultWriterDetails} (Label in the ARN)', async () => {
    const r = await run(mapDef({ Label: 'Lbl', ...export_() }), { input: { prefix: 'runs', items: [1, 2] }, stateMachineName: 'Orders' });
    expect(r.status).toBe('SUCCEEDED');
    const out = r.output as Location;
    expect(out.MapRunArn).toMatch(/^arn:aws:states:[^:]+:\d+:mapRun:Orders\/Lbl:[0-9a-f-]{36}$/);
    const id = out.MapRunArn.split(':').pop();
    expect(out.ResultWriterDetails).toEqual({ Bucket: 'out', Key: `runs/${id}/manifest.json` });
    expect(r.history.find((e) => e.type === 'MapRunStarted')?.mapRunStartedEventDetails).toEqual({ mapRunArn: out.MapRunArn });
    expect(r.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });

  it('a handler gets one putObject per file: SUCCEEDED_0.json (NONE: execution records), FAILED_0.json, then manifest.json', async () => {
    const puts: Put[] = [];
    const r = await run(mapDef({ ToleratedFailureCount: 1, ...export_() }, failOnTwo), {
      input: { prefix: 'runs/', items: [1, 2, 3] }, stateMachineName: 'Orders',
      taskHandlers: { 'M.ResultWriter': (input, ctx) => { puts.push(input as Put); expect(ctx).toMatchObject({ stateName: 'M', resource: 'arn:aws:states:::s3:putObject' }); return { ETag: '"x"' }; } },
    });
    expect(r.status).toBe('SUCCEEDED');
    const out = r.output as Location;
    const id = out.MapRunArn.split(':').pop();
    expect(puts.map((p) => [p.Bucket, p.Key])).toEqual([['out', `runs/${id}/SUCCEEDED_0.json`], ['out', `runs/${id}/FAILED_0.json`], ['out', `runs/${id}/manifest.json`]]);
    const succeeded = JSON.parse(puts[0].Body);
    expect(succeeded).toHaveLength(2);
    expect(Object.keys(succeeded[0])).toEqual(['ExecutionArn', 'Input', 'InputDetails', 'Name', 'Output', 'OutputDetails', 'RedriveCount',
      'RedriveStatus', 'RedriveStatusReason', 'StartDate', 'StateMachineArn', 'Status', 'StopDate']);
    expect(succeeded[0]).toMatchObject({ Input: '1', Output: '1', Status: 'SUCCEEDED', InputDetails: { Included: true }, RedriveCount: 0, RedriveStatus: 'NOT_REDRIVABLE' });
    expect(succeeded[0].ExecutionArn).toMatch(/:execution:Orders\/M:/);
    expect(succeeded[0].StateMachineArn).toMatch(/:stateMachine:Orders\/M$/);
    const failed = JSON.parse(puts[1].Body);
    expect(failed).toEqual([expect.objectContaining({ Cause: 'two', Error: 'Odd', Input: '2', Status: 'FAILED' })]);
    expect(failed[0].Output).toBeUndefined();
    const manifest = JSON.parse(puts[2].Body);
    expect(manifest).toEqual({ DestinationBucket: 'out', MapRunArn: out.MapRunArn, ResultFiles: {
      FAILED: [{ Key: `runs/${id}/FAILED_0.json`, Size: new TextEncoder().encode(puts[1].Body).length }],
      PENDING: [],
      SUCCEEDED: [{ Key: `runs/${id}/SUCCEEDED_0.json`, Size: new TextEncoder().encode(puts[0].Body).length }],
    } });
  });

  it('a mocked putObject Throw fails the Map with States.ResultWriterFailed (MapRunFailed, MapStateFailed)', async () => {
    const mockConfig = { StateMachines: { SM: { TestCases: { T: { 'M.ResultWriter': 'WriteFails' } } } },
      MockedResponses: { WriteFails: { 0: { Throw: { Error: 'S3.AccessDenied', Cause: 'Access Denied' } } } } } as MockConfig;
    const r = await run(mapDef(export_()), { input: { prefix: 'p', items: [1] }, stateMachineName: 'SM', testCase: 'T', mockConfig });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.ResultWriterFailed', cause: 'S3.AccessDenied: Access Denied' });
    expect(r.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
    expect(r.history[4].mapRunFailedEventDetails).toEqual({ error: 'States.ResultWriterFailed', cause: 'S3.AccessDenied: Access Denied' });
  });

  it('a mocked putObject Return succeeds (the mock entry must cover every file written)', async () => {
    const mockConfig = { StateMachines: { SM: { TestCases: { T: { 'M.ResultWriter': 'WriteOk' } } } },
      MockedResponses: { WriteOk: { '0-1': { Return: { ETag: '"e"' } } } } } as MockConfig;
    const r = await run(mapDef(export_()), { input: { prefix: 'p', items: [1] }, stateMachineName: 'SM', testCase: 'T', mockConfig });
    expect(r.status).toBe('SUCCEEDED');
    expect((r.output as Location).ResultWriterDetails.Bucket).toBe('out');
  });

  it('WriterConfig alone: the Map returns the transformed results (NONE, COMPACT, FLATTEN)', async () => {
    const items = [[1, 2], [3]];
    const none = await run(mapDef({ ResultWriter: { WriterConfig: { Transformation: 'NONE', OutputType: 'JSON' } } }), { input: { items } });
    expect(none.output).toEqual([expect.objectContaining({ Input: '[1,2]', Output: '[1,2]', Status: 'SUCCEEDED' }), expect.objectContaining({ Output: '[3]' })]);
    const compact = await run(mapDef({ ResultWriter: { WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSON' } } }), { input: { items } });
    expect(compact.output).toEqual([[1, 2], [3]]);
    const flat = await run(mapDef({ ResultWriter: { WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } } }), { input: { items } });
    expect(flat.output).toEqual([1, 2, 3]);
    // a failed child keeps its NONE record whatever the transformation
    const tolerated = await run(mapDef({ ToleratedFailureCount: 1, ResultWriter: { WriterConfig: { Transformation: 'COMPACT' } } }, failOnTwo), { input: { items: [1, 2] } });
    expect(tolerated.output).toEqual([1, expect.objectContaining({ Error: 'Odd', Cause: 'two', Status: 'FAILED' })]);
  });

  it('EXPRESS children: express execution ARNs and no redrive fields', async () => {
    const def = { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', End: true, ResultWriter: { WriterConfig: { Transformation: 'NONE' } },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, ...echo } } } };
    const r = await run(def, { input: { items: [1] }, stateMachineName: 'SM' });
    const [rec] = r.output as Record<string, unknown>[];
    expect(rec.ExecutionArn).toMatch(/:express:SM\/M:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
    expect(rec.RedriveCount).toBeUndefined();
    expect(rec.RedriveStatus).toBeUndefined();
  });

  it('WriterConfig with an export: COMPACT + JSONL writes one result per line and returns the location', async () => {
    const puts: Put[] = [];
    const r = await run(mapDef({ ...export_({ WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSONL' } }) }), {
      input: { prefix: 'p', items: [{ a: 1 }, { a: 2 }] }, taskHandlers: { 'M.ResultWriter': (input) => { puts.push(input as Put); } },
    });
    expect(r.status).toBe('SUCCEEDED');
    expect(puts[0].Key).toMatch(/^p\/[0-9a-f-]{36}\/SUCCEEDED_0\.json$/);
    expect(puts[0].Body).toBe('{"a":1}\n{"a":2}');
    expect(puts.map((p) => p.Key.split('/').pop())).toEqual(['SUCCEEDED_0.json', 'manifest.json']);
  });

  it('JSONata Arguments give Bucket and Prefix; a Bucket that is not a string fails with States.ResultWriterFailed', async () => {
    const def = (bucket: string) => ({ QueryLanguage: 'JSONata', StartAt: 'M', States: { M: { Type: 'Map', Items: '{% $states.input.items %}', End: true,
      ItemProcessor: { ProcessorConfig: DIST, ...echo },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Arguments: { Bucket: bucket, Prefix: 'x' } } } } });
    const ok = await run(def('{% $states.input.bucket %}'), { input: { items: [1], bucket: 'bk' } });
    expect((ok.output as Location).ResultWriterDetails.Key).toMatch(/^x\/[0-9a-f-]{36}\/manifest\.json$/);
    const bad = await run(def('{% 42 %}'), { input: { items: [1] } });
    expect(bad).toMatchObject({ status: 'FAILED', error: 'States.ResultWriterFailed' });
  });
});
