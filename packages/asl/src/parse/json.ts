import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { PosNode } from './pos-tree.js';

/** Result of the JSON front end: a positioned tree, the plain value, and syntax errors. */
export interface JsonParseResult {
  root: PosNode | undefined;
  value: unknown;
  errors: { message: string; offset: number; length: number }[];
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

function convert(node: Node): { pos: PosNode; value: unknown } {
  const pos: PosNode = { range: { offset: node.offset, length: node.length } };
  switch (node.type) {
    case 'object': {
      const props = new Map<string, PosNode>();
      const value: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || typeof k.value !== 'string') continue;
        if (!v) continue; // incomplete member ("a": <missing>)
        const c = convert(v);
        c.pos.keyRange = { offset: k.offset, length: k.length };
        props.set(k.value, c.pos);
        value[k.value] = c.value;
      }
      pos.props = props;
      return { pos, value };
    }
    case 'array': {
      const items: PosNode[] = [];
      const value: unknown[] = [];
      for (const child of node.children ?? []) {
        const c = convert(child);
        items.push(c.pos);
        value.push(c.value);
      }
      pos.items = items;
      return { pos, value };
    }
    default:
      return { pos, value: node.value };
  }
}

/**
 * Parses strict JSON (no comments, no trailing commas) with error recovery, via jsonc-parser's `parseTree`.
 * Never throws.
 */
export function parseJsonText(text: string): JsonParseResult {
  const errs: ParseError[] = [];
  const tree = parseTree(text, errs, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const errors = errs.map((e) => {
    const name = printParseErrorCode(e.error);
    return { message: MESSAGES[name] ?? name, offset: e.offset, length: e.length };
  });
  if (!tree) return { root: undefined, value: undefined, errors };
  const { pos, value } = convert(tree);
  return { root: pos, value, errors };
}
