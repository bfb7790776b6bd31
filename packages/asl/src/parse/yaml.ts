import { isMap, isScalar, isSeq, isPair, isAlias, parseDocument as parseYamlDocument, type Node as YamlNode } from 'yaml';
import type { JsonPath } from '../types/common.js';
import type { DuplicateKey } from './duplicate-keys.js';
import type { PosNode } from './pos-tree.js';

/** Result of the YAML front end (same shape as the JSON one). */
export interface YamlParseResult {
  root: PosNode | undefined;
  value: unknown;
  errors: { message: string; offset: number; length: number }[];
  warnings: { message: string; offset: number; length: number }[];
  duplicates: DuplicateKey[];
}

function rangeOf(node: { range?: [number, number, number] | null } | null | undefined) {
  const r = node?.range;
  if (!r) return { offset: 0, length: 0 };
  return { offset: r[0], length: Math.max(0, r[1] - r[0]) };
}

function convert(node: unknown, doc: ReturnType<typeof parseYamlDocument>, dups: DuplicateKey[], path: JsonPath,
  depth = 0): PosNode {
  let n = node as YamlNode | null;
  if (depth < 50 && n && isAlias(n)) n = (n.resolve(doc) as YamlNode | undefined) ?? n;
  const pos: PosNode = { range: rangeOf(n as never) };
  if (n && isMap(n)) {
    const props = new Map<string, PosNode>();
    for (const item of n.items) {
      if (!isPair(item)) continue;
      const key = item.key as YamlNode | null;
      const k = key && isScalar(key) ? String(key.value) : key ? String(key) : '';
      const child = item.value == null ? { range: rangeOf(key as never) } : convert(item.value, doc, dups, [...path, k], depth + 1);
      child.keyRange = rangeOf(key as never);
      if (props.has(k)) dups.push({ key: k, objectPath: path, ...child.keyRange });
      props.set(k, child);
    }
    pos.props = props;
  } else if (n && isSeq(n)) {
    pos.items = n.items.map((it, i) => convert(it, doc, dups, [...path, i], depth + 1));
  }
  return pos;
}

/**
 * Parses YAML 1.2 (the `yaml` package) into the positioned tree and the plain value (`doc.toJS()`). Never throws.
 */
export function parseYamlText(text: string): YamlParseResult {
  const doc = parseYamlDocument(text, { prettyErrors: false, uniqueKeys: false });
  const toMsg = (e: { message: string; pos: [number, number] }) => ({
    message: e.message.split('\n')[0],
    offset: e.pos[0],
    length: Math.max(0, e.pos[1] - e.pos[0]),
  });
  const errors = doc.errors.map(toMsg);
  const warnings = doc.warnings.map(toMsg);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    errors.push({ message: (e as Error).message, offset: 0, length: 0 });
  }
  const duplicates: DuplicateKey[] = [];
  const root = doc.contents ? convert(doc.contents, doc, duplicates, []) : undefined;
  return { root, value, errors, warnings, duplicates };
}
