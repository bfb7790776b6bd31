/**
 * Shared ASL building blocks: positions, diagnostics, query languages, payload templates,
 * Retry/Catch, and the fields common to every state.
 *
 * Spec: https://states-language.net/spec.html#common-state-fields
 */

/** Offset/length into the document text (UTF-16 code units), as jsonc-parser's `Node`. */
export interface TextRange {
  /** Start, in UTF-16 code units from the beginning of the text. */
  offset: number;
  /** Length in UTF-16 code units (0 for a point). */
  length: number;
}

/** JSON path segments from the document root, e.g. `["States", "Pay", "Next"]`. */
export type JsonPath = (string | number)[];

/** Diagnostic severity. `error` = AWS would reject the definition; `warning` = suspicious but accepted. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A positioned diagnostic with a stable code (e.g. `"INVALID_NEXT"`, `"UNREACHABLE_STATE"`, `"JSON_SYNTAX"`).
 * See the package README for the table of codes.
 */
export interface Diagnostic {
  /** Stable, machine-readable code. */
  code: string;
  severity: Severity;
  /** Human-readable, specific message (names the state / field / target). */
  message: string;
  /** Where to underline; zero-length at offset 0 when validating a plain object. */
  range: TextRange;
  /** JSON path of the offending value or property, when known. */
  path?: JsonPath;
  /** 1-based line of `range.offset`, for CLI output. */
  line: number;
  /** 1-based column (UTF-16 code units) of `range.offset`, for CLI output. */
  column: number;
}

/**
 * The query language of a machine or state. Default `JSONPath`.
 * AWS: docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */
export type QueryLanguage = 'JSONPath' | 'JSONata';

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A payload template (Parameters, ResultSelector, ItemSelector, Assign in JSONPath): keys ending in `.$`
 * hold a path or an intrinsic function call. Spec: states-language.net/spec.html#payload-template
 */
export type PayloadTemplate = { [key: string]: JsonValue };

/** A Retry entry (retrier). Spec: states-language.net/spec.html#retrying-after-error */
export interface Retrier {
  /** Error names to match; non-empty. `States.ALL` must be alone and in the last retrier. */
  ErrorEquals: string[];
  /** Seconds before the first retry; positive integer, default 1. */
  IntervalSeconds?: number;
  /** Maximum retries; non-negative integer, default 3 (0 = never retry). */
  MaxAttempts?: number;
  /** Multiplier of the interval per attempt; ≥ 1.0, default 2.0. */
  BackoffRate?: number;
  /** Cap on the interval, in seconds; positive integer. */
  MaxDelaySeconds?: number;
  /** `FULL` randomises the interval; default `NONE`. */
  JitterStrategy?: 'FULL' | 'NONE';
  Comment?: string;
}

/** A Catch entry (catcher). Spec: states-language.net/spec.html#fallback-states */
export interface Catcher {
  /** Error names to match; non-empty. `States.ALL` must be alone and in the last catcher. */
  ErrorEquals: string[];
  /** The state to go to, in the same scope. */
  Next: string;
  /** JSONPath only: where to put the error output (default `$`). */
  ResultPath?: string | null;
  /** JSONata only: the state output when caught. */
  Output?: JsonValue;
  /** Variables to assign when caught. */
  Assign?: { [key: string]: JsonValue };
  Comment?: string;
}

/** Fields every state may carry. Spec: states-language.net/spec.html#common-state-fields */
export interface BaseState {
  Comment?: string;
  /** Overrides the machine's QueryLanguage for this state. */
  QueryLanguage?: QueryLanguage;
}

/** Transition fields: exactly one of `Next` or `End: true` (Pass, Task, Wait, Parallel, Map). */
export interface Transition {
  /** Name of the next state in the same scope. */
  Next?: string;
  /** `true` makes this a terminal state. */
  End?: boolean;
}

/** JSONPath input/output filters (InputPath/OutputPath). `null` discards. */
export interface JsonPathIO {
  InputPath?: string | null;
  OutputPath?: string | null;
}

/** Variables assignment, in any state that can transition (and in Choice rules, catchers). AWS dg/workflow-variables.html */
export interface Assignable {
  Assign?: { [key: string]: JsonValue };
}
