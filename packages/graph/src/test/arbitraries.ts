/** fast-check generators of ASL-like definitions: valid-ish shapes with random (sometimes dangling) references. */
import fc from 'fast-check';

const NAMES = ['A', 'B', 'C', 'D', 'E', 'F'];
const name = fc.constantFrom(...NAMES, 'Missing');
const type = fc.constantFrom('Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map', 'Bogus');

const rule = fc.oneof(
  fc.record({ Variable: fc.constant('$.x'), NumericGreaterThan: fc.integer(), Next: name }),
  fc.record({ Condition: fc.constant('{% $states.input.x > 1 %}'), Next: name }),
  fc.record({ Not: fc.record({ Variable: fc.constant('$.y'), IsPresent: fc.boolean() }), Next: name }),
  fc.constant(null),
);

/** A scope ({StartAt, States}) whose state names are drawn from `prefix`-ed names, nested to `depth`. */
export function scope(depth: number, prefix = ''): fc.Arbitrary<Record<string, unknown>> {
  const nested = depth > 0 ? scope(depth - 1, prefix + 'n') : fc.constant({ StartAt: 'X', States: {} });
  const state = fc.record(
    {
      Type: type,
      Next: name.map((n) => prefix + n),
      End: fc.boolean(),
      Default: name.map((n) => prefix + n),
      Choices: fc.array(rule.map((r) => (r && typeof r === 'object' && 'Next' in r ? { ...(r as object), Next: prefix + String((r as { Next: unknown }).Next) } : r)), { maxLength: 2 }),
      Catch: fc.array(fc.record({ ErrorEquals: fc.constant(['States.ALL']), Next: name.map((n) => prefix + n) }), { maxLength: 2 }),
      Branches: fc.array(nested, { maxLength: 2, size: 'xsmall' }),
      ItemProcessor: nested,
    },
    { requiredKeys: ['Type'] },
  );
  return fc
    .record({
      StartAt: name.map((n) => prefix + n),
      States: fc.dictionary(fc.constantFrom(...NAMES).map((n) => prefix + n), fc.oneof({ weight: 9, arbitrary: state }, { weight: 1, arbitrary: fc.constantFrom(null, 1, 'x', [] as unknown[]) }), { maxKeys: depth > 0 ? 5 : 3 }),
    })
    .map((s) => s as Record<string, unknown>);
}

/** A whole definition; nested scopes use prefixed names ("nA", "nnB"), so names are mostly unique machine-wide. */
export const definition = scope(1);
