import { applyEdits as jsoncApplyEdits } from 'jsonc-parser';
import type { TextEdit } from '../types.js';

/**
 * Applies edits (from any operation of this package, or jsonc-parser) to a text. Pure. Edits must not overlap;
 * they are applied in offset order, each offset referring to the original text.
 * @throws Error (from jsonc-parser) if edits overlap.
 * @example const next = applyEdits(text, renameState(text, 'A', 'B'));
 */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return jsoncApplyEdits(text, edits);
}
