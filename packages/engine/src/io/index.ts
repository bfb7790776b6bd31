/**
 * The expression layer of the interpreter: JSONPath paths, reference paths, payload templates, Choice rules,
 * intrinsic functions and JSONata. Everything compiles once per definition (closures) and evaluates per transition;
 * evaluation throws {@link AslError} with the ASL error name and AWS's cause text.
 */
export type { EvalContext, VariableScope } from './eval-context.js';
export {
  compilePath,
  compileReferencePath,
  describeField,
  MISSING,
  PathNotFoundError,
  parsePath,
  type CompiledPath,
  type CompilePathOptions,
  type ReferencePath,
  type PathNotFoundInfo,
} from './jsonpath.js';
export { compilePayloadTemplate, type CompiledTemplate } from './payload-template.js';
export { compileChoiceRule, parseTimestamp, wildcardToRegExp, CHOICE_OPERATORS, type CompiledChoiceRule } from './choice-rule.js';
export { compileIntrinsic, isIntrinsic, INTRINSIC_NAMES, type CompiledIntrinsic } from './intrinsics.js';
export {
  compileJsonataTemplate,
  isJsonataExpression,
  setJsonataTimeLimit,
  type CompiledJsonata,
  type JsonataTemplateOptions,
} from '../jsonata/index.js';
export { byteLength, utf8Length } from './bytes.js';
export { deepEqual } from './json-equal.js';
