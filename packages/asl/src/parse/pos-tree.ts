import type { JsonPath, TextRange } from '../types/common.js';

/**
 * A format-neutral positioned tree (built from jsonc-parser's tree for JSON and from the yaml AST for YAML),
 * indexed by key so that path lookups are O(depth).
 */
export interface PosNode {
  /** Range of the value. */
  range: TextRange;
  /** Range of the property key, when this node is an object member. */
  keyRange?: TextRange;
  /** Object members (last duplicate wins, as in JSON.parse). */
  props?: Map<string, PosNode>;
  /** Array items. */
  items?: PosNode[];
}

/** Walks `path` from `root`; undefined when a segment is missing. */
export function findPos(root: PosNode | undefined, path: JsonPath): PosNode | undefined {
  let node = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'number') node = node.items?.[seg];
    else node = node.props?.get(seg);
  }
  return node;
}
