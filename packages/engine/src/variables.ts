import type { VariableScope } from './io/eval-context.js';

/**
 * Workflow variables (AWS dg/workflow-variables.html): a scope per execution, Parallel branch and Map iteration.
 * Inner scopes read outer variables; assignments stay in the scope that made them (they never flow back out).
 */
export class Vars implements VariableScope {
  /** This scope's own variables; created on the first assignment (most Map iterations and branches assign none). */
  declare private own: Map<string, unknown> | undefined;
  declare readonly parent: Vars | undefined;
  constructor(parent?: Vars) {
    // assigned here (`declare` fields): class-field initialisers would cost a call per scope
    this.parent = parent;
    this.own = undefined;
  }
  has(name: string): boolean {
    for (let s: Vars | undefined = this; s; s = s.parent) if (s.own !== undefined && s.own.has(name)) return true;
    return false;
  }
  get(name: string): unknown {
    for (let s: Vars | undefined = this; s; s = s.parent) if (s.own !== undefined && s.own.has(name)) return s.own.get(name);
    return undefined;
  }
  set(name: string, value: unknown): void { (this.own ??= new Map()).set(name, value); }
  /** Every visible variable, inner scopes shadowing outer ones (for TestState and debugging). */
  snapshot(): Record<string, unknown> {
    const chain: Vars[] = [];
    for (let s: Vars | undefined = this; s; s = s.parent) chain.unshift(s);
    const out: Record<string, unknown> = {};
    for (const s of chain) if (s.own !== undefined) for (const [k, v] of s.own) out[k] = v;
    return out;
  }
}
