/**
 * @asl-studio/graph — ASL ↔ graph: the graph of a definition, its elkjs layout, and the edit operations the canvas
 * applies to the document text. Pure TypeScript (no React, DOM or worker code). See README.md and docs/CONTRACT.md.
 */
export type {
  AslGraph,
  DefinitionLike,
  EdgeKind,
  GraphEdge,
  GraphNode,
  JsonPath,
  Layout,
  NodeBox,
  NodeKind,
  Point,
  StateType,
  TextEdit,
} from './types.js';
export { definitionToGraph, startMarkerId, endMarkerId } from './from-asl.js';
export { choiceRuleLabel } from './choice-label.js';
export {
  layoutGraph,
  layoutKey,
  defaultNodeSize,
  STATE_SIZE,
  MARKER_SIZE,
  EMPTY_GROUP_SIZE,
  type ELKLike,
  type NodeSize,
} from './layout/layout.js';
export { EditError, detectFormatting } from './ops/doc.js';
export { insertStateOnEdge } from './ops/insert-on-edge.js';
export { deleteState } from './ops/delete.js';
export { renameState } from './ops/rename.js';
export { duplicateState } from './ops/duplicate.js';
export { appendState } from './ops/append.js';
export { applyEdits } from './ops/apply.js';
export { findState } from './ops/find-state.js';
export { replaceState } from './ops/replace.js';
export { setStateField } from './ops/set-field.js';
export { uniqueStateName } from './ops/unique-name.js';
export { insertStateListItem, removeStateListItem, moveStateListItem, type StateListField } from './ops/list-item.js';
export { setExclusiveStateField } from './ops/exclusive-field.js';
