import { describe, expect, it } from 'vitest';
import { parseDocument } from '../parse/document.js';
import { validateDefinition, validateDocument } from './index.js';

/** A one-state machine around `state` (named S). */
const one = (state: object, extra: object = {}) => ({ StartAt: 'S', States: { S: state }, ...extra });
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:f';
const pass = { Type: 'Pass', End: true };
const errorCodes = (def: unknown) => validateDefinition(def).filter((d) => d.severity === 'error').map((d) => d.code);

describe('valid definitions produce no errors', () => {
  it.each([
    { reason: 'minimal Pass', def: one(pass) },
    { reason: 'Succeed and Fail are terminal', def: { StartAt: 'A', States: { A: { Type: 'Choice', Choices: [{ Variable: '$.x', BooleanEquals: true, Next: 'Ok' }], Default: 'Bad' }, Ok: { Type: 'Succeed' }, Bad: { Type: 'Fail', Error: 'E', Cause: 'c' } } } },
    { reason: 'a cycle that can exit', def: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, Next: 'C' }, C: { Type: 'Choice', Choices: [{ Variable: '$.done', BooleanEquals: false, Next: 'W' }], Default: 'End' }, End: { Type: 'Succeed' } } } },
    { reason: 'Task with paths, templates, intrinsics, Retry and Catch', def: one({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', InputPath: '$.in', Parameters: { 'Payload.$': '$', 'id.$': "States.Format('{}', $$.Execution.Id)", nested: { 'a.$': '$.a', list: [{ 'b.$': '$myVar' }] } }, ResultSelector: { 'body.$': '$.Payload' }, ResultPath: '$.out', OutputPath: '$', TimeoutSeconds: 30, HeartbeatSeconds: 10, Retry: [{ ErrorEquals: ['Lambda.ServiceException'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2, MaxDelaySeconds: 10, JitterStrategy: 'FULL' }, { ErrorEquals: ['States.ALL'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S', ResultPath: '$.error' }], End: true }) },
    { reason: 'ResultPath/InputPath/OutputPath null', def: one({ Type: 'Pass', InputPath: null, OutputPath: null, ResultPath: null, End: true }) },
    { reason: 'JSONata machine', def: { QueryLanguage: 'JSONata', StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { Payload: '{% $states.input %}' }, Output: '{% $states.result.Payload %}', Assign: { x: '{%1+1%}' }, TimeoutSeconds: '{% $states.input.t %}', Next: 'C' }, C: { Type: 'Choice', Choices: [{ Condition: '{% $x > 1 %}', Next: 'D' }], Default: 'D' }, D: { Type: 'Wait', Seconds: '{% 1 %}', Next: 'M' }, M: { Type: 'Map', Items: '{% [1,2] %}', ItemSelector: { v: '{% $states.context.Map.Item.Value %}' }, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', Output: { v: '{% $states.input.v %}' }, End: true } } }, End: true } } } },
    { reason: 'a JSONata state inside a JSONPath machine', def: { StartAt: 'A', States: { A: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% 1 %}', Next: 'B' }, B: { Type: 'Pass', Parameters: { 'a.$': '$' }, End: true } } } },
    { reason: 'nested states of a JSONata Map in a JSONPath machine may use either language', def: one({ Type: 'Map', QueryLanguage: 'JSONata', Items: [1], ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $states.input %}', Next: 'Q' }, Q: { Type: 'Pass', Parameters: { 'a.$': '$' }, End: true } } }, End: true }) },
    { reason: 'distributed Map with ItemReader, ItemBatcher, ResultWriter', def: one({ Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItemsPath: '$.max' }, Parameters: { Bucket: 'b', 'Key.$': '$.key' } }, ItemBatcher: { MaxItemsPerBatch: 10, BatchInput: { 'x.$': '$.x' } }, ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } }, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, MaxConcurrency: 100, ToleratedFailurePercentage: 5, Label: 'lbl', End: true }) },
    { reason: 'legacy Iterator and Parameters on Map', def: one({ Type: 'Map', ItemsPath: '$.items', Parameters: { 'v.$': '$$.Map.Item.Value' }, Iterator: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true }) },
    { reason: 'Choice with And/Or/Not and path comparators', def: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ And: [{ Variable: '$.a', NumericGreaterThanPath: '$.b' }, { Not: { Variable: '$.s', StringMatches: 'x*' } }, { Or: [{ Variable: '$.t', TimestampLessThan: '2026-01-01T00:00:00Z' }, { Variable: '$.n', IsNull: true }] }], Next: 'E' }], Default: 'E' }, E: { Type: 'Succeed' } } } },
    { reason: 'Fail with ErrorPath/CausePath intrinsic', def: one({ Type: 'Fail', ErrorPath: '$.error', CausePath: "States.Format('failed: {}', $.why)" }) },
    { reason: 'a state named like a field', def: { StartAt: 'Iterator', States: { Iterator: pass } } },
    { reason: 'forms the asl-validator package wrongly rejects: $.[0], {%expr%} without spaces', def: { StartAt: 'A', States: { A: { Type: 'Pass', InputPath: '$.[0]', Parameters: { 'v.$': "$['a b'].c[?(@.x)]" }, Next: 'B' }, B: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{%$states.input%}', End: true } } } },
    { reason: 'Choice Variable on the Context Object and a variable', def: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$$.Execution.Input.x', IsPresent: true, Next: 'E' }, { Variable: '$count', NumericGreaterThanEqualsPath: '$$.Map.Item.Index', Next: 'E' }], Default: 'E' }, E: { Type: 'Succeed' } } } },
    { reason: 'End: false next to Next', def: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B', End: false }, B: pass } } },
  ])('$reason', ({ def }) => {
    expect(validateDefinition(def).filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('invalid definitions', () => {
  it.each([
    // structure
    { reason: 'StartAt names no state (reachability is then not reported)', def: { StartAt: 'X', States: { S: pass } }, codes: ['INVALID_START_AT'] },
    { reason: 'missing StartAt and States', def: {}, codes: ['MISSING_REQUIRED_FIELD', 'MISSING_REQUIRED_FIELD'] },
    { reason: 'Next to an unknown state', def: one({ Type: 'Pass', Next: 'Nope' }), codes: ['INVALID_NEXT', 'NO_TERMINAL_STATE'] },
    { reason: 'Default to an unknown state', def: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Next: 'E' }], Default: 'Nope' }, E: { Type: 'Succeed' } } }, codes: ['INVALID_DEFAULT'] },
    { reason: 'Catch Next to an unknown state', def: one({ Type: 'Task', Resource: ARN, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Nope' }], End: true }), codes: ['INVALID_NEXT'] },
    { reason: 'an unreachable state', def: { StartAt: 'A', States: { A: pass, B: pass } }, codes: ['UNREACHABLE_STATE'] },
    { reason: 'an unreachable cycle', def: { StartAt: 'A', States: { A: pass, B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Pass', Next: 'B' } } }, codes: ['UNREACHABLE_STATE', 'UNREACHABLE_STATE'] },
    { reason: 'no terminal state (an endless loop)', def: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } }, codes: ['NO_TERMINAL_STATE'] },
    { reason: 'duplicate names across a Parallel branch', def: { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'P', States: { P: pass } }], End: true } } }, codes: ['DUPLICATE_STATE_NAMES'] },
    { reason: 'transition out of a Parallel branch', def: { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Done' } } }], Next: 'Done' }, Done: { Type: 'Succeed' } } }, codes: ['INVALID_NEXT', 'NO_TERMINAL_STATE'] },
    { reason: 'branch StartAt naming an outer state', def: { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'P', States: { A: pass } }], End: true } } }, codes: ['INVALID_START_AT'] },
    { reason: 'a state name over 80 characters', def: { StartAt: 'x'.repeat(81), States: { ['x'.repeat(81)]: pass } }, codes: ['INVALID_STATE_NAME'] },
    { reason: 'unknown top-level field', def: one(pass, { Foo: 1 }), codes: ['INVALID_PROPERTY_NAME'] },
    { reason: 'a state that is not an object', def: { StartAt: 'S', States: { S: pass, QueryLanguage: 'JSONata' } }, codes: ['INVALID_FIELD_TYPE', 'UNREACHABLE_STATE'] },
    // fields and types
    { reason: 'unknown Type', def: one({ Type: 'Lambda', End: true }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'missing Type', def: one({ End: true }), codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'Task without Resource', def: one({ Type: 'Task', End: true }), codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'Next that is not a string', def: { StartAt: 'S', States: { S: { Type: 'Pass', Next: 3 } } }, codes: ['INVALID_FIELD_TYPE', 'NO_TERMINAL_STATE'] },
    { reason: 'Seconds as a string', def: one({ Type: 'Wait', Seconds: '120', End: true }), codes: ['INVALID_FIELD_TYPE'] },
    { reason: 'negative Seconds', def: one({ Type: 'Wait', Seconds: -1, End: true }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'TimeoutSeconds 0', def: one({ Type: 'Task', Resource: ARN, TimeoutSeconds: 0, End: true }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'Field of another state type', def: one({ Type: 'Pass', Resource: ARN, End: true }), codes: ['INVALID_PROPERTY_NAME'] },
    { reason: 'Parameters in a JSONata state', def: one({ Type: 'Task', QueryLanguage: 'JSONata', Resource: ARN, Parameters: {}, End: true }), codes: ['INVALID_PROPERTY_NAME'] },
    { reason: 'Arguments in a JSONPath state', def: one({ Type: 'Task', Resource: ARN, Arguments: {}, End: true }), codes: ['INVALID_PROPERTY_NAME'] },
    { reason: 'JSONPath state in a JSONata machine', def: one({ Type: 'Pass', QueryLanguage: 'JSONPath', End: true }, { QueryLanguage: 'JSONata' }), codes: ['INVALID_QUERY_LANGUAGE'] },
    { reason: 'unknown QueryLanguage', def: one(pass, { QueryLanguage: 'XPath' }), codes: ['INVALID_FIELD_VALUE'] },
    // transitions
    { reason: 'both Next and End', def: { StartAt: 'S', States: { S: { Type: 'Pass', Next: 'T', End: true }, T: pass } }, codes: ['TERMINAL_STATE_WITH_NEXT'] },
    { reason: 'neither Next nor End', def: one({ Type: 'Pass' }), codes: ['MISSING_TRANSITION', 'NO_TERMINAL_STATE'] },
    { reason: 'Fail with Next (its target still counts as reached, to avoid a second error)', def: { StartAt: 'S', States: { S: { Type: 'Fail', Next: 'T' }, T: pass } }, codes: ['INVALID_PROPERTY_NAME'] },
    { reason: 'Choice with End', def: one({ Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Next: 'S' }], End: true }), codes: ['INVALID_PROPERTY_NAME', 'NO_TERMINAL_STATE'] },
    // mutually exclusive
    { reason: 'Wait with two durations', def: one({ Type: 'Wait', Seconds: 1, SecondsPath: '$.s', End: true }), codes: ['MUTUALLY_EXCLUSIVE'] },
    { reason: 'Wait without a duration', def: one({ Type: 'Wait', End: true }), codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'Wait with a malformed Timestamp', def: one({ Type: 'Wait', Timestamp: '2026-01-01 00:00', End: true }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'TimeoutSeconds and TimeoutSecondsPath', def: one({ Type: 'Task', Resource: ARN, TimeoutSeconds: 5, TimeoutSecondsPath: '$.t', End: true }), codes: ['MUTUALLY_EXCLUSIVE'] },
    { reason: 'Error and ErrorPath', def: one({ Type: 'Fail', Error: 'E', ErrorPath: '$.e' }), codes: ['MUTUALLY_EXCLUSIVE'] },
    // paths, intrinsics, JSONata
    { reason: 'malformed InputPath', def: one({ Type: 'Pass', InputPath: '$.a[', End: true }), codes: ['INVALID_JSON_PATH'] },
    { reason: 'path not starting with $', def: one({ Type: 'Pass', OutputPath: 'a.b', End: true }), codes: ['INVALID_JSON_PATH'] },
    { reason: 'ResultPath with a wildcard', def: one({ Type: 'Pass', ResultPath: '$.a[*]', End: true }), codes: ['INVALID_JSON_PATH'] },
    { reason: 'ResultPath with a filter', def: one({ Type: 'Pass', ResultPath: '$.a[?(@.x)]', End: true }), codes: ['INVALID_JSON_PATH'] },
    { reason: 'malformed .$ value in Parameters', def: one({ Type: 'Pass', Parameters: { 'a.$': '$..' }, End: true }), codes: ['INVALID_JSON_PATH'] },
    { reason: '.$ value that is neither path nor intrinsic', def: one({ Type: 'Pass', Parameters: { 'a.$': 'hello' }, End: true }), codes: ['INVALID_JSON_PATH'] },
    { reason: '.$ value that is not a string', def: one({ Type: 'Pass', Parameters: { 'a.$': 1 }, End: true }), codes: ['INVALID_FIELD_TYPE'] },
    { reason: 'unknown intrinsic', def: one({ Type: 'Pass', Parameters: { 'a.$': 'States.Foo($.x)' }, End: true }), codes: ['INVALID_INTRINSIC'] },
    { reason: 'unbalanced intrinsic', def: one({ Type: 'Task', Resource: ARN, ResultSelector: { 'a.$': "States.Format('{}', $.x" }, End: true }), codes: ['INVALID_INTRINSIC'] },
    { reason: 'bad path in ItemSelector', def: one({ Type: 'Map', ItemSelector: { 'a.$': '$$.Map.Item.Value]' }, ItemProcessor: { StartAt: 'P', States: { P: pass } }, End: true }), codes: ['INVALID_JSON_PATH'] },
    { reason: 'bad Assign path', def: one({ Type: 'Pass', Assign: { 'x.$': '$.' }, End: true }), codes: ['INVALID_JSON_PATH'] },
    { reason: 'x and x.$ in one template', def: one({ Type: 'Pass', Parameters: { a: 1, 'a.$': '$.a' }, End: true }), codes: ['DUPLICATE_TEMPLATE_KEY'] },
    { reason: 'JSONata syntax error', def: one({ Type: 'Pass', QueryLanguage: 'JSONata', Output: { a: '{% $states.input. %}' }, End: true }), codes: ['INVALID_JSONATA'] },
    { reason: 'empty JSONata expression', def: one({ Type: 'Pass', QueryLanguage: 'JSONata', Output: '{%  %}', End: true }), codes: ['INVALID_JSONATA'] },
    // Choice
    { reason: 'malformed Variable path', def: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a[', IsPresent: true, Next: 'E' }] }, E: { Type: 'Succeed' } } }, codes: ['INVALID_JSON_PATH'] },
    { reason: 'malformed *Path comparator', def: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', StringEqualsPath: 'b', Next: 'E' }] }, E: { Type: 'Succeed' } } }, codes: ['INVALID_JSON_PATH'] },
    { reason: 'two operators in one rule', def: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', StringEquals: 'x', IsPresent: true, Next: 'E' }] }, E: { Type: 'Succeed' } } }, codes: ['MUTUALLY_EXCLUSIVE'] },
    { reason: 'rule without an operator', def: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', Next: 'E' }] }, E: { Type: 'Succeed' } } }, codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'rule without Variable', def: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ StringEquals: 'x', Next: 'E' }] }, E: { Type: 'Succeed' } } }, codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'top-level rule without Next', def: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true }], Default: 'E' }, E: { Type: 'Succeed' } } }, codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'Next inside a nested rule', def: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Not: { Variable: '$.a', IsPresent: true, Next: 'E' }, Next: 'E' }] }, E: { Type: 'Succeed' } } }, codes: ['INVALID_PROPERTY_NAME'] },
    { reason: 'operand of the wrong type', def: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', NumericEquals: '1', Next: 'E' }] }, E: { Type: 'Succeed' } } }, codes: ['INVALID_FIELD_TYPE'] },
    { reason: 'empty Choices', def: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [], Default: 'E' }, E: { Type: 'Succeed' } } }, codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'JSONata rule without Condition', def: { QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Next: 'E' }] }, E: { Type: 'Succeed' } } }, codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'JSONPath operator in a JSONata rule', def: { QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Variable: '$.a', Next: 'E' }] }, E: { Type: 'Succeed' } } }, codes: ['INVALID_PROPERTY_NAME'] },
    // Retry / Catch
    { reason: 'Retry without ErrorEquals', def: one({ Type: 'Task', Resource: ARN, Retry: [{ MaxAttempts: 1 }], End: true }), codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'empty ErrorEquals', def: one({ Type: 'Task', Resource: ARN, Retry: [{ ErrorEquals: [] }], End: true }), codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'States.ALL not alone', def: one({ Type: 'Task', Resource: ARN, Retry: [{ ErrorEquals: ['States.ALL', 'X'] }], End: true }), codes: ['INVALID_STATES_ALL'] },
    { reason: 'States.ALL not last', def: one({ Type: 'Task', Resource: ARN, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S' }, { ErrorEquals: ['X'], Next: 'S' }], End: true }), codes: ['INVALID_STATES_ALL'] },
    { reason: 'BackoffRate below 1', def: one({ Type: 'Task', Resource: ARN, Retry: [{ ErrorEquals: ['X'], BackoffRate: 0.5 }], End: true }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'unknown retrier field', def: one({ Type: 'Task', Resource: ARN, Retry: [{ ErrorEquals: ['X'], Max: 1 }], End: true }), codes: ['INVALID_PROPERTY_NAME'] },
    { reason: 'Catch without Next', def: one({ Type: 'Task', Resource: ARN, Catch: [{ ErrorEquals: ['X'] }], End: true }), codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'Assign on a Fail state (dg/workflow-variables.html lists Pass, Task, Map, Parallel, Choice, Wait)', def: one({ Type: 'Fail', Assign: { a: 1 } }), codes: ['INVALID_PROPERTY_NAME'] },
    { reason: 'Retry on a Pass state', def: one({ Type: 'Pass', Retry: [], End: true }), codes: ['INVALID_PROPERTY_NAME'] },
    // Map / Parallel
    { reason: 'Map without ItemProcessor', def: one({ Type: 'Map', End: true }), codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'Map with both ItemProcessor and Iterator', def: one({ Type: 'Map', ItemProcessor: { StartAt: 'A', States: { A: pass } }, Iterator: { StartAt: 'B', States: { B: pass } }, End: true }), codes: ['MUTUALLY_EXCLUSIVE'] },
    { reason: 'bad ProcessorConfig Mode', def: one({ Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'FAST' }, StartAt: 'A', States: { A: pass } }, End: true }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'ItemsPath with a wildcard', def: one({ Type: 'Map', ItemsPath: '$.a[*]', ItemProcessor: { StartAt: 'A', States: { A: pass } }, End: true }), codes: ['INVALID_JSON_PATH'] },
    { reason: 'Parallel without branches', def: one({ Type: 'Parallel', Branches: [], End: true }), codes: ['INVALID_FIELD_TYPE'] },
    { reason: 'ItemBatcher MaxItemsPerBatch 0', def: one({ Type: 'Map', ItemBatcher: { MaxItemsPerBatch: 0 }, ItemProcessor: { StartAt: 'A', States: { A: pass } }, End: true }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'ReaderConfig MaxItems and MaxItemsPath', def: one({ Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { MaxItems: 1, MaxItemsPath: '$.m' } }, ItemProcessor: { StartAt: 'A', States: { A: pass } }, End: true }), codes: ['MUTUALLY_EXCLUSIVE'] },
    { reason: 'DISTRIBUTED without ExecutionType', def: one({ Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'A', States: { A: pass } }, End: true }), codes: ['MISSING_REQUIRED_FIELD'] },
    { reason: 'JSONPath processor in a JSONata machine', def: one({ Type: 'Map', ItemProcessor: { QueryLanguage: 'JSONPath', StartAt: 'A', States: { A: pass } }, End: true }, { QueryLanguage: 'JSONata' }), codes: ['INVALID_QUERY_LANGUAGE'] },
    { reason: 'Items (JSONata-only) in a JSONPath Map', def: one({ Type: 'Map', Items: [1], ItemProcessor: { StartAt: 'A', States: { A: pass } }, End: true }), codes: ['INVALID_PROPERTY_NAME'] },
    { reason: 'unknown field in a branch', def: one({ Type: 'Parallel', Branches: [{ StartAt: 'A', States: { A: pass }, Foo: 1 }], End: true }), codes: ['INVALID_PROPERTY_NAME'] },
    { reason: 'processor without a terminal state', def: one({ Type: 'Map', ItemProcessor: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A' } } }, End: true }), codes: ['NO_TERMINAL_STATE'] },
  ])('$reason', ({ def, codes }) => {
    expect(errorCodes(def).sort()).toEqual([...codes].sort());
  });
});

describe('warnings (accepted by AWS, but suspicious)', () => {
  const warningCodes = (def: unknown) => validateDefinition(def).filter((d) => d.severity === 'warning').map((d) => d.code);
  it.each([
    { reason: 'HeartbeatSeconds not below TimeoutSeconds (spec MUST; an AWS sample does it)', def: one({ Type: 'Task', Resource: ARN, TimeoutSeconds: 10, HeartbeatSeconds: 10, End: true }), codes: ['INVALID_FIELD_VALUE'] },
    { reason: 'a Choice timestamp operand that is not RFC 3339', def: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.t', TimestampEquals: 'yesterday', Next: 'E' }] }, E: { Type: 'Succeed' } } }, codes: ['INVALID_TIMESTAMP'] },
    { reason: 'a .$ key in a JSONata state (not evaluated there)', def: one({ Type: 'Pass', QueryLanguage: 'JSONata', Output: { 'a.$': '$.x' }, End: true }), codes: ['JSONPATH_IN_JSONATA'] },
    { reason: 'a Resource that is not an ARN', def: one({ Type: 'Task', Resource: 'my-function', End: true }), codes: ['INVALID_RESOURCE'] },
    { reason: 'an unknown States.* error name in ErrorEquals', def: one({ Type: 'Task', Resource: ARN, Retry: [{ ErrorEquals: ['States.Bogus'] }], End: true }), codes: ['UNKNOWN_ERROR_NAME'] },
  ])('$reason', ({ def, codes }) => {
    expect(errorCodes(def)).toEqual([]);
    expect(warningCodes(def)).toEqual(codes);
  });
});

describe('diagnostic shape and ranges', () => {
  const text = `{
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Next": "Nowhere" },
    "B": { "Type": "Succeed" }
  }
}`;
  const diags = validateDocument(parseDocument(text));
  const byCode = (c: string) => diags.find((d) => d.code === c)!;

  it('points INVALID_NEXT at the Next value, with a specific message', () => {
    const d = byCode('INVALID_NEXT');
    expect(text.slice(d.range.offset, d.range.offset + d.range.length)).toBe('"Nowhere"');
    expect(d).toMatchObject({ severity: 'error', line: 4, path: ['States', 'A', 'Next'] });
    expect(d.message).toBe("Next target 'Nowhere' of state 'A' is not a state in this scope");
  });

  it('points UNREACHABLE_STATE at the state name key', () => {
    const d = byCode('UNREACHABLE_STATE');
    expect(text.slice(d.range.offset, d.range.offset + d.range.length)).toBe('"B"');
    expect(d).toMatchObject({ line: 5, column: 5 });
  });

  it('points JSONata errors inside the string', () => {
    const t = '{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","Output":"{% 1 + %}","End":true}}}';
    const d = validateDocument(parseDocument(t)).find((x) => x.code === 'INVALID_JSONATA')!;
    const start = t.indexOf('{% 1 + %}');
    expect(d.range.offset).toBeGreaterThan(start);
    expect(d.range.offset).toBeLessThan(start + '{% 1 + %}'.length);
  });

  it('points JSONPath errors at the offending character', () => {
    const t = '{"StartAt":"S","States":{"S":{"Type":"Pass","InputPath":"$.a]","End":true}}}';
    const d = validateDocument(parseDocument(t)).find((x) => x.code === 'INVALID_JSON_PATH')!;
    expect(t[d.range.offset]).toBe(']');
  });

  it('returns only syntax errors for unparsable text', () => {
    expect(validateDocument(parseDocument('{"StartAt": }')).map((d) => d.code)).toEqual(['JSON_SYNTAX']);
  });

  it('names the other scope when a transition leaves a branch', () => {
    const d = validateDefinition({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Done' } } }], Next: 'Done' }, Done: { Type: 'Succeed' } } })
      .find((x) => x.code === 'INVALID_NEXT')!;
    expect(d.message).toMatch(/'Done' is in another scope/);
    expect(d.path).toEqual(['States', 'P', 'Branches', 0, 'States', 'A', 'Next']);
  });

  it('validates YAML documents with YAML ranges', () => {
    const y = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: Nowhere\n';
    const d = validateDocument(parseDocument(y)).find((x) => x.code === 'INVALID_NEXT')!;
    expect(y.slice(d.range.offset, d.range.offset + d.range.length)).toBe('Nowhere');
    expect(d.line).toBe(5);
  });

  it('underlines only the opening brace when a field is missing on an object without a key', () => {
    const t = '{"States": {"A": {"Type": "Pass", "End": true}}}';
    const d = validateDocument(parseDocument(t)).find((x) => x.code === 'MISSING_REQUIRED_FIELD')!;
    expect(d.range).toEqual({ offset: 0, length: 1 });
    expect(d.message).toBe("The state machine must have 'StartAt'");
  });

  it('gives zero-length ranges for plain objects', () => {
    const d = validateDefinition({ StartAt: 'X', States: { A: { Type: 'Pass', End: true } } })[0];
    expect(d).toMatchObject({ range: { offset: 0, length: 0 }, line: 1, column: 1 });
  });

  it.each([
    { reason: 'a misspelt Next target', def: { StartAt: 'Process', States: { Process: { Type: 'Pass', Next: 'Finsh' }, Finish: { Type: 'Succeed' } } }, want: /did you mean 'Finish'\?/ },
    { reason: 'a misspelt field', def: one({ Type: 'Task', Resorce: ARN, End: true }), want: /Unknown field 'Resorce' for a Task state \(did you mean 'Resource'\?\)/ },
    { reason: 'a misspelt intrinsic', def: one({ Type: 'Pass', Parameters: { 'a.$': 'States.Fromat($.x)' }, End: true }), want: /did you mean 'States.Format'\?/ },
    { reason: 'a misspelt predefined error', def: one({ Type: 'Task', Resource: ARN, Retry: [{ ErrorEquals: ['States.TimeOut'] }], End: true }), want: /did you mean 'States.Timeout'\?/ },
  ])('suggests a fix for $reason', ({ def, want }) => {
    expect(validateDefinition(def).map((d) => d.message).join('\n')).toMatch(want);
  });

  it('never throws on junk', () => {
    for (const j of [null, 1, 'x', [], { States: 1 }, { StartAt: 1, States: { a: null } }, { StartAt: 'a', States: { a: { Type: 'Map', ItemProcessor: 5, End: true } } },
      { StartAt: 'a', States: { a: { Type: 'Choice', Choices: [1, { And: 1 }, { Not: [] }] } } }, { StartAt: 'a', States: { a: { Type: 'Parallel', Branches: [null, { States: [] }], End: true } } }]) {
      expect(() => validateDefinition(j)).not.toThrow();
    }
  });
});
