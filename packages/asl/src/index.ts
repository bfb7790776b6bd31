/**
 * @asl-studio/asl — the Amazon States Language document model: types, a parser with source ranges (JSON and YAML),
 * YAML export, and a validator with stable diagnostic codes. Pure TypeScript (no DOM).
 * See docs/CONTRACT.md and this package's README.
 */
export type * from './types/index.js';
export { STATE_TYPES } from './types/index.js';
export { parseDocument, fromYaml, toYaml, detectFormat, type ParsedDocument } from './parse/document.js';
export { lineColOf } from './parse/line-col.js';
export { validateDocument, validateDefinition } from './validate/index.js';
export { forEachState, stateScopes, type StateScope } from './walk.js';
export { parseJsonPath, type JsonPathParseResult, type JsonPathSegment } from './validate/jsonpath.js';
export {
  parseIntrinsic, looksLikeIntrinsic, INTRINSIC_FUNCTION_NAMES, INTRINSIC_ARITY,
  type IntrinsicCall, type IntrinsicArg, type IntrinsicParseResult,
} from './validate/intrinsic.js';
export { isJsonataString, checkJsonata, type JsonataCheckResult } from './validate/jsonata.js';
export {
  STATE_FIELDS, DOUBTFUL_FIELDS, MACHINE_FIELDS, BRANCH_FIELDS, PROCESSOR_FIELDS, RETRIER_FIELDS, CATCHER_FIELDS,
  isFieldAllowed, type StateFieldTable,
} from './validate/fields.js';
export { CHOICE_COMPARISON_OPERATORS } from './validate/choice.js';
export { FIELD_INFO, type FieldInfo, type FieldKind } from './validate/field-info.js';
export { PREDEFINED_ERRORS } from './validate/retry-catch.js';
export { MAX_STATE_NAME_LENGTH } from './validate/machine.js';
