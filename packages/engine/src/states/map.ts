/**
 * Map state (spec "Map State"; AWS dg/state-map.html, dg/state-map-inline.html, dg/state-map-distributed.html):
 * runs the ItemProcessor (legacy: Iterator) once per item of ItemsPath/Items, each iteration in its own lane and
 * variable scope, at most MaxConcurrency at a time (0 = unlimited, effectively 40 for inline maps).
 *
 * Inline history: `MapStateStarted {length}`, `MapIterationStarted/Succeeded/Failed/Aborted {name, index}` around each
 * iteration's events. Distributed (`ProcessorConfig.Mode: DISTRIBUTED`): `MapRunStarted`/`MapRunSucceeded` and the
 * iterations run as child executions whose events are not in the parent history (HISTORY-FORMAT.md section 4).
 *
 * Distributed only: `ItemReader` reads the items from S3 (states/item-reader.ts; `MapStateStarted {length: 0}`, the
 * read happens after `MapRunStarted`, a failure records `MapRunFailed {States.ItemReaderFailed}` then
 * `MapStateFailed`); `ResultWriter` formats or exports the results (states/result-writer.ts; a failed write records
 * `MapRunFailed {States.ResultWriterFailed}`). Both S3 calls are served by the mock config / task handlers.
 */
import { AslError } from '../errors.js';
import {
  compilePath, compilePayloadTemplate, type CompiledJsonata, type CompiledPath, type CompiledTemplate,
} from '../io/index.js';
import { compileMachine, runLane, type Program } from '../machine.js';
import { CancelScope, toLaneFailure, utf8Length, type Lane, type Runtime } from '../runtime.js';
import { toJsonText } from '../history.js';
import {
  Cancelled, LaneFailure, contextOf, evalCtx, finishWithResult, jsonata, jsonPathEffectiveInput,
  type CompiledState, type StateRun,
} from '../skeleton.js';
import type { QueryLanguage, RawState } from '../types.js';
import { Vars } from '../variables.js';
import { typeName } from './choice.js';
import { compileItemReader, type ItemReaderPlan } from './item-reader.js';
import { ABORTABLE } from './parallel.js';
import { compileResultWriter, type ChildResult, type ResultWriterPlan } from './result-writer.js';
import { exprText, numberField } from './shared.js';

/** AWS: an inline Map runs at most 40 iterations concurrently. */
const INLINE_MAX_CONCURRENCY = 40;

/**
 * Compiles a Map state's body (items, MaxConcurrency, tolerated failures, ItemSelector, ItemBatcher, ItemReader,
 * ResultWriter, the iterations). `ql` is the state's query language, `topQl` the machine's (inherited by the
 * processor). Errors at run time: `States.QueryEvaluationError` / `States.Runtime` for items that are not an array
 * and invalid numeric fields, `States.ItemReaderFailed`, `States.ResultWriterFailed`, an iteration's error (inline),
 * `States.ExceedToleratedFailureThreshold` (distributed).
 */
