import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteState, insertStateOnEdge, definitionToGraph } from '@asl-studio/graph';
import { PARSE_DEBOUNCE_MS, resetDocumentHistoryForTests, stateRange, useDocumentStore } from './document-store';

const DOC = `{
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Next": "B" },
    "B": { "Type": "Pass", "End": true }
  }
}`;

const s = () => useDocumentStore.getState();

describe('document store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    resetDocumentHistoryForTests();
    s().load(DOC, 'test');
  });
  afterEach(() => vi.useRealTimers());

  it('loads a document without an undo step', () => {
    expect(s().text).toBe(DOC);
    expect(s().lastValidDefinition?.StartAt).toBe('A');
    expect(s().canUndo).toBe(false);
    expect(s().loaded).toBe(true);
  });

  it('debounces parsing while typing and keeps the last valid definition on broken JSON', () => {
    const broken = DOC.replace('"End": true', '"End": tru');
    s().setText(broken);
    expect(s().text).toBe(broken);
    expect(s().syntaxError).toBeUndefined(); // not parsed yet
    vi.advanceTimersByTime(PARSE_DEBOUNCE_MS + 1);
    expect(s().syntaxError).toBeDefined();
    expect(s().syntaxError?.line).toBeGreaterThan(0);
    expect(s().lastValidDefinition?.States.B).toBeDefined();
    expect(s().text).toBe(broken); // the user's text is never replaced
  });

  it('groups rapid typing into one undo step', () => {
    vi.setSystemTime(1_000);
    s().setText(DOC + ' ');
    vi.setSystemTime(1_100);
    s().setText(DOC + '  ');
    vi.setSystemTime(1_200);
    s().setText(DOC + '   ');
    s().undo();
    expect(s().text).toBe(DOC);
    expect(s().origin).toBe('undo');
    s().redo();
    expect(s().text).toBe(DOC + '   ');
  });

  it('applies a graph edit as one undoable step and re-parses at once', () => {
    expect(s().edit((t) => deleteState(t, 'A'))).toBe(true);
    expect(s().lastValidDefinition?.States.A).toBeUndefined();
    expect(s().lastValidDefinition?.StartAt).toBe('B');
    expect(s().origin).toBe('canvas');
    s().undo();
    expect(s().text).toBe(DOC);
    expect(s().lastValidDefinition?.States.A).toBeDefined();
  });

  it('a typing step and a following canvas edit are two undo steps', () => {
    vi.setSystemTime(1_000);
    const typed = DOC.replace('"Type": "Pass", "Next": "B"', '"Type": "Pass", "Comment": "x", "Next": "B"');
    s().setText(typed);
    vi.setSystemTime(1_050);
    const g = definitionToGraph(JSON.parse(typed));
    const edge = g.edges.find((e) => e.source === 'A' && e.target === 'B')!;
    expect(s().edit((t) => insertStateOnEdge(t, edge, 'C', { Type: 'Pass' }))).toBe(true);
    expect(s().lastValidDefinition?.States.A).toMatchObject({ Next: 'C' });
    s().undo();
    expect(s().text).toBe(typed);
    s().undo();
    expect(s().text).toBe(DOC);
  });

  it('turns an impossible edit into a notice and leaves the text alone', () => {
    expect(s().edit((t) => deleteState(t, 'Nope'))).toBe(false);
    expect(s().text).toBe(DOC);
    expect(s().notice?.kind).toBe('error');
  });

  it('replaceText (import) is one undoable step', () => {
    const other = '{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}';
    s().replaceText(other, 'other');
    expect(s().name).toBe('other');
    expect(s().lastValidDefinition?.StartAt).toBe('X');
    s().undo();
    expect(s().text).toBe(DOC);
  });

  it('selecting a state asks the editor to reveal its range', () => {
    s().select('B');
    expect(s().selectedState).toBe('B');
    const r = stateRange(s(), 'B')!;
    expect(DOC.slice(r.offset, r.offset + r.length)).toBe('"B": { "Type": "Pass", "End": true }');
    expect(s().reveal?.range).toEqual(r);
  });
});
