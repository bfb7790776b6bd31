import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.js';

/** A JSONata machine whose only state is an inline Map `M` over `Items`. */
function itemsMap(items: string): object {
  return {
    QueryLanguage: 'JSONata', StartAt: 'M',
    States: { M: { Type: 'Map', Items: items, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } },
  };
}

describe('Map Items (JSONata)', () => {
  it('a function result is an unsupported result type, not an object', async () => {
    for (const expr of ['$f := function($v){ $v * 2 }', 'function($a){ $a }']) {
      const r = await run(itemsMap(`{% ${expr} %}`), {});
      expect(r).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
      expect(r.cause).toBe(`An error occurred while executing the state 'M' (entered at the event id #2). The JSONata expression '${expr}' specified for the field 'Items' returned an unsupported result type.`);
    }
  });

  it('a non-array result names its JSON type and value', async () => {
    const r = await run(itemsMap('{% {"k": [1]} %}'), {});
    expect(r.cause).toMatch(/returned an unexpected result type\. Expected 'array', but was 'object' for value: \{"k":\[1\]\}$/);
  });
});
