/**
 * The inspector's writes: each is ONE text edit of the document (one undo step shared with the code editor), made by
 * a pure op of @asl-studio/graph. A refused edit (broken JSON, missing state) becomes a notice and changes nothing.
 */
import {
  insertStateListItem,
  moveStateListItem,
  removeStateListItem,
  setExclusiveStateField,
  setStateField,
  type StateListField,
  type TextEdit,
} from '@asl-studio/graph';
import type { JsonPath } from '@asl-studio/asl';
import { useDocumentStore } from '../../stores/document-store';

/** Applies `compute` through the document store as an inspector edit. Returns true when the text changed. */
export function editDocument(compute: (text: string) => TextEdit[]): boolean {
  return useDocumentStore.getState().edit(compute, 'inspector');
}

/** Sets (or, with undefined, removes) a field of state `name`; `field` may be a path inside the state. */
export function setField(name: string, field: string | JsonPath, value: unknown): boolean {
  return editDocument((t) => setStateField(t, name, field, value));
}

/** Sets one of a group of mutually exclusive fields (Next/End, the Wait modes, …) in place of the others. */
export function setExclusive(name: string, field: string, value: unknown, others: readonly string[]): boolean {
  return editDocument((t) => setExclusiveStateField(t, name, field, value, others));
}

/** Inserts an item into a list field (Retry, Catch, Choices, Branches, …). */
export function insertItem(name: string, field: StateListField, index: number | undefined, value: unknown): boolean {
  return editDocument((t) => insertStateListItem(t, name, field, index, value));
}

/** Removes an item of a list field; the field goes with its last item when `removeEmptyList`. */
export function removeItem(name: string, field: StateListField, index: number, removeEmptyList = true): boolean {
  return editDocument((t) => removeStateListItem(t, name, field, index, { removeEmptyList }));
}

/** Moves an item of a list field from one position to another. */
export function moveItem(name: string, field: StateListField, from: number, to: number): boolean {
  return editDocument((t) => moveStateListItem(t, name, field, from, to));
}
