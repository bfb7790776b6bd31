/**
 * The Distributed Map's `ResultWriter` (AWS dg/input-output-resultwriter.html): formats the child executions'
 * results (`WriterConfig.Transformation`, `OutputType`) and, with `Resource: arn:aws:states:::s3:putObject` and
 * `Parameters`/`Arguments` `{Bucket, Prefix}`, exports them to S3 and makes the Map's result the export location
 * `{MapRunArn, ResultWriterDetails: {Bucket, Key}}` instead of the results array.
 *
 * Offline, each `putObject` call is served like a Task result (states/service-call.ts) under the key
 * `"<Map state name>.ResultWriter"`: a mock config test-case entry or a task handler of that name. A `Throw` (or a
 * handler error) fails the Map with `States.ResultWriterFailed`; with neither, the write succeeds (nothing is
 * stored) and the Map returns the documented location object all the same.
 */
import { AslError } from '../errors.js';
import { toJsonText } from '../history.js';
import { compilePayloadTemplate, utf8Length, type CompiledJsonata, type CompiledTemplate } from '../io/index.js';
import { isoOf, evalCtx, jsonata, type StateRun } from '../skeleton.js';
import type { QueryLanguage, RawState } from '../types.js';
import { callService } from './service-call.js';

/** How one child execution (one Map iteration) of a Map Run ended. Times are epoch milliseconds (execution clock). */
export interface ChildResult {
  status: 'SUCCEEDED' | 'FAILED';
  /** The iteration input (after ItemSelector / ItemBatcher). */
  input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  start: number;
  stop: number;
}

/** The Map Run whose results are written. */
export interface MapRunResults {
  /** `arn:aws:states:<region>:<account>:mapRun:<machine>/<label or state name>:<id>` */
  arn: string;
  /** The Map Run id (the ARN's last part): the S3 folder below `Prefix`. */
  id: string;
  /** `<machine>/<label or state name>`: the child executions' state machine name. */
  childMachine: string;
  executionType: 'STANDARD' | 'EXPRESS';
  /** In item order. */
  children: ChildResult[];
}

/** A compiled `ResultWriter`. */
export interface ResultWriterPlan {
  /**
   * The Map's result for a Map Run that succeeded. Without `Resource`: the results transformed by `WriterConfig`
   * (JSON array). With `Resource`: writes `<Prefix>/<id>/SUCCEEDED_0.json` (if any succeeded), `FAILED_0.json` (if
   * any failed; always untransformed) and `manifest.json`, one `putObject` each in that order, and returns
   * `{MapRunArn, ResultWriterDetails: {Bucket, Key: <manifest key>}}`.
   *
   * @throws {AslError} `States.ResultWriterFailed` when a `putObject` call fails or `Bucket` is not a string;
   * `States.Runtime` (fatal) when a `Parameters` path does not resolve.
   */
  finish(x: StateRun, effective: unknown, run: MapRunResults): Promise<unknown>;
}

