import type { Assignable, BaseState, Catcher, JsonPathIO, JsonValue, PayloadTemplate, Retrier, Transition } from './common.js';
import type { SubMachine } from './parallel.js';

/** Map processor configuration. AWS dg/state-map-distributed.html */
export interface ProcessorConfig {
  /** Default `INLINE`. */
  Mode?: 'INLINE' | 'DISTRIBUTED';
  /** Distributed only: child workflow type. */
  ExecutionType?: 'STANDARD' | 'EXPRESS';
}

/** The Map iteration workflow (`ItemProcessor`, or the legacy `Iterator`). */
export interface ItemProcessor extends SubMachine {
  ProcessorConfig?: ProcessorConfig;
}

/**
 * Map state: runs `ItemProcessor` for every item of an array (inline) or a dataset (distributed).
 * Spec: states-language.net/spec.html#map-state; AWS dg/state-map-inline.html, dg/state-map-distributed.html
 */
export interface MapState extends BaseState, Transition, JsonPathIO, Assignable {
  Type: 'Map';
  ItemProcessor?: ItemProcessor;
  /** Legacy name of ItemProcessor (no ProcessorConfig). */
  Iterator?: SubMachine;
  /** JSONPath: reference path to the items array (default `$`). */
  ItemsPath?: string;
  /** JSONata: the items array or a `{% %}` expression. */
  Items?: JsonValue;
  /** Template applied to every item (`$$.Map.Item.Value`). */
  ItemSelector?: PayloadTemplate;
  /** Legacy name of ItemSelector. */
  Parameters?: PayloadTemplate;
  ResultSelector?: PayloadTemplate;
  ResultPath?: string | null;
  Output?: JsonValue;
  /** Upper bound of concurrent iterations; 0 = no limit. */
  MaxConcurrency?: number | string;
  MaxConcurrencyPath?: string;
  ItemReader?: { [key: string]: JsonValue };
  ItemBatcher?: { [key: string]: JsonValue };
  ResultWriter?: { [key: string]: JsonValue };
  ToleratedFailurePercentage?: number | string;
  ToleratedFailurePercentagePath?: string;
  ToleratedFailureCount?: number | string;
  ToleratedFailureCountPath?: string;
  /** Distributed only: Map Run label. */
  Label?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
}
