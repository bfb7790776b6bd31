/**
 * Choice state (spec "Choice State"; AWS dg/state-choice.html): the first matching rule's Next, else Default, else
 * States.NoChoiceMatched. JSONPath rules are evaluated on the effective input (after InputPath); JSONata rules use
 * `Condition`. A rule's `Assign`/`Output` replace the state's when that rule matches.
 */
import { AslError } from '../errors.js';
import { compileChoiceRule, type CompiledChoiceRule, type CompiledJsonata } from '../io/index.js';
import {
  compileAssign, evalCtx, finishPassThrough, finishPassThroughJp, jsonata, type AssignPlan, type CompiledState,
} from '../skeleton.js';
import type { QueryLanguage, RawState } from '../types.js';

interface Rule { jp?: CompiledChoiceRule; cond?: CompiledJsonata; condText?: string; next: string; assign?: AssignPlan; output?: CompiledJsonata }

/** Compiles a Choice state's rules once per definition (spec "Choice State"); fails with `States.NoChoiceMatched`. */
export function compileChoice(raw: RawState, ql: QueryLanguage): CompiledState['run'] {
  const rules: Rule[] = (Array.isArray(raw.Choices) ? raw.Choices : []).map((r: any, i: number) => {
    const rule: Rule = { next: r.Next, assign: compileAssign(r.Assign, ql) };
    if (ql === 'JSONata') {
      rule.cond = jsonata(r.Condition, `Choices[${i}].Condition`);
      rule.condText = typeof r.Condition === 'string' ? r.Condition : JSON.stringify(r.Condition);
      if ('Output' in r) rule.output = jsonata(r.Output, 'Output');
    } else {
      rule.jp = compileChoiceRule(r);
    }
    return rule;
  });
  const dflt: string | undefined = raw.Default;
  if (ql === 'JSONata') {
    return async (x) => {
      let matched: Rule | undefined;
      const ctx = evalCtx(x, x.input);
      for (let i = 0; i < rules.length; i++) {
        const r = rules[i]!;
        const v = await r.cond!.evaluate(ctx);
        if (typeof v !== 'boolean') {
          const e = new AslError('States.QueryEvaluationError',
            `The JSONata expression '${stripExpr(r.condText!)}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '${typeName(v)}' for value: ${JSON.stringify(v)}`);
          (e as any).location = 'Condition';
          throw e;
        }
        if (v) { matched = r; break; }
      }
      const next = matched ? matched.next : dflt;
      if (next === undefined) throw new AslError('States.NoChoiceMatched', 'No Matches!');
      // A matching rule's Assign/Output replace the state's; the state-level ones belong to the Default path
      // (as AWS behaves, cf. LocalStack's snapshot-verified StateChoice).
      const output = matched ? await finishPassThrough(x, matched.assign, matched.output, true) : await finishPassThrough(x);
      return { output, next };
    };
  }
  return (x) => {
    let matched: Rule | undefined;
    let v = x.input;
    const io = x.cs.io;
    if (io.inputPath === null) v = {};
    else if (io.inputPath) v = io.inputPath.evaluate(evalCtx(x, v));
    const ctx = evalCtx(x, v);
    for (let i = 0; i < rules.length; i++) if (rules[i]!.jp!.evaluate(ctx)) { matched = rules[i]; break; }
    const next = matched ? matched.next : dflt;
    if (next === undefined) throw new AslError('States.NoChoiceMatched', 'No Matches!');
    const output = matched ? finishPassThroughJp(x, matched.assign, true) : finishPassThroughJp(x);
    return { output, next };
  };
}


function stripExpr(s: string): string {
  const m = /^\{%([\s\S]*)%\}$/.exec(s.trim());
  return m ? m[1].trim() : s;
}
/** The JSON type name of a value as AWS's Choice/JSONata error causes spell it (object, array, string, number, boolean, null). */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v === undefined) return 'undefined';
  return typeof v;
}
