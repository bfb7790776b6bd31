import { forEachState, type ParsedDocument } from '@asl-studio/asl';

/** The innermost state whose source range contains `offset` in a parsed document, or null. Never throws. */
export function stateAtOffset(parsed: ParsedDocument, offset: number): string | null {
  const def = parsed.definition;
  if (!def) return null;
  let best: string | null = null;
  let bestLen = Infinity;
  try {
    forEachState(def, (name, _s, path) => {
      const key = parsed.keyRangeOf(path);
      const value = parsed.rangeOf(path);
      if (!value) return;
      const start = key ? key.offset : value.offset;
      const end = value.offset + value.length;
      if (offset >= start && offset <= end && end - start < bestLen) {
        best = name;
        bestLen = end - start;
      }
    });
  } catch {
    return null;
  }
  return best;
}
