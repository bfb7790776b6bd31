/**
 * Readable one-line forms of Choice rules, for edge labels.
 * Follows the States Language spec § "Choice Rules" (JSONPath comparison operators, And/Or/Not) and the
 * AWS JSONata form (`Condition: "{% … %}"`).
 */

const OPS: Record<string, string> = {
  StringEquals: '==', StringLessThan: '<', StringGreaterThan: '>', StringLessThanEquals: '<=',
  StringGreaterThanEquals: '>=', StringMatches: 'matches',
  NumericEquals: '==', NumericLessThan: '<', NumericGreaterThan: '>', NumericLessThanEquals: '<=',
  NumericGreaterThanEquals: '>=',
  BooleanEquals: '==',
  TimestampEquals: '==', TimestampLessThan: '<', TimestampGreaterThan: '>', TimestampLessThanEquals: '<=',
  TimestampGreaterThanEquals: '>=',
};

const TESTS: Record<string, [string, string]> = {
  IsNull: ['is null', 'is not null'],
  IsPresent: ['is present', 'is not present'],
  IsNumeric: ['is numeric', 'is not numeric'],
  IsString: ['is a string', 'is not a string'],
  IsBoolean: ['is a boolean', 'is not a boolean'],
  IsTimestamp: ['is a timestamp', 'is not a timestamp'],
};

/** Longest label produced; longer ones end with "…". */
export const MAX_LABEL_LENGTH = 60;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Text of one (possibly nested) rule, or undefined when it cannot be read. */
function ruleText(rule: unknown, depth: number): string | undefined {
  if (!isObject(rule) || depth > 8) return undefined;
  if (typeof rule.Condition === 'string') {
    const m = /^\s*\{%([\s\S]*)%\}\s*$/.exec(rule.Condition);
    return (m ? m[1] : rule.Condition).trim().replace(/\s+/g, ' ');
  }
  if (typeof rule.Condition === 'boolean') return String(rule.Condition);
  for (const [op, joiner] of [['And', ' && '], ['Or', ' || ']] as const) {
    if (Array.isArray(rule[op])) {
      const parts = (rule[op] as unknown[]).map((r) => {
        const t = ruleText(r, depth + 1);
        return t === undefined ? undefined : isObject(r) && (r.And || r.Or) ? `(${t})` : t;
      });
      if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
      return parts.join(joiner);
    }
  }
  if ('Not' in rule) {
    const t = ruleText(rule.Not, depth + 1);
    return t === undefined ? undefined : `!(${t})`;
  }
  const variable = typeof rule.Variable === 'string' ? rule.Variable : undefined;
  if (variable === undefined) return undefined;
  for (const key of Object.keys(rule)) {
    if (key in TESTS) {
      const [yes, no] = TESTS[key];
      return `${variable} ${rule[key] === false ? no : yes}`;
    }
    const isPath = key.endsWith('Path') && key.slice(0, -4) in OPS;
    const base = isPath ? key.slice(0, -4) : key;
    if (base in OPS) {
      const value = rule[key];
      const shown = isPath && typeof value === 'string' ? value : JSON.stringify(value);
      return `${variable} ${OPS[base]} ${shown}`;
    }
  }
  return undefined;
}

/**
 * A short, readable label for Choice rule number `index` (0-based):
 * `$.total > 100`, `$.a == "x" && $.b is present`, the JSONata Condition without its `{% %}`,
 * or `Rule 2` (1-based) when the rule cannot be read. Pure; never throws.
 *
 * @example choiceRuleLabel({ Variable: "$.total", NumericGreaterThan: 100, Next: "Big" }, 0) // "$.total > 100"
 */
export function choiceRuleLabel(rule: unknown, index: number): string {
  let text: string | undefined;
  try {
    text = ruleText(rule, 0);
  } catch {
    text = undefined;
  }
  if (text === undefined || text === '') return `Rule ${index + 1}`;
  return text.length > MAX_LABEL_LENGTH ? text.slice(0, MAX_LABEL_LENGTH - 1) + '…' : text;
}