export function compileMap(raw: RawState, ql: QueryLanguage, name: string, topQl: QueryLanguage): CompiledState['run'] {
  const processorDef = raw.ItemProcessor ?? raw.Iterator;
  const program: Program = compileMachine(processorDef, topQl);
  const distributed = processorDef?.ProcessorConfig?.Mode === 'DISTRIBUTED';
  const itemsPath: CompiledPath | undefined = ql === 'JSONPath' && typeof raw.ItemsPath === 'string' ? compilePath(raw.ItemsPath) : undefined;
  const itemsExpr: CompiledJsonata | undefined = ql === 'JSONata' && 'Items' in raw ? jsonata(raw.Items, 'Items') : undefined;
  const selectorRaw = raw.ItemSelector ?? raw.Parameters;
  const selectorJp: CompiledTemplate | undefined = ql === 'JSONPath' && selectorRaw !== undefined ? compilePayloadTemplate(selectorRaw) : undefined;
  const selectorJa: CompiledJsonata | undefined = ql === 'JSONata' && raw.ItemSelector !== undefined ? jsonata(raw.ItemSelector, 'ItemSelector') : undefined;
  const maxConcurrency = numberField(raw, ql, 'MaxConcurrency', 'integer');
  const tolCount = numberField(raw, ql, 'ToleratedFailureCount', 'integer');
  const tolPct = numberField(raw, ql, 'ToleratedFailurePercentage', 'float');
  const batcher = raw.ItemBatcher && typeof raw.ItemBatcher === 'object' ? raw.ItemBatcher : undefined;
  const batchMaxItems = batcher ? numberField(batcher as RawState, ql, 'MaxItemsPerBatch', 'integer') : undefined;
  const batchMaxBytes = batcher ? numberField(batcher as RawState, ql, 'MaxInputBytesPerBatch', 'integer') : undefined;
  const batchInputJp: CompiledTemplate | undefined = batcher && ql === 'JSONPath' && batcher.BatchInput !== undefined ? compilePayloadTemplate(batcher.BatchInput) : undefined;
  const batchInputJa: CompiledJsonata | undefined = batcher && ql === 'JSONata' && batcher.BatchInput !== undefined ? jsonata(batcher.BatchInput, 'ItemBatcher/BatchInput') : undefined;
  const reader: ItemReaderPlan | undefined = raw.ItemReader && typeof raw.ItemReader === 'object' ? compileItemReader(raw.ItemReader as RawState, ql) : undefined;
  const writerRaw = raw.ResultWriter && typeof raw.ResultWriter === 'object' ? raw.ResultWriter as RawState : undefined;
  const writer: ResultWriterPlan | undefined = distributed && writerRaw && ('Resource' in writerRaw || 'WriterConfig' in writerRaw)
    ? compileResultWriter(writerRaw, ql) : undefined;
  // the Map Run ARN and the child executions' machine name use the Label when there is one
  const runName = `${typeof raw.Label === 'string' && raw.Label !== '' ? raw.Label : name}`;
  const executionType = processorDef?.ProcessorConfig?.ExecutionType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';

  return async (x) => {
    const { rt, lane } = x;
    // 1. items
    let effective: unknown;
    let items: unknown;
    if (ql === 'JSONata') {
      effective = x.input;
      if (reader) items = [];
      else if (itemsExpr) {
        items = await itemsExpr.evaluate(evalCtx(x, x.input));
        if (isJsonataFunction(items)) {
          const e = new AslError('States.QueryEvaluationError',
            `The JSONata expression '${exprText(raw.Items)}' specified for the field 'Items' returned an unsupported result type.`);
          (e as any).location = 'Items';
          throw e;
        }
        if (!Array.isArray(items)) {
          const e = new AslError('States.QueryEvaluationError',
            `The JSONata expression '${exprText(raw.Items)}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeName(items)}' for value: ${toJsonText(items)}`);
          (e as any).location = 'Items';
          throw e;
        }
      } else items = x.input;
    } else {
      effective = jsonPathEffectiveInput(x, false);
      // with an ItemReader the items come from the reader (ItemsPath selects from the state input only)
      items = reader ? [] : itemsPath ? itemsPath.evaluate(evalCtx(x, effective)) : effective;
    }
    if (!Array.isArray(items)) {
      throw new AslError('States.QueryEvaluationError', `Map state input must be an array but was: ${toJsonText(items)}`);
    }
    const mc = await maxConcurrency(x, effective);
    // 2. started
    const startedId = rt.emit(lane, 'MapStateStarted', 'mapStateStartedEventDetails', { length: reader ? 0 : items.length });
    const count = await tolCount(x, effective);
    const pct = await tolPct(x, effective);
    if (count !== undefined && count < 0) throw new AslError('States.Runtime', 'ToleratedFailureCount cannot be negative.');
    if (pct !== undefined && (pct < 0 || pct > 100)) throw new AslError('States.Runtime', 'ToleratedFailurePercentage must be between 0 and 100.');
    const readerMax = reader ? await reader.maxItems(x, effective) : undefined;

    let mapRun: { arn: string; id: string; startedId: number } | undefined;
    const startRun = () => {
      const id = globalThis.crypto.randomUUID();
      const arn = `arn:aws:states:${rt.region}:${rt.account}:mapRun:${String(rt.contextStateMachine.Name)}/${runName}:${id}`;
      mapRun = { arn, id, startedId: rt.emit(lane, 'MapRunStarted', 'mapRunStartedEventDetails', { mapRunArn: arn }) };
    };
    if (reader) {
      if (distributed) startRun();
      try {
        items = await reader.read(x, effective, readerMax);
      } catch (e) {
        throw failRun(x, e, distributed);
      }
    }

    // 3. iteration inputs (ItemSelector per item, then ItemBatcher)
    const anyItems = items as unknown[];
    const inputs: unknown[] = new Array(anyItems.length);
    for (let i = 0; i < anyItems.length; i++) {
      const item = { Index: i, Value: anyItems[i] };
      if (selectorJp || selectorJa) {
        const saved = lane.mapItem;
        lane.mapItem = item;
        try {
          inputs[i] = selectorJp ? selectorJp.evaluate(evalCtx(x, effective)) : await selectorJa!.evaluate(evalCtx(x, x.input));
        } finally { lane.mapItem = saved; }
      } else inputs[i] = anyItems[i];
    }
    let units: unknown[] = inputs;
    if (batcher) {
      const maxItems = (await batchMaxItems!(x, effective)) ?? Number.POSITIVE_INFINITY;
      const maxBytes = (await batchMaxBytes!(x, effective)) ?? Number.POSITIVE_INFINITY;
      const batchInput = batchInputJp ? batchInputJp.evaluate(evalCtx(x, effective)) : batchInputJa ? await batchInputJa.evaluate(evalCtx(x, x.input)) : undefined;
      units = [];
      let cur: unknown[] = [];
      let bytes = 0;
      for (const it of inputs) {
        const b = utf8Length(toJsonText(it));
        if (cur.length && (cur.length >= maxItems || bytes + b > maxBytes)) { units.push(cur); cur = []; bytes = 0; }
        cur.push(it); bytes += b;
      }
      if (cur.length) units.push(cur);
      units = units.map((u) => (batchInput === undefined ? { Items: u } : { BatchInput: batchInput, Items: u }));
    }

    // 4. iterations
    const limit = Math.max(1, Math.min(mc === undefined || mc === 0 ? INLINE_MAX_CONCURRENCY : mc, units.length || 1));
    let runRt: Runtime = rt;
    if (distributed) {
      if (!mapRun) startRun();
      runRt = rt.forChildExecution();
    }
    const track: IterationTimes | undefined = writer ? { start: [], stop: [], failed: [] } : undefined;
    const res = await runIterations(x, runRt, program, units, items as unknown[], limit, startedId, distributed, count, pct, track);
    lane.cancel.throwIfCancelled();
    if (res.failure) {
      if (distributed) {
        lane.prev = mapRun!.startedId;
        rt.emit(lane, 'MapRunFailed', 'mapRunFailedEventDetails', { error: res.failure.error, ...(res.failure.cause !== undefined ? { cause: res.failure.cause } : {}) });
      } else lane.prev = res.failLanePrev;
      if (res.failure.fatal) {
        // an uncatchable error inside an iteration still fails the Map state on its way out
        rt.emit(lane, 'MapStateFailed');
        throw res.failure;
      }
      const err = new AslError(res.failure.error, res.failure.cause);
      (err as any).prefixed = true;
      (err as any).fromTask = true;
      throw err;
    }
    let result: unknown = res.outputs;
    if (writer && mapRun) {
      const children: ChildResult[] = res.outputs.map((o, i) => {
        const failed = track!.failed[i] === true;
        const err = (failed ? o : {}) as { Error?: string; Cause?: string };
        return {
          status: failed ? 'FAILED' : 'SUCCEEDED', input: units[i], output: failed ? undefined : o,
          error: err.Error, cause: err.Cause, start: track!.start[i], stop: track!.stop[i],
        };
      });
      try {
        result = await writer.finish(x, effective, { arn: mapRun.arn, id: mapRun.id, childMachine: `${String(rt.contextStateMachine.Name)}/${runName}`, executionType, children });
      } catch (e) {
        throw failRun(x, e, true);
      }
    }
    let last: number;
    if (distributed) {
      last = rt.emit(lane, 'MapRunSucceeded');
    } else last = res.lastSucceeded ?? startedId;
    rt.add('MapStateSucceeded', last);
    lane.prev = last;
    const output = await finishWithResult(x, result);
    return { output, next: x.cs.next };
  };
}

