/**
 * Offset ↔ line/column conversion.
 */

let lastText = '';
let lastStarts: number[] = [0];

/** Offsets where each line starts (after `\n`, `\r\n` or lone `\r`). Cached for the last text seen. */
export function lineStarts(text: string): number[] {
  if (text === lastText) return lastStarts;
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  lastText = text;
  lastStarts = starts;
  return starts;
}

/**
 * 1-based line and column of a UTF-16 offset in `text` (column counts UTF-16 code units).
 * Offsets past the end clamp to the end.
 * @example lineColOf('{\n  "a"', 4) // { line: 2, column: 3 }
 */
export function lineColOf(text: string, offset: number): { line: number; column: number } {
  const starts = lineStarts(text);
  const off = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= off) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: off - starts[lo] + 1 };
}
