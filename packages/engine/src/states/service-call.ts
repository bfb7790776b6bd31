/**
 * Serving the S3 calls of a Distributed Map that have no Task state of their own (ItemReader `s3:getObject` /
 * `s3:listObjectsV2`, ResultWriter `s3:putObject`), the way Task results are served (README "Task results").
 */
import { AslError } from '../errors.js';
import { Cancelled } from '../runtime.js';
import type { StateRun } from '../skeleton.js';
import { handlerError, pickMockResponse } from './task.js';

/** Where a service call's answer came from: the mock config, a task handler, or neither (`none`). */
export interface ServiceAnswer { result?: unknown; error?: AslError; source: 'mock-config' | 'handler' | 'none' }

/**
 * Serves one call: (1) the mock config response of the selected test case for `key`, by 0-based invocation index
 * counted per key across the execution (retries included; `"0"`, `"1-2"`; `Return` or `Throw`); (2)
 * `taskHandlers[key]`, called with `(args, {stateName, resource})` (a thrown Error's name is the error, its message
 * the cause); (3) otherwise `{source: 'none'}` and the caller decides. A mock entry without a response for the
 * invocation answers with a `States.Runtime` error naming the mocked response. Throws only {@link Cancelled} (the
 * lane was stopped while a handler ran).
 */
export async function callService(x: StateRun, key: string, resource: string, args: unknown): Promise<ServiceAnswer> {
  const { rt } = x;
  const n = rt.invocations.get(key) ?? 0;
  rt.invocations.set(key, n + 1);
  const mockName = rt.mockCase?.[key];
  if (mockName !== undefined) {
    const responses = rt.mockConfig?.MockedResponses?.[mockName];
    const r = responses ? pickMockResponse(responses, n) : undefined;
    if (!r) return { error: new AslError('States.Runtime', `No mocked response '${mockName}' for invocation #${n} of '${key}'.`), source: 'mock-config' };
    if ('Throw' in r) return { error: new AslError(r.Throw.Error, r.Throw.Cause), source: 'mock-config' };
    return { result: r.Return, source: 'mock-config' };
  }
  const handler = rt.taskHandlers?.[key];
  if (!handler) return { source: 'none' };
  const end = rt.clock.beginExternal();
  try {
    const result = await x.lane.cancel.wait(Promise.resolve().then(() => handler(args, { stateName: x.cs.name, resource })));
    return { result: result === undefined ? null : result, source: 'handler' };
  } catch (e) {
    if (e instanceof Cancelled) throw e;
    return { error: handlerError(e), source: 'handler' };
  } finally {
    end();
  }
}