/**
 * An ItemReader / ResultWriter failure of a Map Run: `States.ItemReaderFailed` and `States.ResultWriterFailed` are
 * recorded as `MapRunFailed {error, cause}` (distributed) and returned marked as state failures (the Map's Retry and
 * Catch apply; `MapStateFailed` follows); anything else (cancellation, a fatal `States.Runtime`, a JSONata error) is
 * returned unchanged.
 */
function failRun(x: StateRun, e: unknown, distributed: boolean): unknown {
  if (e instanceof Cancelled || !(e instanceof AslError)) return e;
  if (e.name !== 'States.ItemReaderFailed' && e.name !== 'States.ResultWriterFailed') return e;
  if (distributed) {
    x.rt.emit(x.lane, 'MapRunFailed', 'mapRunFailedEventDetails', { error: e.name, ...(e.causeText !== undefined ? { cause: e.causeText } : {}) });
  }
  (e as any).prefixed = true;
  (e as any).fromTask = true;
  return e;
}

/** Per-iteration start/stop times (epoch ms) and tolerated failures, for the ResultWriter. */
interface IterationTimes { start: number[]; stop: number[]; failed: boolean[] }

interface IterationsResult {
  outputs: unknown[];
  lastSucceeded?: number;
  failure?: LaneFailure;
  failLanePrev: number;
  failedLane?: Lane;
  abortedSiblings?: boolean;
}

