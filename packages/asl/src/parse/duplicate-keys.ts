import type { JsonPath } from '../types/common.js';

/** A property key that appears twice in one object (JSON.parse keeps the last). */
export interface DuplicateKey {
  key: string;
  /** Path of the object holding the key. */
  objectPath: JsonPath;
  /** Offset/length of the repeated key token (quotes included). */
  offset: number;
  length: number;
}

/**
 * Finds repeated keys in *valid* JSON text with one quick character scan (no tree, no values). Pure.
 * Call only when `JSON.parse(text)` succeeded; the result is unspecified otherwise.
 */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  // Stack frames: for objects the set of keys seen, for arrays the next index.
  const keys: (Set<string> | null)[] = [];
  const path: (string | number)[] = [];
  const n = text.length;
  let i = 0;
  let expectKey = false;
  const readString = (start: number): number => {
    // returns index after the closing quote
    let j = start + 1;
    for (;;) {
      const q = text.indexOf('"', j);
      if (q < 0) return n;
      let b = q - 1;
      let backslashes = 0;
      while (b > start && text.charCodeAt(b) === 92) {
        backslashes++;
        b--;
      }
      if (backslashes % 2 === 0) return q + 1;
      j = q + 1;
    }
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // '"'
      const end = readString(i);
      if (expectKey) {
        const raw = text.slice(i + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
        const set = keys[keys.length - 1];
        if (set) {
          if (set.has(key)) out.push({ key, objectPath: path.slice(0, keys.length - 1), offset: i, length: end - i });
          else set.add(key);
        }
        path[keys.length - 1] = key;
        expectKey = false;
      }
      i = end;
      continue;
    }
    if (c === 123) {
      // '{'
      keys.push(new Set());
      expectKey = true;
    } else if (c === 91) {
      // '['
      keys.push(null);
      path[keys.length - 1] = 0;
    } else if (c === 125 || c === 93) {
      // '}' ']'
      keys.pop();
      path.length = keys.length;
    } else if (c === 44) {
      // ','
      const top = keys[keys.length - 1];
      if (top) expectKey = true;
      else if (top === null) path[keys.length - 1] = (path[keys.length - 1] as number) + 1;
    }
    i++;
  }
  return out;
}
