/** A single replacement turning one text into another. */
export interface Replacement {
  offset: number;
  length: number;
  text: string;
}

/**
 * The smallest single replacement (common prefix/suffix trimmed) that turns `a` into `b`, or null when equal.
 * Used to push external changes into Monaco as an edit, so the cursor and scroll position survive. Pure.
 *
 * @example
 * minimalReplacement('abcd', 'abXd') // { offset: 2, length: 1, text: 'X' }
 */
export function minimalReplacement(a: string, b: string): Replacement | null {
  if (a === b) return null;
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return { offset: start, length: endA - start, text: b.slice(start, endB) };
}
