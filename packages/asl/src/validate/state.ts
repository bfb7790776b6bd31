import type { JsonPath, QueryLanguage } from '../types/common.js';
import { STATE_TYPES, type StateType } from '../types/index.js';
import { checkChoices, TIMESTAMP_RE } from './choice.js';
import { isObj, typeName, type Ctx, type LangMode } from './context.js';
import { DOUBTFUL_FIELDS, isFieldAllowed, STATE_FIELDS } from './fields.js';
import { isJsonataString } from './jsonata.js';
import { checkCatch, checkRetry } from './retry-catch.js';
import { checkReaderConfig, checkS3Resource, checkWriterConfig } from './distributed-map.js';
import { closest } from './suggest.js';
import { checkEnum, checkJsonataValues, checkNumber, checkPathField, checkPayloadTemplate, checkString } from './values.js';

/** A transition out of a state, for target and reachability checks. */
export interface Edge {
  target: string;
  /** Path of the string holding the target. */
  path: JsonPath;
  kind: 'Next' | 'Default' | 'Choice' | 'Catch';
}

/** A nested state machine (Parallel branch, Map processor) to validate as its own scope. */
export interface NestedScope {
  obj: unknown;
  path: JsonPath;
  kind: 'branch' | 'processor';
  /** Query language of the enclosing state. */
  lang: LangMode;
}

/** What the machine-level pass needs to know about a state. */
export interface StateSummary {
  type: StateType | undefined;
  edges: Edge[];
  /** The state can end its scope (End: true, Succeed, Fail). */
  terminal: boolean;
  nested: NestedScope[];
  lang: LangMode;
}

const JSONATA_HINT: Record<string, string> = {
  Parameters: "use 'Arguments'",
  ResultSelector: "use 'Output'",
  ResultPath: "use 'Output' or 'Assign'",
  InputPath: "use 'Arguments' or 'Output' with $states.input",
  OutputPath: "use 'Output'",
  Result: "use 'Output'",
  ItemsPath: "use 'Items'",
  SecondsPath: "use 'Seconds' with a {% %} expression",
  TimestampPath: "use 'Timestamp' with a {% %} expression",
  TimeoutSecondsPath: "use 'TimeoutSeconds' with a {% %} expression",
  HeartbeatSecondsPath: "use 'HeartbeatSeconds' with a {% %} expression",
  ErrorPath: "use 'Error' with a {% %} expression",
  CausePath: "use 'Cause' with a {% %} expression",
  MaxConcurrencyPath: "use 'MaxConcurrency' with a {% %} expression",
  ToleratedFailurePercentagePath: "use 'ToleratedFailurePercentage' with a {% %} expression",
  ToleratedFailureCountPath: "use 'ToleratedFailureCount' with a {% %} expression",
};
const JSONPATH_HINT: Record<string, string> = {
  Arguments: "use 'Parameters'",
  Output: "use 'ResultSelector'/'OutputPath', or set \"QueryLanguage\": \"JSONata\"",
  Items: "use 'ItemsPath'",
};

const TRANSITION_TYPES: readonly StateType[] = ['Pass', 'Task', 'Wait', 'Parallel', 'Map'];

/** Resolves the query language of a state from its own field and the inherited candidates. */
export function stateLang(state: Record<string, unknown>, inherited: ReadonlySet<QueryLanguage>): LangMode {
  const q = state.QueryLanguage;
  if (q === 'JSONPath' || q === 'JSONata') return q;
  if (inherited.size === 1) return [...inherited][0];
  return 'any';
}

/**
 * Validates one state's fields (by its Type and query language) and summarises its transitions.
 * Spec: states-language.net/spec.html#state-types; AWS dg/concepts-states.html
 */