/** Compiles a Map state's `ResultWriter` object (already validated by @asl-studio/asl). Pure. */
export function compileResultWriter(writer: RawState, ql: QueryLanguage): ResultWriterPlan {
  const resource = typeof writer.Resource === 'string' ? writer.Resource : undefined;
  const wc: RawState = (writer.WriterConfig && typeof writer.WriterConfig === 'object' ? writer.WriterConfig : {}) as RawState;
  // NONE is the default once a ResultWriter is present (COMPACT is what a Map without ResultWriter returns)
  const transformation = typeof wc.Transformation === 'string' ? wc.Transformation : 'NONE';
  const jsonl = wc.OutputType === 'JSONL';
  const paramsJp: CompiledTemplate | undefined = ql === 'JSONPath' && writer.Parameters !== undefined ? compilePayloadTemplate(writer.Parameters) : undefined;
  const argsJa: CompiledJsonata | undefined = ql === 'JSONata' && writer.Arguments !== undefined ? jsonata(writer.Arguments, 'ResultWriter/Arguments') : undefined;

  return {
    async finish(x, effective, run) {
      const record = (c: ChildResult) => executionRecord(x, run, c);
      const transform = (c: ChildResult): unknown[] => {
        if (c.status !== 'SUCCEEDED' || transformation === 'NONE') return [record(c)];
        if (transformation === 'FLATTEN' && Array.isArray(c.output)) return c.output;
        return [c.output];
      };
      if (resource === undefined) return run.children.flatMap(transform);

      const params = (paramsJp ? paramsJp.evaluate(evalCtx(x, effective)) : argsJa ? await argsJa.evaluate(evalCtx(x, x.input)) : {}) as Record<string, unknown>;
      const bucket = params?.Bucket;
      if (typeof bucket !== 'string') throw writerFailed(`The ResultWriter ${ql === 'JSONata' ? 'Arguments' : 'Parameters'} must give the Bucket as a string, got ${toJsonText(bucket ?? null)}.`);
      const prefix = typeof params.Prefix === 'string' ? params.Prefix : '';
      const dir = `${prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`}${run.id}/`;
      const put = async (key: string, body: string) => {
        const ans = await callService(x, `${x.cs.name}.ResultWriter`, resource, { Bucket: bucket, Key: key, Body: body });
        if (ans.error) {
          const e = ans.error;
          throw e.name === 'States.ResultWriterFailed' ? e : writerFailed(e.causeText ? `${e.name}: ${e.causeText}` : e.name);
        }
      };
      const encode = (values: unknown[]) => (jsonl ? values.map((v) => JSON.stringify(v)).join('\n') : JSON.stringify(values));
      const files: Record<'FAILED' | 'PENDING' | 'SUCCEEDED', { Key: string; Size: number }[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
      const succeeded = run.children.filter((c) => c.status === 'SUCCEEDED');
      const failed = run.children.filter((c) => c.status === 'FAILED');
      for (const [status, list, values] of [
        ['SUCCEEDED', succeeded, () => succeeded.flatMap(transform)],
        ['FAILED', failed, () => failed.map(record)],
      ] as const) {
        if (list.length === 0) continue;
        const key = `${dir}${status}_0.json`; // the name AWS documents, whatever the OutputType
        const body = encode(values());
        await put(key, body);
        files[status].push({ Key: key, Size: utf8Length(body) });
      }
      const manifestKey = `${dir}manifest.json`;
      await put(manifestKey, JSON.stringify({ DestinationBucket: bucket, MapRunArn: run.arn, ResultFiles: files }));
      return { MapRunArn: run.arn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
    },
  };
}

/** `States.ResultWriterFailed` with a cause. */
export function writerFailed(cause: string): AslError {
  return new AslError('States.ResultWriterFailed', cause);
}

/**
 * A child execution as `Transformation: NONE` writes it: DescribeExecution's fields in AWS's (alphabetical) order,
 * `Input`/`Output` as JSON text; a failed child has `Error`/`Cause` and no `Output`. EXPRESS children carry no
 * redrive fields.
 */
function executionRecord(x: StateRun, run: MapRunResults, c: ChildResult): Record<string, unknown> {
  const { rt } = x;
  const name = globalThis.crypto.randomUUID();
  const r: Record<string, unknown> = {};
  if (c.status === 'FAILED') {
    if (c.cause !== undefined) r.Cause = c.cause;
    r.Error = c.error;
  }
  // an EXPRESS execution's ARN is …:express:<machine>:<name>:<id>
  r.ExecutionArn = run.executionType === 'EXPRESS'
    ? `arn:aws:states:${rt.region}:${rt.account}:express:${run.childMachine}:${name}:${globalThis.crypto.randomUUID()}`
    : `arn:aws:states:${rt.region}:${rt.account}:execution:${run.childMachine}:${name}`;
  r.Input = toJsonText(c.input);
  r.InputDetails = { Included: true };
  r.Name = name;
  if (c.status === 'SUCCEEDED') {
    r.Output = toJsonText(c.output);
    r.OutputDetails = { Included: true };
  }
  if (run.executionType === 'STANDARD') {
    r.RedriveCount = 0;
    if (c.status === 'SUCCEEDED') {
      r.RedriveStatus = 'NOT_REDRIVABLE';
      r.RedriveStatusReason = 'Execution is SUCCEEDED and cannot be redriven';
    } else r.RedriveStatus = 'REDRIVABLE_BY_MAP_RUN';
  }
  r.StartDate = isoOf(c.start);
  r.StateMachineArn = `arn:aws:states:${rt.region}:${rt.account}:stateMachine:${run.childMachine}`;
  r.Status = c.status;
  r.StopDate = isoOf(c.stop);
  return r;
}
