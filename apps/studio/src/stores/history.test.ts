import { describe, expect, it } from 'vitest';
import { TextHistory } from './history';

describe('TextHistory', () => {
  it('groups rapid typing into one step', () => {
    const h = new TextHistory({ groupMs: 500 });
    h.record('', 'typing', 0);
    h.record('a', 'typing', 100);
    h.record('ab', 'typing', 200);
    expect(h.undo('abc')).toBe('');
    expect(h.canUndo).toBe(false);
  });

  it('starts a new step after a pause', () => {
    const h = new TextHistory({ groupMs: 500 });
    h.record('', 'typing', 0);
    h.record('a', 'typing', 1000);
    expect(h.undo('ab')).toBe('a');
    expect(h.undo('a')).toBe('');
  });

  it('never merges an edit with typing', () => {
    const h = new TextHistory();
    h.record('t0', 'typing', 0);
    h.record('t1', 'edit', 10);
    h.record('t2', 'typing', 20);
    expect(h.undo('t3')).toBe('t2');
    expect(h.undo('t2')).toBe('t1');
    expect(h.undo('t1')).toBe('t0');
  });

  it('redoes what was undone and clears redo on a new change', () => {
    const h = new TextHistory();
    h.record('a', 'edit', 0);
    expect(h.undo('b')).toBe('a');
    expect(h.redo('a')).toBe('b');
    expect(h.undo('b')).toBe('a');
    h.record('a', 'edit', 5);
    expect(h.canRedo).toBe(false);
  });

  it('is bounded', () => {
    const h = new TextHistory({ limit: 3 });
    for (let i = 0; i < 10; i++) h.record(String(i), 'edit', i);
    expect(h.undo('10')).toBe('9');
    expect(h.undo('9')).toBe('8');
    expect(h.undo('8')).toBe('7');
    expect(h.undo('7')).toBeUndefined();
  });
});