export function checkState(ctx: Ctx, name: string, state: unknown, path: JsonPath, inherited: ReadonlySet<QueryLanguage>,
  machineLang: QueryLanguage): StateSummary {
  const summary: StateSummary = { type: undefined, edges: [], terminal: false, nested: [], lang: 'JSONPath' };
  if (!isObj(state)) {
    ctx.error('INVALID_FIELD_TYPE', `State '${name}' must be an object, not ${typeName(state)}`, path);
    return summary;
  }
  const lang = stateLang(state, inherited);
  summary.lang = lang;

  // Type
  if (!('Type' in state)) {
    ctx.error('MISSING_REQUIRED_FIELD', `State '${name}' has no 'Type' (one of ${STATE_TYPES.join(', ')})`, path, 'key');
  } else if (typeof state.Type !== 'string' || !(STATE_TYPES as readonly string[]).includes(state.Type)) {
    const near = typeof state.Type === 'string' ? closest(state.Type, STATE_TYPES) : undefined;
    ctx.error(typeof state.Type === 'string' ? 'INVALID_FIELD_VALUE' : 'INVALID_FIELD_TYPE',
      `State '${name}' has an unknown Type ${typeName(state.Type)}; expected one of ${STATE_TYPES.join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`, [...path, 'Type']);
  } else {
    summary.type = state.Type as StateType;
  }
  const type = summary.type;

  // QueryLanguage
  if ('QueryLanguage' in state) {
    checkEnum(ctx, state.QueryLanguage, [...path, 'QueryLanguage'], 'QueryLanguage', ['JSONPath', 'JSONata']);
    if (machineLang === 'JSONata' && state.QueryLanguage === 'JSONPath') {
      ctx.error('INVALID_QUERY_LANGUAGE', `State '${name}' uses JSONPath, but the state machine's QueryLanguage is JSONata; a JSONata state machine cannot contain JSONPath states`, [...path, 'QueryLanguage']);
    }
  }
  if (state.Comment !== undefined) checkString(ctx, state.Comment, [...path, 'Comment'], 'Comment');

  // Transitions (collected for every state, even of an unknown type).
  if (typeof state.Next === 'string') summary.edges.push({ target: state.Next, path: [...path, 'Next'], kind: 'Next' });
  if (isObj(state) && Array.isArray(state.Catch)) {
    state.Catch.forEach((c, i) => {
      if (isObj(c) && typeof c.Next === 'string') summary.edges.push({ target: c.Next, path: [...path, 'Catch', i, 'Next'], kind: 'Catch' });
    });
  }
  if (!type) return summary;

  // Field names
  for (const key of Object.keys(state)) {
    if (isFieldAllowed(type, key, lang)) continue;
    const kp = [...path, key];
    if (DOUBTFUL_FIELDS[type]?.includes(key)) {
      ctx.warn('INVALID_PROPERTY_NAME', `'${key}' is not documented for ${type} states`, kp, 'key');
      continue;
    }
    if (lang !== 'any' && isFieldAllowed(type, key, lang === 'JSONPath' ? 'JSONata' : 'JSONPath')) {
      const hint = lang === 'JSONata' ? JSONATA_HINT[key] : JSONPATH_HINT[key];
      const which = lang === 'JSONata' ? 'JSONPath' : 'JSONata';
      ctx.error('INVALID_PROPERTY_NAME', `'${key}' is a ${which}-only field, but state '${name}' uses ${lang}${hint ? ` (${hint})` : ''}`, kp, 'key');
      continue;
    }
    if ((key === 'Next' || key === 'End') && (type === 'Choice' || type === 'Succeed' || type === 'Fail')) {
      const why = type === 'Choice' ? 'a Choice state transitions through Choices and Default' : `a ${type} state is always terminal`;
      ctx.error('INVALID_PROPERTY_NAME', `${type} state '${name}' cannot have '${key}': ${why}`, kp, 'key');
      continue;
    }
    const allowed = [...STATE_FIELDS[type].common, ...(lang === 'JSONata' ? [] : STATE_FIELDS[type].JSONPath),
      ...(lang === 'JSONPath' ? [] : STATE_FIELDS[type].JSONata)];
    const near = closest(key, allowed);
    ctx.error('INVALID_PROPERTY_NAME', `Unknown field '${key}' for a ${type} state${near ? ` (did you mean '${near}'?)` : ` (allowed: ${allowed.join(', ')})`}`, kp, 'key');
  }
  for (const req of STATE_FIELDS[type].required) {
    if (!(req in state)) ctx.error('MISSING_REQUIRED_FIELD', `${type} state '${name}' must have '${req}'`, path, 'key');
  }

  // Next / End
  if (TRANSITION_TYPES.includes(type)) {
    if ('Next' in state && typeof state.Next !== 'string') {
      ctx.error('INVALID_FIELD_TYPE', `'Next' must be a state name string, not ${typeName(state.Next)}`, [...path, 'Next']);
    }
    if ('End' in state && typeof state.End !== 'boolean') {
      ctx.error('INVALID_FIELD_TYPE', `'End' must be true, not ${typeName(state.End)}`, [...path, 'End']);
    }
    const hasNext = 'Next' in state;
    const hasEnd = state.End === true;
    if (hasNext && hasEnd) {
      ctx.error('TERMINAL_STATE_WITH_NEXT', `State '${name}' has both 'Next' and "End": true; it needs exactly one`, [...path, 'End'], 'key');
    } else if (!hasNext && !hasEnd) {
      ctx.error('MISSING_TRANSITION', `State '${name}' needs either 'Next' or "End": true`, path, 'key');
    }
    summary.terminal = hasEnd;
  } else if (type === 'Succeed' || type === 'Fail') {
    summary.terminal = true;
  }

  // JSONPath I/O
  if (lang !== 'JSONata') {
    for (const f of ['InputPath', 'OutputPath']) {
      if (f in state) checkPathField(ctx, state[f], [...path, f], f, 'path', true);
    }
    if ('ResultPath' in state) checkPathField(ctx, state.ResultPath, [...path, 'ResultPath'], 'ResultPath', 'reference', true);
    for (const f of ['Parameters', 'ResultSelector', 'ItemSelector', 'Assign', 'Credentials']) {
      if (f in state) checkTemplateField(ctx, state[f], [...path, f], f, f !== 'Parameters' || type === 'Map');
    }
  }
  if (lang !== 'JSONPath') {
    for (const key of Object.keys(state)) {
      if (key === 'Comment' || key === 'Branches' || key === 'ItemProcessor' || key === 'Iterator') continue;
      checkJsonataValues(ctx, state[key], [...path, key], lang === 'JSONata');
    }
    if ('Assign' in state && !isObj(state.Assign)) {
      ctx.error('INVALID_FIELD_TYPE', `'Assign' must be an object, not ${typeName(state.Assign)}`, [...path, 'Assign']);
    }
  }
  if ('Retry' in state && STATE_FIELDS[type].common.includes('Retry')) checkRetry(ctx, state.Retry, [...path, 'Retry'], lang);
  if ('Catch' in state && STATE_FIELDS[type].common.includes('Catch')) checkCatch(ctx, state.Catch, [...path, 'Catch'], lang);

  switch (type) {
    case 'Pass':
    case 'Succeed':
      break;
    case 'Task':
      checkTask(ctx, name, state, path, lang);
      break;
    case 'Choice':
      checkChoices(ctx, state.Choices, [...path, 'Choices'], lang);
      if (Array.isArray(state.Choices)) {
        state.Choices.forEach((r, i) => {
          if (isObj(r) && typeof r.Next === 'string') summary.edges.push({ target: r.Next, path: [...path, 'Choices', i, 'Next'], kind: 'Choice' });
        });
      }
      if ('Default' in state && checkString(ctx, state.Default, [...path, 'Default'], 'Default')) {
        summary.edges.push({ target: state.Default as string, path: [...path, 'Default'], kind: 'Default' });
      }
      break;
    case 'Wait':
      checkWait(ctx, name, state, path, lang);
      break;
    case 'Fail':
      checkFail(ctx, name, state, path, lang);
      break;
    case 'Parallel':
      if ('Branches' in state) {
        if (!Array.isArray(state.Branches) || state.Branches.length === 0) {
          ctx.error('INVALID_FIELD_TYPE', `'Branches' must be a non-empty array of branches ({StartAt, States}), not ${typeName(state.Branches)}`, [...path, 'Branches']);
        } else {
          state.Branches.forEach((b, i) => summary.nested.push({ obj: b, path: [...path, 'Branches', i], kind: 'branch', lang }));
        }
      }
      break;
    case 'Map':
      checkMap(ctx, name, state, path, lang, summary);
      break;
    default: {
      const never: never = type;
      void never;
    }
  }
  return summary;
}

