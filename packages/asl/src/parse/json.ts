import { printParseErrorCode, visit } from 'jsonc-parser';
import { findDuplicateKeys, type DuplicateKey } from './duplicate-keys.js';
import type { PosNode } from './pos-tree.js';

/** Result of the JSON front end: the plain value, syntax errors, and a (lazily built) positioned tree. */
export interface JsonParseResult {
  value: unknown;
  errors: { message: string; offset: number; length: number }[];
  /** Keys repeated within one object (the last value wins, as in JSON.parse). */
  duplicates: DuplicateKey[];
  /** The positioned tree; built on first call (one jsonc-parser pass), then cached. */
  root(): PosNode | undefined;
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected (a double-quoted string)',
  ValueExpected: 'Value expected',
  ColonExpected: "Colon ':' expected",
  CommaExpected: "Comma ',' expected",
  CloseBraceExpected: "Closing brace '}' expected",
  CloseBracketExpected: "Closing bracket ']' expected",
  EndOfFileExpected: 'End of file expected (extra text after the JSON value)',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape sequence',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid character in string (control characters must be escaped)',
};

interface Frame {
  /** This container's key or index in its parent (undefined for the root). */
  path?: string | number;
  node: PosNode;
  value: Record<string, unknown> | unknown[];
  key?: string;
  keyOffset?: number;
  keyLength?: number;
}

function setProp(obj: Record<string, unknown>, key: string, v: unknown) {
  if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[key] = v;
}

/**
 * One pass of jsonc-parser's `visit` (strict: no comments, no trailing commas) that builds the positioned tree,
 * the recovered value and the errors.
 */
function scan(text: string, withTree: boolean): { root: PosNode | undefined; value: unknown; errors: JsonParseResult['errors'];
  duplicates: DuplicateKey[] } {
  const errors: JsonParseResult['errors'] = [];
  const duplicates: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let root: PosNode | undefined;
  let rootValue: unknown;
  const attach = (node: PosNode, value: unknown) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (root === undefined) {
        root = node;
        rootValue = value;
      }
      return;
    }
    if (Array.isArray(top.value)) {
      top.value.push(value);
      if (withTree) top.node.items!.push(node);
    } else if (top.key !== undefined) {
      if (Object.prototype.hasOwnProperty.call(top.value, top.key)) {
        duplicates.push({ key: top.key, objectPath: stack.slice(1).map((f) => f.path!), offset: top.keyOffset!, length: top.keyLength! });
      }
      setProp(top.value, top.key, value);
      if (withTree) {
        node.keyRange = { offset: top.keyOffset!, length: top.keyLength! };
        top.node.props!.set(top.key, node);
      }
      top.key = undefined;
    }
  };
  /** The key or index the next value will take in the current container. */
  const slot = (): string | number | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return undefined;
    return Array.isArray(top.value) ? top.value.length : top.key;
  };
  visit(text, {
    onObjectBegin(offset) {
      const node: PosNode = { range: { offset, length: 0 } };
      if (withTree) node.props = new Map();
      const value: Record<string, unknown> = {};
      const at = slot();
      attach(node, value);
      stack.push({ node, value, path: at });
    },
    onObjectProperty(property, offset, length) {
      const top = stack[stack.length - 1];
      if (top) {
        top.key = property;
        top.keyOffset = offset;
        top.keyLength = length;
      }
    },
    onObjectEnd(offset, length) {
      const f = stack.pop();
      if (f) f.node.range.length = offset + length - f.node.range.offset;
    },
    onArrayBegin(offset) {
      const node: PosNode = { range: { offset, length: 0 } };
      if (withTree) node.items = [];
      const value: unknown[] = [];
      const at = slot();
      attach(node, value);
      stack.push({ node, value, path: at });
    },
    onArrayEnd(offset, length) {
      const f = stack.pop();
      if (f) f.node.range.length = offset + length - f.node.range.offset;
    },
    onLiteralValue(value, offset, length) {
      attach({ range: { offset, length } }, value);
    },
    onError(error, offset, length) {
      const name = printParseErrorCode(error);
      errors.push({ message: MESSAGES[name] ?? name, offset, length });
    },
  }, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  // Unclosed containers: extend them to the end of the text.
  for (const f of stack) f.node.range.length = text.length - f.node.range.offset;
  return { root, value: rootValue, errors, duplicates };
}

/**
 * Parses strict JSON (RFC 8259: no comments, no trailing commas). Never throws.
 * Fast path: valid text is parsed with `JSON.parse` and the positioned tree is built lazily (one jsonc-parser
 * `visit` pass) the first time a range is asked for. Invalid text goes through jsonc-parser at once, which recovers
 * a partial value and reports every error with its offset.
 */
export function parseJsonText(text: string): JsonParseResult {
  let value: unknown;
  let ok: boolean;
  try {
    value = JSON.parse(text);
    ok = true;
  } catch {
    ok = false;
  }
  if (ok) {
    let tree: PosNode | undefined;
    let built = false;
    return {
      value,
      errors: [],
      duplicates: findDuplicateKeys(text),
      root() {
        if (!built) {
          tree = scan(text, true).root;
          built = true;
        }
        return tree;
      },
    };
  }
  const res = scan(text, true);
  if (res.errors.length === 0) {
    // JSON.parse rejected something jsonc-parser accepted (e.g. a byte-order mark): report it generically.
    res.errors.push({ message: 'Invalid JSON', offset: 0, length: 0 });
  }
  return { value: res.value, errors: res.errors, duplicates: res.duplicates, root: () => res.root };
}
