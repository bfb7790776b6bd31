/**
 * Task tokens of `.waitForTaskToken` tasks (AWS dg/connect-to-resource.html#connect-wait-token): which task each
 * pending token belongs to, and answering SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat for it. Pure (no DOM,
 * no React): the execution worker uses {@link CallbackTracker} and {@link answerCallback}, the history worker
 * {@link resolveCallbacks}, the page {@link checkCallbackOutput}.
 *
 * ```
 *  execution.worker: events ─▶ CallbackTracker.observe ─┐ (microtask) reconcile(exec.pendingTaskTokens())
 *                    ──callbacks [{token, eventId}] (run port) ──▶ history.worker: resolveCallbacks (state name,
 *                    Map iteration, enclosing state from the fold) ──update.callbacks──▶ page (waiting area, canvas)
 *  page ──sendTaskSuccess | sendTaskFailure | sendTaskHeartbeat (cid)──▶ execution.worker: answerCallback
 *       ◀──callbackResult (cid, ok | error + message)──
 * ```
 */
import type { HistoryEvent, StateVisit } from './fold-history';

/** A token the engine waits on, as the execution worker reports it: the token and its task's `TaskScheduled` id. */
export interface PendingToken {
  token: string;
  /** Id of the `TaskScheduled` event of the attempt that waits (its visit gives the state and Map iteration). */
  eventId: number;
}

/** A task waiting for a callback, as the page shows it (resolved by the history worker from the fold). */
export interface PendingCallback {
  token: string;
  /** Name of the waiting Task state. */
  stateName: string;
  /** Key of the waiting visit (id of its `TaskStateEntered`), to select it in the run panel. */
  visitKey: number;
  /** Map iteration indexes from the outermost Map inwards (empty outside a Map). */
  iterationPath: number[];
  /** Name of the enclosing Map or Parallel state, if any. */
  parentName?: string;
  /** Type of the enclosing state (`Map` or `Parallel`). */
  parentType?: string;
  /** `<service>:<api>.waitForTaskToken`, e.g. `sqs:sendMessage.waitForTaskToken`. */
  resource?: string;
  /** When the attempt was scheduled (event timestamp, ISO). */
  since: string;
  /** The task's HeartbeatSeconds / TimeoutSeconds, if set. */
  heartbeatSeconds?: number;
  timeoutSeconds?: number;
}

/** The SendTask* calls the page makes (mirroring the Step Functions API). */
export type CallbackCall =
  | { type: 'sendTaskSuccess'; token: string; output: unknown }
  | { type: 'sendTaskFailure'; token: string; error?: string; cause?: string }
  | { type: 'sendTaskHeartbeat'; token: string };

/** The answer to a call: done, or the error the API returned (`TaskDoesNotExist`, …) and its message. */
export type CallbackOutcome = { ok: true } | { ok: false; error: string; message: string };

/** The part of an engine execution the calls use. */
export interface CallbackTarget {
  sendTaskSuccess(token: string, output: unknown): void;
  sendTaskFailure(token: string, error?: string, cause?: string): void;
  sendTaskHeartbeat(token: string): void;
}

const TOKEN_SUFFIX = '.waitForTaskToken';

function scheduledDetails(e: HistoryEvent): Record<string, unknown> | undefined {
  const d = e.taskScheduledEventDetails;
  return d && typeof d === 'object' ? (d as Record<string, unknown>) : undefined;
}

/** Whether an event is the `TaskScheduled` of a `.waitForTaskToken` task. Pure. */
export function isTokenTaskScheduled(e: HistoryEvent): boolean {
  if (e.type !== 'TaskScheduled') return false;
  const r = scheduledDetails(e)?.resource;
  return typeof r === 'string' && r.endsWith(TOKEN_SUFFIX);
}

/**
 * Attributes the engine's pending task tokens to the tasks that wait on them. Feed it every history event
 * ({@link observe}), then, once the engine has run on (a microtask later, or after a SendTask* call), the engine's
 * `pendingTaskTokens()` ({@link reconcile}). A new token belongs to the `.waitForTaskToken` attempt scheduled since the
 * last reconcile whose parameters carry it (`"TaskToken.$": "$$.Task.Token"`), else to the earliest such attempt
 * without a token (the engine registers the token synchronously right after `TaskStarted`, in scheduling order).
 *
 * @example
 * const tracker = new CallbackTracker();
 * onEvent: (e) => { tracker.observe(e); queueMicrotask(() => { const p = tracker.reconcile(exec.pendingTaskTokens()); if (p) post(p); }); }
 */
export class CallbackTracker {
  private candidates: { eventId: number; parameters: string }[] = [];
  private known = new Map<string, PendingToken>();

  /** Notes a `.waitForTaskToken` attempt (other events are ignored). */
  observe(e: HistoryEvent): void {
    if (!isTokenTaskScheduled(e)) return;
    const p = scheduledDetails(e)?.parameters;
    this.candidates.push({ eventId: e.id, parameters: typeof p === 'string' ? p : '' });
  }