async function runIterations(
  x: StateRun, rt: Runtime, program: Program, units: unknown[], items: unknown[], limit: number, startedId: number,
  distributed: boolean, tolCount: number | undefined, tolPct: number | undefined, track?: IterationTimes,
): Promise<IterationsResult> {
  const { lane, cs } = x;
  const n = units.length;
  const outputs: unknown[] = new Array(n);
  const scope = new CancelScope(lane.cancel);
  let next = 0;
  let failures = 0;
  let seqPrev = startedId;
  let inFlight = 0;
  const out: IterationsResult = { outputs, failLanePrev: startedId };
  const tolerated = (): boolean => {
    if (!distributed) return false;
    if (tolCount !== undefined && failures <= tolCount) return true;
    if (tolPct !== undefined && (failures / n) * 100 <= tolPct) return true;
    return false;
  };
  const worker = async (): Promise<void> => {
    while (next < n && !out.failure) {
      const i = next++;
      const startPrev = limit === 1 ? seqPrev : startedId;
      const il: Lane = {
        prev: 0, vars: new Vars(lane.vars), cancel: new CancelScope(scope),
        mapItem: { Index: i, Value: batchValue(items, units, i) },
      };
      const details = { index: i, name: cs.name };
      inFlight++;
      il.prev = distributed ? 0 : rt.add('MapIterationStarted', startPrev, 'mapIterationStartedEventDetails', details);
      if (distributed) il.prev = 0;
      if (track) track.start[i] = rt.clock.now();
      try {
        outputs[i] = await runLane(rt, il, program, units[i]);
        if (track) track.stop[i] = rt.clock.now();
        if (!distributed) out.lastSucceeded = rt.add('MapIterationSucceeded', il.prev, 'mapIterationSucceededEventDetails', details);
        seqPrev = il.prev;
      } catch (e) {
        if (e instanceof Cancelled) {
          if (e.abortPrev !== undefined && !distributed) {
            if (il.current && ABORTABLE.has(il.current)) rt.add(`${il.current}StateAborted` as any, e.abortPrev);
            rt.add('MapIterationAborted', e.abortPrev, 'mapIterationAbortedEventDetails', details);
          }
          return;
        }
        const f = toLaneFailure(e);
        failures++;
        if (!f.fatal && tolerated()) {
          outputs[i] = { Error: f.error, ...(f.cause !== undefined ? { Cause: f.cause } : {}) };
          if (track) { track.stop[i] = rt.clock.now(); track.failed[i] = true; }
          seqPrev = il.prev;
          continue;
        }
        if (out.failure) {
          // a sibling already failed the Map: this iteration counts as aborted
          if (!distributed && !f.fatal) {
            if (il.current && ABORTABLE.has(il.current)) rt.add(`${il.current}StateAborted` as any, out.failLanePrev);
            rt.add('MapIterationAborted', out.failLanePrev, 'mapIterationAbortedEventDetails', details);
          }
          return;
        }
        if (!distributed) rt.add('MapIterationFailed', il.prev, 'mapIterationFailedEventDetails', details);
        out.failure = distributed && !f.fatal
          ? new LaneFailure('States.ExceedToleratedFailureThreshold', 'The specified tolerated failure threshold was exceeded', false)
          : f;
        out.failLanePrev = il.prev;
        out.failedLane = il;
        out.abortedSiblings = inFlight > 1;
        scope.cancel(new Cancelled(il.prev));
        return;
      } finally {
        il.cancel.close();
        inFlight--;
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let k = 0; k < Math.min(limit, n); k++) workers.push(worker());
  await Promise.all(workers);
  scope.close();
  // AWS also records the failing iteration's Task state as aborted when the Map run stops (map timeout recording).
  if (out.failure && !out.failure.fatal && !distributed && out.failedLane?.current === 'Task' && out.abortedSiblings) {
    rt.add('TaskStateAborted', out.failLanePrev);
  }
  return out;
}

function batchValue(items: unknown[], units: unknown[], i: number): unknown {
  return units === items ? items[i] : units.length === items.length ? items[i] : units[i];
}

void contextOf;

/**
 * A JSONata function value (a lambda `function($x){...}` or a built-in such as `$sum`): not JSON, so AWS refuses it as
 * a field's result ("returned an unsupported result type", dg/transforming-data.html). Pure.
 */
export function isJsonataFunction(v: unknown): boolean {
  if (typeof v === 'function') return true;
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    && ((v as Record<string, unknown>)._jsonata_lambda === true || (v as Record<string, unknown>)._jsonata_function === true);
}
