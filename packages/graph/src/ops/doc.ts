/**
 * Shared machinery of the edit operations: parse the text once, locate states by name, and apply a sequence of
 * jsonc-parser `modify` steps whose net effect is returned as TextEdits against the ORIGINAL text.
 * Private to the package (not exported from index.ts, except {@link EditError}).
 */
import {
  applyEdits as jsoncApplyEdits,
  findNodeAtLocation,
  getNodeValue,
  modify,
  parseTree,
  type FormattingOptions,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser';
import type { JsonPath, TextEdit } from '../types.js';

/**
 * Thrown by every edit operation when the edit is impossible: the text is not a JSON object or has syntax errors,
 * a state is absent, a new name is taken or invalid, an edge no longer matches the document. `message` is meant for
 * the user.
 * @example
 * try { edits = renameState(text, 'A', 'B'); } catch (e) { if (e instanceof EditError) toast(e.message); else throw e; }
 */
export class EditError extends Error {
  override name = 'EditError';
  constructor(message: string) {
    super(message);
  }
}

export type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Formatting options matching the text: indentation by tabs or by the smallest indent in use (2 or 4 spaces, …),
 * and its end-of-line sequence (`\r\n` if the text uses it, else `\n`).
 */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let tabs = 0;
  let spaces = 0;
  let minSpaces = Infinity;
  const re = /\n([ \t]+)\S/g;
  let m: RegExpExecArray | null;
  let count = 0;
  while ((m = re.exec(text)) !== null && count < 2000) {
    count++;
    const indent = m[1];
    if (indent[0] === '\t') tabs++;
    else {
      spaces++;
      if (indent.length < minSpaces) minSpaces = indent.length;
    }
  }
  if (tabs > spaces) return { insertSpaces: false, tabSize: 4, eol };
  const tabSize = Number.isFinite(minSpaces) && minSpaces > 0 && minSpaces <= 8 ? minSpaces : 2;
  return { insertSpaces: true, tabSize, eol };
}

/** Where a state lives: its scope (`[]`, `["States","P","Branches",0]`, `["States","M","ItemProcessor"]`) and path. */
export interface StateLocation {
  name: string;
  scopePath: JsonPath;
  path: JsonPath;
  state: Obj;
  scope: Obj;
}

/** Every scope of a definition (depth-first, document order): the machine, branches, Map processors. */
export function forEachScope(def: unknown, visit: (scopePath: JsonPath, scope: Obj) => void): void {
  const walk = (scopePath: JsonPath, scope: unknown, depth: number): void => {
    if (!isObject(scope) || depth > 64) return;
    visit(scopePath, scope);
    if (!isObject(scope.States)) return;
    for (const [name, state] of Object.entries(scope.States)) {
      if (!isObject(state)) continue;
      const path = [...scopePath, 'States', name];
      if (Array.isArray(state.Branches)) state.Branches.forEach((b, i) => walk([...path, 'Branches', i], b, depth + 1));
      if (isObject(state.ItemProcessor)) walk([...path, 'ItemProcessor'], state.ItemProcessor, depth + 1);
      else if (isObject(state.Iterator)) walk([...path, 'Iterator'], state.Iterator, depth + 1);
    }
  };
  walk([], def, 0);
}

/** All states of a definition with their location, scopes depth-first. */
export function allStates(def: unknown): StateLocation[] {
  const out: StateLocation[] = [];
  forEachScope(def, (scopePath, scope) => {
    if (!isObject(scope.States)) return;
    for (const [name, state] of Object.entries(scope.States)) {
      if (isObject(state)) out.push({ name, scopePath, path: [...scopePath, 'States', name], state, scope });
    }
  });
  return out;
}

/** A mutable editing session over one document text. */
export class Session {
  readonly original: string;
  text: string;
  readonly formatting: FormattingOptions;
  private rootNode: JsonNode | undefined;
  private value: Obj | undefined;

  constructor(text: string) {
    if (typeof text !== 'string') throw new EditError('The document text must be a string.');
    this.original = text;
    this.text = text;
    this.formatting = detectFormatting(text);
    this.reparse();
  }

