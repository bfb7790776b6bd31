import { startExecution } from '../index.js';
import type { ExecutionOptions, ExecutionResult, HistoryEvent } from '../types.js';

/** Runs a definition to completion. */
export function run(def: object, options: ExecutionOptions = {}): Promise<ExecutionResult> {
  return startExecution(def, options).result;
}

/** `Type name` per event, for compact assertions. */
export function types(h: HistoryEvent[]): string[] {
  return h.map((e) => {
    const d = (e.stateEnteredEventDetails ?? e.stateExitedEventDetails ?? e.mapIterationStartedEventDetails ??
      e.mapIterationSucceededEventDetails ?? e.mapIterationFailedEventDetails) as { name?: string; index?: number } | undefined;
    return `${e.type}${d?.name ? ` ${d.name}` : ''}${d?.index !== undefined ? `[${d.index}]` : ''}`;
  });
}

/** `[id, previousEventId]` pairs. */
export function chain(h: HistoryEvent[]): [number, number][] {
  return h.map((e) => [e.id, e.previousEventId]);
}