  /** The pending tokens now known (in the engine's order). */
  get pending(): PendingToken[] {
    return [...this.known.values()];
  }

  /**
   * Updates the pending tokens from the engine's list; returns the new list when it changed, else undefined.
   * Attempts seen before this call that got no token (answered by a mock) are forgotten.
   */
  reconcile(tokens: readonly string[]): PendingToken[] | undefined {
    let changed = false;
    const now = new Set(tokens);
    for (const t of this.known.keys()) {
      if (!now.has(t)) {
        this.known.delete(t);
        changed = true;
      }
    }
    const fresh = tokens.filter((t) => !this.known.has(t));
    const unmatched: string[] = [];
    for (const t of fresh) {
      const i = this.candidates.findIndex((c) => c.parameters.includes(t));
      if (i >= 0) {
        this.known.set(t, { token: t, eventId: this.candidates[i].eventId });
        this.candidates.splice(i, 1);
      } else unmatched.push(t);
    }
    for (const t of unmatched) {
      const c = this.candidates.shift();
      // A token with no attempt seen (cannot happen with the engine's events): kept, without a task.
      this.known.set(t, { token: t, eventId: c?.eventId ?? 0 });
    }
    if (fresh.length) changed = true;
    this.candidates = [];
    if (!changed) return undefined;
    // The engine's order (its Map keeps insertion order: scheduling order).
    return tokens.map((t) => this.known.get(t)!);
  }
}

/** Makes one SendTask* call on the execution; an error it throws (e.g. `TaskDoesNotExist`) becomes the outcome. */
export function answerCallback(target: CallbackTarget | undefined, call: CallbackCall): CallbackOutcome {
  if (!target) return { ok: false, error: 'TaskDoesNotExist', message: 'The execution is no longer running: its task tokens are gone.' };
  try {
    if (call.type === 'sendTaskSuccess') target.sendTaskSuccess(call.token, call.output);
    else if (call.type === 'sendTaskFailure') target.sendTaskFailure(call.token, call.error || undefined, call.cause || undefined);
    else target.sendTaskHeartbeat(call.token);
    return { ok: true };
  } catch (err) {
    const e = err as { name?: unknown; message?: unknown };
    const name = typeof e?.name === 'string' && e.name !== 'Error' ? e.name : 'Error';
    return { ok: false, error: name, message: typeof e?.message === 'string' ? e.message : String(err) };
  }
}

/** What {@link resolveCallbacks} needs from the history host. */
export interface CallbackSource {
  /** Event by id (undefined until it was folded). */
  event(id: number): HistoryEvent | undefined;
  /** The visit an event belongs to. */
  visitOf(eventId: number): StateVisit | undefined;
  /** A visit by key. */
  visit(key: number): StateVisit | undefined;
}

/**
 * The page's view of the pending tokens: state name, Map iteration, enclosing state, resource, timing. Tokens whose
 * `TaskScheduled` event has not been folded yet are left out (they show once it arrives). Pure.
 */
export function resolveCallbacks(tokens: readonly PendingToken[], src: CallbackSource): PendingCallback[] {
  const out: PendingCallback[] = [];
  for (const t of tokens) {
    const e = src.event(t.eventId);
    const v = e ? src.visitOf(e.id) : undefined;
    if (!e || !v) continue;
    const d = scheduledDetails(e) ?? {};
    const parent = v.parent ? src.visit(v.parent) : undefined;
    const c: PendingCallback = { token: t.token, stateName: v.name, visitKey: v.key, iterationPath: [...v.iterationPath], since: e.timestamp };
    if (parent) {
      c.parentName = parent.name;
      c.parentType = parent.type;
    }
    if (typeof d.resource === 'string') c.resource = typeof d.resourceType === 'string' ? `${d.resourceType}:${d.resource}` : d.resource;
    if (typeof d.heartbeatInSeconds === 'number') c.heartbeatSeconds = d.heartbeatInSeconds;
    if (typeof d.timeoutInSeconds === 'number') c.timeoutSeconds = d.timeoutInSeconds;
    out.push(c);
  }
  return out;
}

/**
 * Checks the output typed for SendTaskSuccess: it must be JSON (as the API requires). Pure.
 *
 * @example
 * checkCallbackOutput('{"approved": true}'); // { ok: true, value: { approved: true } }
 */
export function checkCallbackOutput(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: false, message: 'The output is empty: enter a JSON value, e.g. {}' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: `The output is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** "Approve · iteration 3 · in Map ProcessAll" style label of where a token waits. Pure. */
export function callbackWhere(c: PendingCallback): string {
  const parts: string[] = [];
  if (c.iterationPath.length) parts.push(`iteration ${c.iterationPath.join(' › ')}`);
  if (c.parentName) parts.push(`in ${c.parentType ?? 'state'} ${c.parentName}`);
  return parts.join(' · ');
}
