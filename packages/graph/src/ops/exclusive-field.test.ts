import { describe, expect, it } from 'vitest';
import { DOC, UNTOUCHED, run } from '../test/fixtures.js';
import { EditError } from './doc.js';
import { setExclusiveStateField } from './exclusive-field.js';

const WAIT = `{
  "StartAt": "W",
  "States": {
    "W": {
      "Type": "Wait",
      "Seconds": 5,
      "Next": "Done"
    },
    "Done": { "Type": "Succeed" }
  }
}`;

describe('setExclusiveStateField', () => {
  it('turns Next into End in place (same position), and back', () => {
    const r = run(DOC, setExclusiveStateField(DOC, 'Big', 'End', true, ['Next']));
    expect(r.text).toBe(DOC.replace('"Big": { "Type": "Pass", "Next": "Done" }', '"Big": { "Type": "Pass", "End": true }'));
    const back = run(r.text, setExclusiveStateField(r.text, 'Big', 'Next', 'Done', ['End']));
    expect(back.text).toBe(DOC);
  });

  it('switches the Wait mode in place, one line changed', () => {
    const r = run(WAIT, setExclusiveStateField(WAIT, 'W', 'Timestamp', '2026-01-01T00:00:00Z', ['Seconds', 'SecondsPath', 'TimestampPath']));
    expect(r.text).toBe(WAIT.replace('"Seconds": 5', '"Timestamp": "2026-01-01T00:00:00Z"'));
  });

  it('sets the field in place when present and removes every rival', () => {
    const both = WAIT.replace('"Seconds": 5,', '"Seconds": 5,\n      "SecondsPath": "$.s",');
    const r = run(both, setExclusiveStateField(both, 'W', 'Seconds', 9, ['SecondsPath', 'Timestamp', 'TimestampPath']));
    expect(r.text).toBe(WAIT.replace('"Seconds": 5', '"Seconds": 9'));
  });

  it('adds the field at the end when no member is present; undefined removes them all', () => {
    let r = run(DOC, setExclusiveStateField(DOC, 'Done', 'Comment', 'ok', ['Nothing']));
    expect(r.json.States.Done).toEqual({ Type: 'Succeed', Comment: 'ok' });
    r = run(WAIT, setExclusiveStateField(WAIT, 'W', 'Seconds', undefined, ['SecondsPath', 'Timestamp', 'TimestampPath']));
    expect(r.json.States.W).toEqual({ Type: 'Wait', Next: 'Done' });
    expect(run(DOC, setExclusiveStateField(DOC, 'Small', 'Next', 'Done', ['End'])).text).toContain(UNTOUCHED);
  });

  it('throws EditError for a missing state', () => {
    expect(() => setExclusiveStateField(DOC, 'Nope', 'End', true, ['Next'])).toThrow(EditError);
  });
});
