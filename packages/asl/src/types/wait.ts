import type { Assignable, BaseState, JsonPathIO, JsonValue, Transition } from './common.js';

/**
 * Wait state: delays for a time or until a timestamp. Exactly one of Seconds, SecondsPath, Timestamp, TimestampPath.
 * Spec: states-language.net/spec.html#wait-state
 */
export interface WaitState extends BaseState, Transition, JsonPathIO, Assignable {
  Type: 'Wait';
  /** Seconds to wait: non-negative integer (JSONata: or `{% %}`). */
  Seconds?: number | string;
  /** JSONPath: reference path to the seconds. */
  SecondsPath?: string;
  /** RFC 3339 timestamp, uppercase `T` and `Z` (e.g. `2026-01-01T00:00:00Z`), or `{% %}` in JSONata. */
  Timestamp?: string;
  /** JSONPath: reference path to the timestamp. */
  TimestampPath?: string;
  /** JSONata: the state output. */
  Output?: JsonValue;
}
