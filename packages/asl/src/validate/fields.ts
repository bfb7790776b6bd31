import type { QueryLanguage } from '../types/common.js';
import type { StateType } from '../types/index.js';

/** Which fields a state type allows: in both query languages, only in JSONPath, only in JSONata. */
export interface StateFieldTable {
  /** Allowed whatever the query language. */
  common: readonly string[];
  /** Allowed only when the state's query language is JSONPath. */
  JSONPath: readonly string[];
  /** Allowed only when the state's query language is JSONata. */
  JSONata: readonly string[];
  /** Required fields (in both languages; Wait's one-of and Map's processor are checked separately). */
  required: readonly string[];
}

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const JSONPATH_IO = ['InputPath', 'OutputPath'];

/**
 * Fields allowed per state type and query language, for the validator (INVALID_PROPERTY_NAME) and for the studio's
 * inspector and palette. Sources: states-language.net/spec.html (per-state sections); AWS dg/state-*.html
 * ("JSONPath only" / "JSONata only" markers); dg/transforming-data.html; dg/workflow-variables.html ("The following
 * state types support Assign: Pass, Task, Map, Parallel, Choice, Wait" — so not Succeed or Fail).
 */
export const STATE_FIELDS: Readonly<Record<StateType, StateFieldTable>> = {
  Pass: {
    common: [...COMMON, 'Next', 'End', 'Assign'],
    JSONPath: [...JSONPATH_IO, 'Parameters', 'Result', 'ResultPath'],
    JSONata: ['Output'],
    required: ['Type'],
  },
  Task: {
    common: [...COMMON, 'Next', 'End', 'Assign', 'Resource', 'TimeoutSeconds', 'HeartbeatSeconds', 'Retry', 'Catch',
      'Credentials'],
    JSONPath: [...JSONPATH_IO, 'Parameters', 'ResultSelector', 'ResultPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath'],
    JSONata: ['Arguments', 'Output'],
    required: ['Type', 'Resource'],
  },
  Choice: {
    common: [...COMMON, 'Choices', 'Default', 'Assign'],
    JSONPath: [...JSONPATH_IO],
    JSONata: ['Output'],
    required: ['Type', 'Choices'],
  },
  Wait: {
    common: [...COMMON, 'Next', 'End', 'Assign', 'Seconds', 'Timestamp'],
    JSONPath: [...JSONPATH_IO, 'SecondsPath', 'TimestampPath'],
    JSONata: ['Output'],
    required: ['Type'],
  },
  Succeed: {
    common: [...COMMON],
    JSONPath: [...JSONPATH_IO],
    JSONata: ['Output'],
    required: ['Type'],
  },
  Fail: {
    common: [...COMMON, 'Error', 'Cause'],
    JSONPath: ['ErrorPath', 'CausePath'],
    JSONata: [],
    required: ['Type'],
  },
  Parallel: {
    common: [...COMMON, 'Next', 'End', 'Assign', 'Branches', 'Retry', 'Catch'],
    JSONPath: [...JSONPATH_IO, 'Parameters', 'ResultSelector', 'ResultPath'],
    JSONata: ['Arguments', 'Output'],
    required: ['Type', 'Branches'],
  },
  Map: {
    common: [...COMMON, 'Next', 'End', 'Assign', 'ItemProcessor', 'Iterator', 'ItemSelector', 'ItemReader', 'ItemBatcher',
      'ResultWriter', 'MaxConcurrency', 'ToleratedFailurePercentage', 'ToleratedFailureCount', 'Label', 'Retry', 'Catch'],
    JSONPath: [...JSONPATH_IO, 'ItemsPath', 'Parameters', 'ResultSelector', 'ResultPath', 'MaxConcurrencyPath',
      'ToleratedFailurePercentagePath', 'ToleratedFailureCountPath'],
    JSONata: ['Items', 'Output'],
    required: ['Type'],
  },
};

/**
 * Fields not documented for a state type but that AWS is not known to reject; reported as warnings, not errors,
 * because a false error on a definition AWS accepts is worse than a missed one.
 */
export const DOUBTFUL_FIELDS: Readonly<Partial<Record<StateType, readonly string[]>>> = {};

/** Top-level fields of a state machine. Spec: states-language.net/spec.html#toplevelfields */
export const MACHINE_FIELDS: readonly string[] = ['StartAt', 'States', 'Comment', 'Version', 'TimeoutSeconds', 'QueryLanguage'];
/** Fields of a Parallel branch. */
export const BRANCH_FIELDS: readonly string[] = ['StartAt', 'States', 'Comment', 'QueryLanguage'];
/** Fields of a Map ItemProcessor (Iterator has no ProcessorConfig in the spec, but AWS accepts it; we allow both). */
export const PROCESSOR_FIELDS: readonly string[] = ['StartAt', 'States', 'Comment', 'QueryLanguage', 'ProcessorConfig'];
/** Fields of a retrier. Spec: states-language.net/spec.html#retrying-after-error */
export const RETRIER_FIELDS: readonly string[] = ['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate',
  'MaxDelaySeconds', 'JitterStrategy', 'Comment'];
/** Fields of a catcher per query language. Spec: states-language.net/spec.html#fallback-states */
export const CATCHER_FIELDS: Readonly<Record<QueryLanguage | 'common', readonly string[]>> = {
  common: ['ErrorEquals', 'Next', 'Assign', 'Comment'],
  JSONPath: ['ResultPath'],
  JSONata: ['Output'],
};

/** Whether `field` is allowed on a state of `type` in `lang` (`'any'` = either language). */
export function isFieldAllowed(type: StateType, field: string, lang: QueryLanguage | 'any'): boolean {
  const t = STATE_FIELDS[type];
  if (t.common.includes(field)) return true;
  if (lang === 'any') return t.JSONPath.includes(field) || t.JSONata.includes(field);
  return t[lang].includes(field);
}