  private reparse(): void {
    const errors: ParseError[] = [];
    const root = parseTree(this.text, errors, { allowTrailingComma: true, disallowComments: false });
    if (errors.length > 0) {
      if (!/^\s*[{[]/.test(this.text)) throw new EditError('Graph edits need the document as JSON (convert YAML to JSON first).');
      throw new EditError('The document has JSON syntax errors; fix them before editing the graph.');
    }
    if (!root || root.type !== 'object') throw new EditError('The document is not a JSON object.');
    this.rootNode = root;
    this.value = getNodeValue(root) as Obj;
  }

  /** The current document as a plain value. */
  get def(): Obj {
    return this.value!;
  }

  /** The jsonc node at a path of the current text, if present. */
  node(path: JsonPath): JsonNode | undefined {
    return findNodeAtLocation(this.rootNode!, path);
  }

  /** Finds a state by name anywhere in the machine; throws EditError when absent. */
  locate(name: string): StateLocation {
    if (typeof name !== 'string') throw new EditError('A state name must be a string.');
    const found = allStates(this.value).find((s) => s.name === name);
    if (!found) throw new EditError(`There is no state named "${name}".`);
    return found;
  }

  /** Throws EditError unless `name` is a valid new state name (non-empty, ≤ 80 chars, not used by any state). */
  assertNewName(name: string): void {
    if (typeof name !== 'string' || name.length === 0) throw new EditError('A state name cannot be empty.');
    if (name.length > 80) throw new EditError(`State names are at most 80 characters ("${name.slice(0, 20)}…" has ${name.length}).`);
    if (allStates(this.value).some((s) => s.name === name)) throw new EditError(`A state named "${name}" already exists.`);
  }

  /** Applies edits computed against the current text. */
  apply(edits: TextEdit[]): void {
    if (edits.length === 0) return;
    this.text = jsoncApplyEdits(this.text, edits);
    this.reparse();
  }

  /**
   * Sets the value at `path` (undefined removes it), touching only that value's text: an existing value is replaced
   * where it is (one-line if it was one line and stays short, else indented like its line); a new property is inserted
   * at `getInsertionIndex(keys)` (default: last), indented like its siblings or one-line in a one-line object; a
   * removed property/element takes its separating comma with it. Missing parents fall back to jsonc-parser `modify`.
   */
  set(path: JsonPath, value: unknown, getInsertionIndex?: (properties: string[]) => number): void {
    const existing = path.length > 0 ? this.node(path) : this.rootNode;
    if (value === undefined) {
      if (existing && path.length > 0) this.removeNode(existing);
      return;
    }
    if (existing) {
      this.apply([{ offset: existing.offset, length: existing.length, content: this.render(value, existing.offset, !this.text.slice(existing.offset, existing.offset + existing.length).includes('\n')) }]);
      return;
    }
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1];
    const parent = this.node(parentPath);
    if (parent && parent.type === 'object' && typeof key === 'string') {
      this.insertProperty(parent, key, value, getInsertionIndex);
      return;
    }
    this.apply(modify(this.text, path, value, { formattingOptions: this.formatting, getInsertionIndex }));
  }

  /** Removes the array element at `path` (last segment a number). */
  removeElement(path: JsonPath): void {
    this.set(path, undefined);
  }

  /**
   * Inserts `value` into the array at `arrayPath` before element `index` (clamped; ≥ length appends), laid out like
   * its neighbours: on its own line with their indentation when they start lines (one-line when they are one-line and
   * the value is short), else inline after `, `. An empty array is replaced by `[value]`.
   * Throws EditError when `arrayPath` is not an array.
   */
  insertElement(arrayPath: JsonPath, index: number, value: unknown): void {
    const arr = this.node(arrayPath);
    if (!arr || arr.type !== 'array') throw new EditError(`${arrayPath.join('.')} is not a list.`);
    const items = arr.children ?? [];
    if (items.length === 0) {
      this.set(arrayPath, [value]);
      return;
    }
    const at = Math.max(0, Math.min(items.length, Number.isFinite(index) ? Math.trunc(index) : items.length));
    const ref = items[at > 0 ? at - 1 : 0];
    const eol = this.formatting.eol ?? '\n';
    if (this.startsLine(ref.offset) && !this.minified()) {
      const indent = this.lineIndent(ref.offset);
      const refOneLine = !this.text.slice(ref.offset, ref.offset + ref.length).includes('\n');
      const flat = oneLineJson(value);
      const item = refOneLine && flat.length <= 80 ? flat : this.renderAt(value, indent);
      if (at > 0) this.apply([{ offset: ref.offset + ref.length, length: 0, content: ',' + eol + indent + item }]);
      else this.apply([{ offset: ref.offset, length: 0, content: item + ',' + eol + indent }]);
    } else {
      const item = this.minified() ? JSON.stringify(value) : oneLineJson(value);
      const sep = this.minified() ? ',' : ', ';
      if (at > 0) this.apply([{ offset: ref.offset + ref.length, length: 0, content: sep + item }]);
      else this.apply([{ offset: ref.offset, length: 0, content: item + sep }]);
    }
  }

  /**
   * Moves the array element at `from` to position `to` (both clamped to the array) by rewriting the elements in
   * between with their neighbours' text, so every element keeps its own formatting and the separators stay.
   * Throws EditError when `arrayPath` is not an array or `from` is out of range.
   */
  moveElement(arrayPath: JsonPath, from: number, to: number): void {
    const arr = this.node(arrayPath);
    if (!arr || arr.type !== 'array') throw new EditError(`${arrayPath.join('.')} is not a list.`);
    const items = arr.children ?? [];
    if (!Number.isInteger(from) || from < 0 || from >= items.length) throw new EditError(`There is no item ${from + 1} in ${arrayPath.join('.')}.`);
    const target = Math.max(0, Math.min(items.length - 1, Math.trunc(to)));
    if (target === from) return;
    const texts = items.map((n) => this.text.slice(n.offset, n.offset + n.length));
    const order = texts.slice();
    const [moved] = order.splice(from, 1);
    order.splice(target, 0, moved);
    const edits: TextEdit[] = [];
    for (let i = Math.min(from, target); i <= Math.max(from, target); i++) {
      if (order[i] !== texts[i]) edits.push({ offset: items[i].offset, length: items[i].length, content: order[i] });
    }
    this.apply(edits);
  }

  private indentUnit(): string {
    return this.formatting.insertSpaces === false ? '\t' : ' '.repeat(this.formatting.tabSize ?? 2);
  }

  /** Leading whitespace of the line containing `offset`. */
  private lineIndent(offset: number): string {
    let start = offset;
    while (start > 0 && this.text[start - 1] !== '\n' && this.text[start - 1] !== '\r') start--;
    const m = /^[ \t]*/.exec(this.text.slice(start, offset));
    return m ? m[0] : '';
  }

  /** True if only whitespace precedes `offset` on its line. */
  private startsLine(offset: number): boolean {
    let i = offset;
    while (i > 0 && (this.text[i - 1] === ' ' || this.text[i - 1] === '\t')) i--;
    return i === 0 || this.text[i - 1] === '\n' || this.text[i - 1] === '\r';
  }

  /** True if the document is written without spaces after colons (minified). */
  private minified(): boolean {
    return !/":\s/.test(this.text.slice(0, 4000));
  }

  /**
   * JSON text of `value` for a place at `offset`: one line (`{ "a": 1 }`, or minified like the document) when
   * `oneLine` and short enough, else multi-line, indented with the document's unit from the line's indentation.
   */
  private render(value: unknown, offset: number, oneLine: boolean): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    if (this.minified()) return JSON.stringify(value);
    if (oneLine) {
      const flat = oneLineJson(value);
      if (flat.length <= 100) return flat;
    }
    const indent = this.lineIndent(offset);
    const eol = this.formatting.eol ?? '\n';
    return JSON.stringify(value, null, this.indentUnit()).split('\n').join(eol + indent);
  }

