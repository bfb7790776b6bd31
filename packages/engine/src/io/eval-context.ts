/**
 * What a path, payload template, intrinsic, Choice rule or JSONata expression can read while a state runs.
 *
 * - `input`: the value `$` denotes (JSONPath) or `$states.input` (JSONata).
 * - `context`: the Context Object, `$$` (JSONPath) / `$states.context` (JSONata); AWS dg/input-output-contextobject.html.
 * - `variables`: a lookup for workflow variables (`$name`), inner scopes see outer ones; AWS dg/workflow-variables.html.
 * - `result` / `errorOutput`: `$states.result` / `$states.errorOutput` where the spec defines them (JSONata only).
 */
export interface EvalContext {
  input: unknown;
  context: unknown;
  variables: VariableScope;
  result?: unknown;
  errorOutput?: unknown;
}

/** Read access to workflow variables; `get` returns `undefined` for an unknown name and `has` tells them apart. */
export interface VariableScope {
  has(name: string): boolean;
  get(name: string): unknown;
}
