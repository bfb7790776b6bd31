import type { HistoryEvent } from './fold-history';

/** Options of one run, as sent to the execution worker (all structured-cloneable). */
export interface RunRequest {
  /** The ASL definition (plain JSON object). */
  definition: unknown;
  input: unknown;
  /** Execution name. */
  name?: string;
  /** Selects the machine in the mock config. */
  stateMachineName?: string;
  /** Step Functions Local mock config (MockConfigFile). */
  mockConfig?: unknown;
  testCase?: string;
  clock: 'simulated' | 'real';
  quotas: 'aws' | 'off';
}

/** Main thread → worker. */
export type ToWorker =
  | { type: 'start'; runId: number; request: RunRequest }
  | { type: 'abort'; runId: number }
  /** The main thread folded `count` more events: the worker may send that many more (flow control). */
  | { type: 'ack'; runId: number; count: number };

/**
 * Worker → main thread. Events arrive in batches (every ~32 ms or 200 events), with at most
 * {@link FLOW_WINDOW} events sent but not yet acknowledged: the main thread is never handed more than it can fold.
 * `done` comes after the last event.
 */
export type FromWorker =
  | { type: 'events'; runId: number; events: HistoryEvent[] }
  | { type: 'done'; runId: number; status: string; error?: string; cause?: string; output?: string }
  | { type: 'error'; runId: number; error: string; message: string };

/** Largest batch the worker posts. */
export const BATCH_MAX_EVENTS = 200;
/** Longest the worker holds events back before posting them (ms). */
export const BATCH_MAX_DELAY_MS = 32;
/** Events in flight (posted, not yet acknowledged by the main thread) at most. */
export const FLOW_WINDOW = 3000;