  private insertProperty(parent: JsonNode, key: string, value: unknown, getInsertionIndex?: (properties: string[]) => number): void {
    const props = parent.children ?? [];
    const keys = props.map((p) => String(p.children?.[0]?.value));
    let index = getInsertionIndex ? getInsertionIndex(keys) : props.length;
    index = Math.max(0, Math.min(props.length, Number.isFinite(index) ? index : props.length));
    const eol = this.formatting.eol ?? '\n';
    const colon = this.minified() ? ':' : ': ';
    const keyText = JSON.stringify(key) + colon;
    if (props.length === 0) {
      const multiline = !this.minified() && this.text.includes('\n');
      const outer = this.lineIndent(parent.offset);
      const inner = outer + this.indentUnit();
      const content = multiline
        ? '{' + eol + inner + keyText + this.renderAt(value, inner) + eol + outer + '}'
        : '{' + keyText + JSON.stringify(value) + '}';
      this.apply([{ offset: parent.offset, length: parent.length, content }]);
      return;
    }
    const ref = props[index > 0 ? index - 1 : 0];
    const multiline = this.startsLine(ref.offset);
    if (multiline) {
      const indent = this.lineIndent(ref.offset);
      // A sibling written on one line suggests one-line values here too (if short).
      const refOneLine = !this.text.slice(ref.offset, ref.offset + ref.length).includes('\n');
      const flat = oneLineJson(value);
      const prop = keyText + (refOneLine && !this.minified() && flat.length <= 80 ? flat : this.renderAt(value, indent));
      if (index > 0) this.apply([{ offset: ref.offset + ref.length, length: 0, content: ',' + eol + indent + prop }]);
      else this.apply([{ offset: ref.offset, length: 0, content: prop + ',' + eol + indent }]);
    } else {
      const flat = this.minified() ? JSON.stringify(value) : oneLineJson(value);
      const sep = this.minified() ? ',' : ', ';
      if (index > 0) this.apply([{ offset: ref.offset + ref.length, length: 0, content: sep + keyText + flat }]);
      else this.apply([{ offset: ref.offset, length: 0, content: keyText + flat + sep }]);
    }
  }

