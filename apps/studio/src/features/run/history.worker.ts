/// <reference lib="webworker" />
/**
 * The history worker: holds the current run's execution history and its fold (run-host.ts), and posts the page only
 * the run-view summary and the events table's new rows. Events come from the execution worker over the MessagePort
 * of a `run` message; recorded histories (`replay`) are parsed and folded here too.
 */
import { RunHost } from './run-host';
import type { ToHost } from './worker-protocol';

declare const self: DedicatedWorkerGlobalScope;

const host = new RunHost((msg, transfer) => self.postMessage(msg, transfer));
self.onmessage = (m: MessageEvent<ToHost>) => host.handle(m.data);
