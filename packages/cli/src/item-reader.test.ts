// End to end through the built CLI: a Distributed Map whose ItemReader (CSV in S3) and ResultWriter (S3 export)
// are served by a Step Functions Local mock config (`asl run --mock-config`).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-cli-reader-'));
// a build of our own (cli.test.ts builds dist/ at the same time)
const outdir = path.join(tmp, 'dist');
const write = (name: string, content: unknown) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
};
const asl = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(outdir, 'asl.js'), ...args], { encoding: 'utf8', timeout: 20000 });
  return { code: r.status, json: JSON.parse(r.stdout.trim().split('\n').pop() ?? 'null'), stderr: r.stderr };
};

beforeAll(() => {
  execFileSync(process.execPath, [path.join(pkg, 'build.mjs')], { env: { ...process.env, ASL_BUILD_OUTDIR: outdir } });
}, 90000);

describe('asl run --mock-config with a Distributed Map ItemReader and ResultWriter', () => {
  const definition = {
    StartAt: 'Ratings',
    States: {
      Ratings: {
        Type: 'Map', End: true,
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItemsPath: '$.max' },
          Parameters: { Bucket: 'data', 'Key.$': '$.key' },
        },
        ItemSelector: { 'movie.$': '$$.Map.Item.Value.movie', 'stars.$': 'States.StringToJson($$.Map.Item.Value.stars)' },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'Rate',
          States: { Rate: { Type: 'Pass', Parameters: { 'movie.$': '$.movie', 'good.$': 'States.MathAdd($.stars, 0)' }, End: true } },
        },
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'ratings' } },
      },
    },
  };
  const mockConfig = {
    StateMachines: { Movies: { TestCases: {
      Happy: { Ratings: 'RatingsCsv' },
      WriteFails: { Ratings: 'RatingsCsv', 'Ratings.ResultWriter': 'AccessDenied' },
      ReadFails: { Ratings: 'NoSuchKey' },
    } } },
    MockedResponses: {
      RatingsCsv: { 0: { Return: 'movie,stars\n"Alien, the original",5\nHeat,4\nTenet,3\n' } },
      AccessDenied: { 0: { Throw: { Error: 'S3.AccessDenied', Cause: 'Access Denied' } } },
      NoSuchKey: { 0: { Throw: { Error: 'S3.NoSuchKey', Cause: 'The specified key does not exist.' } } },
    },
  };
  const run = (testCase: string, ...extra: string[]) => asl('run', '--definition', write('ratings.json', definition), '--input', write('in.json', { key: 'ratings.csv', max: 2 }),
    '--mock-config', write('mock.json', mockConfig), '--state-machine', 'Movies', '--test-case', testCase, ...extra);

  it('reads the mocked CSV, runs the iterations and returns the export location', () => {
    const r = run('Happy', '--history');
    expect(r.code).toBe(0);
    expect(r.json.status).toBe('SUCCEEDED');
    expect(r.json.output.MapRunArn).toMatch(/:mapRun:Movies\/Ratings:[0-9a-f-]{36}$/);
    expect(r.json.output.ResultWriterDetails.Key).toMatch(/^ratings\/[0-9a-f-]{36}\/manifest\.json$/);
    expect(r.json.history.map((e: { type: string }) => e.type)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted',
      'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });

  it('without the ResultWriter the Map returns the iteration outputs (MaxItemsPath: 2 rows)', () => {
    const { ResultWriter: _w, ...ratings } = definition.States.Ratings;
    const r = asl('run', '--definition', write('ratings-inline.json', { ...definition, States: { Ratings: ratings } }), '--input', write('in2.json', { key: 'ratings.csv', max: 2 }),
      '--mock-config', write('mock2.json', mockConfig), '--state-machine', 'Movies', '--test-case', 'Happy');
    expect(r.json).toEqual({ status: 'SUCCEEDED', output: [{ movie: 'Alien, the original', good: 5 }, { movie: 'Heat', good: 4 }] });
  });

  it('a mocked read or write failure fails the execution with States.ItemReaderFailed / States.ResultWriterFailed', () => {
    expect(run('ReadFails').json).toEqual({ status: 'FAILED', error: 'States.ItemReaderFailed', cause: 'S3.NoSuchKey: The specified key does not exist.' });
    const w = run('WriteFails');
    expect(w.code).toBe(1);
    expect(w.json).toEqual({ status: 'FAILED', error: 'States.ResultWriterFailed', cause: 'S3.AccessDenied: Access Denied' });
  });
});