  /** Multi-line JSON of `value` whose continuation lines start with `indent`. */
  private renderAt(value: unknown, indent: string): string {
    if (this.minified()) return JSON.stringify(value);
    const eol = this.formatting.eol ?? '\n';
    return (JSON.stringify(value, null, this.indentUnit()) ?? 'null').split('\n').join(eol + indent);
  }

  /** Removes a property or array element (with one separating comma), keeping the surrounding layout. */
  private removeNode(node: JsonNode): void {
    const item = node.parent?.type === 'property' ? node.parent : node;
    const container = item.parent;
    if (!container || !container.children) return;
    const siblings = container.children;
    const i = siblings.indexOf(item);
    if (i < 0) return;
    let from: number;
    let to: number;
    if (siblings.length === 1) {
      from = container.offset + 1;
      to = container.offset + container.length - 1;
    } else if (i < siblings.length - 1) {
      from = item.offset;
      to = siblings[i + 1].offset;
    } else {
      from = siblings[i - 1].offset + siblings[i - 1].length;
      to = item.offset + item.length;
    }
    this.apply([{ offset: from, length: to - from, content: '' }]);
  }

  /**
   * Replaces a property's key and value in place (same position, same spacing around the colon), e.g.
   * `"End": true` → `"Next": "B"`. Throws EditError if the property is absent.
   */
  replaceProperty(objectPath: JsonPath, oldKey: string, newKey: string, newValue: unknown): void {
    const valueNode = this.node([...objectPath, oldKey]);
    const keyNode = valueNode?.parent?.children?.[0];
    if (!valueNode || !keyNode) throw new EditError(`Missing field ${[...objectPath, oldKey].join('.')}.`);
    this.apply([
      { offset: keyNode.offset, length: keyNode.length, content: JSON.stringify(newKey) },
      { offset: valueNode.offset, length: valueNode.length, content: JSON.stringify(newValue) },
    ]);
  }