function checkTemplateField(ctx: Ctx, value: unknown, path: JsonPath, field: string, mustBeObject: boolean): void {
  if (mustBeObject && !isObj(value)) {
    ctx.error('INVALID_FIELD_TYPE', `'${field}' must be an object, not ${typeName(value)}`, path);
    return;
  }
  checkPayloadTemplate(ctx, value, path);
}

function exclusive(ctx: Ctx, state: Record<string, unknown>, path: JsonPath, fields: string[], name: string): number {
  const present = fields.filter((f) => f in state);
  if (present.length > 1) {
    ctx.error('MUTUALLY_EXCLUSIVE', `State '${name}' can have only one of ${fields.map((f) => `'${f}'`).join(', ')} (found ${present.join(' and ')})`, [...path, present[1]], 'key');
  }
  return present.length;
}

function checkTask(ctx: Ctx, name: string, s: Record<string, unknown>, path: JsonPath, lang: LangMode): void {
  if ('Resource' in s && checkString(ctx, s.Resource, [...path, 'Resource'], 'Resource') && !/^arn:[^:]*:/.test(s.Resource as string)) {
    // The spec allows any URI, but Step Functions only runs ARNs (dg/state-task.html): a warning, not an error.
    ctx.warn('INVALID_RESOURCE', `'Resource' should be an ARN (arn:aws:states:::service:api, a Lambda function ARN or an activity ARN), got "${s.Resource as string}"`, [...path, 'Resource']);
  }
  exclusive(ctx, s, path, ['TimeoutSeconds', 'TimeoutSecondsPath'], name);
  exclusive(ctx, s, path, ['HeartbeatSeconds', 'HeartbeatSecondsPath'], name);
  if ('TimeoutSeconds' in s) checkNumber(ctx, s.TimeoutSeconds, [...path, 'TimeoutSeconds'], 'TimeoutSeconds', { integer: true, min: 0, exclusiveMin: true }, lang);
  if ('HeartbeatSeconds' in s) checkNumber(ctx, s.HeartbeatSeconds, [...path, 'HeartbeatSeconds'], 'HeartbeatSeconds', { integer: true, min: 0, exclusiveMin: true }, lang);
  if (lang !== 'JSONata') {
    for (const f of ['TimeoutSecondsPath', 'HeartbeatSecondsPath']) if (f in s) checkPathField(ctx, s[f], [...path, f], f, 'reference');
  }
  if (typeof s.TimeoutSeconds === 'number' && typeof s.HeartbeatSeconds === 'number' && s.HeartbeatSeconds >= s.TimeoutSeconds) {
    // The spec says MUST, but an AWS sample in the corpus deploys with equal values: a warning, not an error.
    ctx.warn('INVALID_FIELD_VALUE', `'HeartbeatSeconds' (${s.HeartbeatSeconds}) should be smaller than 'TimeoutSeconds' (${s.TimeoutSeconds}) (states-language.net/spec.html#task-state)`, [...path, 'HeartbeatSeconds']);
  }
}