  /** The net change as edits against the original text (one edit covering the changed span, or none). */
  result(): TextEdit[] {
    return diffEdits(this.original, this.text);
  }
}

/**
 * Edits turning `a` into `b`: the changed span between the common prefix and suffix, split at unchanged runs of
 * whole lines so that separate changes give separate edits (untouched lines between them are not rewritten).
 */
export function diffEdits(a: string, b: string): TextEdit[] {
  if (a === b) return [];
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return splitByLines(a, b, start, endA, endB);
}

/** Refines one changed span [start,endA) → [start,endB) into several edits where whole lines are common in order. */
function splitByLines(a: string, b: string, start: number, endA: number, endB: number): TextEdit[] {
  const whole: TextEdit = { offset: start, length: endA - start, content: b.slice(start, endB) };
  const sa = a.slice(start, endA);
  const sb = b.slice(start, endB);
  const la = sa.split('\n');
  const lb = sb.split('\n');
  if (la.length < 3 || lb.length < 3 || la.length * lb.length > 1_000_000) return [whole];
  // Longest common subsequence of lines (interior lines only, so first/last partial lines stay in edits).
  const n = la.length;
  const m = lb.length;
  const dp = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * (m + 1) + j] =
        la[i] === lb[j] && i > 0 && j > 0 && i < n - 1 && j < m - 1
          ? dp[(i + 1) * (m + 1) + j + 1] + 1
          : Math.max(dp[(i + 1) * (m + 1) + j], dp[i * (m + 1) + j + 1]);
    }
  }
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  let offA = 0; // offset in sa of line i
  let offB = 0;
  let pendA = 0; // start offsets (in sa/sb) of the pending changed region
  let pendB = 0;
  const flush = (toA: number, toB: number) => {
    if (toA > pendA || toB > pendB) edits.push({ offset: start + pendA, length: toA - pendA, content: sb.slice(pendB, toB) });
  };
  while (i < n && j < m) {
    if (la[i] === lb[j] && i > 0 && j > 0 && i < n - 1 && j < m - 1 && dp[i * (m + 1) + j] === dp[(i + 1) * (m + 1) + j + 1] + 1) {
      flush(offA, offB);
      offA += la[i].length + 1;
      offB += lb[j].length + 1;
      pendA = offA;
      pendB = offB;
      i++;
      j++;
    } else if (dp[(i + 1) * (m + 1) + j] >= dp[i * (m + 1) + j + 1]) {
      offA += la[i].length + 1;
      i++;
    } else {
      offB += lb[j].length + 1;
      j++;
    }
  }
  flush(sa.length, sb.length);
  return (edits.length > 0 ? edits : [whole]).map((e) => trimEdit(a, e)).filter((e) => e.length > 0 || e.content.length > 0);
}

/** Shrinks an edit by the prefix and suffix its old and new text share. */
function trimEdit(text: string, e: TextEdit): TextEdit {
  const old = text.slice(e.offset, e.offset + e.length);
  let p = 0;
  while (p < old.length && p < e.content.length && old.charCodeAt(p) === e.content.charCodeAt(p)) p++;
  let q = 0;
  while (q < old.length - p && q < e.content.length - p && old.charCodeAt(old.length - 1 - q) === e.content.charCodeAt(e.content.length - 1 - q)) q++;
  return { offset: e.offset + p, length: e.length - p - q, content: e.content.slice(p, e.content.length - q) };
}

/** One-line JSON with a space after colons and commas in objects: `{ "Type": "Pass", "Result": [1, 2] }`. */
export function oneLineJson(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : '[' + value.map((v) => oneLineJson(v === undefined ? null : v)).join(', ') + ']';
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : '{ ' + entries.map(([k, v]) => `${JSON.stringify(k)}: ${oneLineJson(v)}`).join(', ') + ' }';
  }
  return JSON.stringify(value) ?? 'null';
}