function checkWait(ctx: Ctx, name: string, s: Record<string, unknown>, path: JsonPath, lang: LangMode): void {
  const fields = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'];
  const n = exclusive(ctx, s, path, fields, name);
  if (n === 0) ctx.error('MISSING_REQUIRED_FIELD', `Wait state '${name}' needs one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath'`, path, 'key');
  if ('Seconds' in s) checkNumber(ctx, s.Seconds, [...path, 'Seconds'], 'Seconds', { integer: true, min: 0, max: 99999999 }, lang);
  if ('Timestamp' in s) {
    const t = s.Timestamp;
    if (typeof t !== 'string') ctx.error('INVALID_FIELD_TYPE', `'Timestamp' must be an RFC 3339 timestamp string, not ${typeName(t)}`, [...path, 'Timestamp']);
    else if (!(lang !== 'JSONPath' && isJsonataString(t)) && !TIMESTAMP_RE.test(t)) {
      ctx.error('INVALID_FIELD_VALUE', `'Timestamp' must be an RFC 3339 timestamp with uppercase T and Z, e.g. "2026-01-01T00:00:00Z", got "${t}"`, [...path, 'Timestamp']);
    }
  }
  if (lang !== 'JSONata') {
    for (const f of ['SecondsPath', 'TimestampPath']) if (f in s) checkPathField(ctx, s[f], [...path, f], f, 'reference');
  }
}

function checkFail(ctx: Ctx, name: string, s: Record<string, unknown>, path: JsonPath, lang: LangMode): void {
  exclusive(ctx, s, path, ['Error', 'ErrorPath'], name);
  exclusive(ctx, s, path, ['Cause', 'CausePath'], name);
  for (const f of ['Error', 'Cause']) if (f in s) checkString(ctx, s[f], [...path, f], f);
  if (lang !== 'JSONata') {
    for (const f of ['ErrorPath', 'CausePath']) if (f in s) checkPathField(ctx, s[f], [...path, f], f, 'pathOrIntrinsic');
  }
}

function checkMap(ctx: Ctx, name: string, s: Record<string, unknown>, path: JsonPath, lang: LangMode, summary: StateSummary): void {
  const n = exclusive(ctx, s, path, ['ItemProcessor', 'Iterator'], name);
  if (n === 0) ctx.error('MISSING_REQUIRED_FIELD', `Map state '${name}' must have an 'ItemProcessor' (or the legacy 'Iterator')`, path, 'key');
  exclusive(ctx, s, path, ['ItemSelector', 'Parameters'], name);
  exclusive(ctx, s, path, ['MaxConcurrency', 'MaxConcurrencyPath'], name);
  exclusive(ctx, s, path, ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'], name);
  exclusive(ctx, s, path, ['ToleratedFailureCount', 'ToleratedFailureCountPath'], name);
  for (const f of ['ItemProcessor', 'Iterator']) {
    if (!(f in s)) continue;
    const proc = s[f];
    const pp = [...path, f];
    summary.nested.push({ obj: proc, path: pp, kind: 'processor', lang });
    if (isObj(proc) && 'ProcessorConfig' in proc) {
      const pc = proc.ProcessorConfig;
      const pcp = [...pp, 'ProcessorConfig'];
      if (!isObj(pc)) ctx.error('INVALID_FIELD_TYPE', `'ProcessorConfig' must be an object, not ${typeName(pc)}`, pcp);
      else {
        for (const k of Object.keys(pc)) {
          if (k !== 'Mode' && k !== 'ExecutionType') ctx.error('INVALID_PROPERTY_NAME', `Unknown field '${k}' in ProcessorConfig (allowed: Mode, ExecutionType)`, [...pcp, k], 'key');
        }
        if ('Mode' in pc) checkEnum(ctx, pc.Mode, [...pcp, 'Mode'], 'Mode', ['INLINE', 'DISTRIBUTED']);
        if ('ExecutionType' in pc) checkEnum(ctx, pc.ExecutionType, [...pcp, 'ExecutionType'], 'ExecutionType', ['STANDARD', 'EXPRESS']);
        if (pc.Mode === 'DISTRIBUTED' && !('ExecutionType' in pc)) {
          ctx.error('MISSING_REQUIRED_FIELD', `A DISTRIBUTED Map processor needs 'ExecutionType' ("STANDARD" or "EXPRESS")`, pcp, 'key');
        }
      }
    }
  }
  if (lang !== 'JSONata' && 'ItemsPath' in s) checkPathField(ctx, s.ItemsPath, [...path, 'ItemsPath'], 'ItemsPath', 'reference');
  if ('MaxConcurrency' in s) checkNumber(ctx, s.MaxConcurrency, [...path, 'MaxConcurrency'], 'MaxConcurrency', { integer: true, min: 0 }, lang);
  if ('ToleratedFailurePercentage' in s) checkNumber(ctx, s.ToleratedFailurePercentage, [...path, 'ToleratedFailurePercentage'], 'ToleratedFailurePercentage', { min: 0, max: 100 }, lang);
  if ('ToleratedFailureCount' in s) checkNumber(ctx, s.ToleratedFailureCount, [...path, 'ToleratedFailureCount'], 'ToleratedFailureCount', { integer: true, min: 0 }, lang);
  if (lang !== 'JSONata') {
    for (const f of ['MaxConcurrencyPath', 'ToleratedFailurePercentagePath', 'ToleratedFailureCountPath']) {
      if (f in s) checkPathField(ctx, s[f], [...path, f], f, 'reference');
    }
  }
  if ('Label' in s && checkString(ctx, s.Label, [...path, 'Label'], 'Label') && (s.Label as string).length > 40) {
    ctx.error('INVALID_FIELD_VALUE', `'Label' must be at most 40 characters (got ${(s.Label as string).length})`, [...path, 'Label']);
  }
  for (const f of ['ItemReader', 'ItemBatcher', 'ResultWriter']) {
    if (!(f in s)) continue;
    const v = s[f];
    const fp = [...path, f];
    if (!isObj(v)) {
      ctx.error('INVALID_FIELD_TYPE', `'${f}' must be an object, not ${typeName(v)}`, fp);
      continue;
    }
    if (lang !== 'JSONata') {
      if (f !== 'ItemBatcher' && 'Parameters' in v) checkPayloadTemplate(ctx, v.Parameters, [...fp, 'Parameters']);
      if (f === 'ItemBatcher' && 'BatchInput' in v) checkPayloadTemplate(ctx, v.BatchInput, [...fp, 'BatchInput']);
      for (const [k, val] of Object.entries(v)) {
        if (k.endsWith('Path')) checkPathField(ctx, val, [...fp, k], k, 'reference');
      }
      if (f === 'ItemReader' && isObj(v.ReaderConfig)) {
        for (const [k, val] of Object.entries(v.ReaderConfig)) {
          if (k.endsWith('Path')) checkPathField(ctx, val, [...fp, 'ReaderConfig', k], k, 'reference');
        }
      }
    }
    if (f === 'ItemBatcher') {
      exclusive(ctx, v, fp, ['MaxItemsPerBatch', 'MaxItemsPerBatchPath'], name);
      exclusive(ctx, v, fp, ['MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'], name);
      if ('MaxItemsPerBatch' in v) checkNumber(ctx, v.MaxItemsPerBatch, [...fp, 'MaxItemsPerBatch'], 'MaxItemsPerBatch', { integer: true, min: 0, exclusiveMin: true }, lang);
      if ('MaxInputBytesPerBatch' in v) checkNumber(ctx, v.MaxInputBytesPerBatch, [...fp, 'MaxInputBytesPerBatch'], 'MaxInputBytesPerBatch', { integer: true, min: 0, exclusiveMin: true, max: 262144 }, lang);
    }
    if (f === 'ItemReader' && 'ReaderConfig' in v) {
      const rc = v.ReaderConfig;
      if (!isObj(rc)) ctx.error('INVALID_FIELD_TYPE', `'ReaderConfig' must be an object, not ${typeName(rc)}`, [...fp, 'ReaderConfig']);
      else {
        exclusive(ctx, rc, [...fp, 'ReaderConfig'], ['MaxItems', 'MaxItemsPath'], name);
        if ('MaxItems' in rc) checkNumber(ctx, rc.MaxItems, [...fp, 'ReaderConfig', 'MaxItems'], 'MaxItems', { integer: true, min: 0 }, lang);
        checkReaderConfig(ctx, rc, [...fp, 'ReaderConfig'], lang);
      }
    }
    if (f === 'ResultWriter' && 'WriterConfig' in v) checkWriterConfig(ctx, v.WriterConfig, [...fp, 'WriterConfig'], lang);
    if ((f === 'ItemReader' || f === 'ResultWriter') && 'Resource' in v) checkS3Resource(ctx, v.Resource, [...fp, 'Resource'], f);
    if ((f === 'ItemReader' || f === 'ResultWriter') && !('Resource' in v) && !(f === 'ResultWriter' && 'WriterConfig' in v)) {
      ctx.error('MISSING_REQUIRED_FIELD', `'${f}' must have a 'Resource'`, fp, 'key');
    }
  }
}
