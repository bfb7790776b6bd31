/**
 * Public types of `@asl-studio/graph` (see docs/CONTRACT.md).
 *
 * The ASL types are declared structurally here so this package does not depend on the
 * shape of `@asl-studio/asl`'s model beyond what the contract fixes: a `StateMachine`
 * from `@asl-studio/asl` (or any parsed JSON object) is accepted wherever a definition is.
 */

/** JSON path segments from the document root, e.g. `["States", "Pay", "Next"]` (same as `@asl-studio/asl`). */
export type JsonPath = (string | number)[];

/** The eight ASL state types ("Type" field, States Language spec § "State Types"). */
export type StateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

/**
 * Any state machine definition: `@asl-studio/asl`'s `StateMachine`, or an arbitrary value from `JSON.parse`.
 * Functions taking it never assume it is valid.
 */
export type DefinitionLike = object | null | undefined;

/**
 * Kind of a graph node.
 * - `state`: one ASL state (Parallel and Map states are also groups, see {@link GraphNode.isGroup});
 * - `start` / `end`: the start and end markers of a scope (the machine, a Parallel branch, a Map processor);
 * - `group`: a Parallel branch container (child of its Parallel state node).
 */
export type NodeKind = 'state' | 'start' | 'end' | 'group';

/** One node of the graph. Nodes are listed parents-first (a group precedes its children), as React Flow requires. */
export interface GraphNode {
  /**
   * The state name for states (names are unique across a machine, spec § "States").
   * Markers: `"__start"` / `"__end"` for the machine, `"__start:" + scopeKey` / `"__end:" + scopeKey` for nested scopes,
   * where scopeKey is the scope's JSON path joined by "/" (e.g. `__start:States/P/Branches/0`,
   * `__end:States/M/ItemProcessor`). Branch groups: `"__branch:" + pathKey` (e.g. `__branch:States/P/Branches/0`).
   * An invalid definition that repeats a state name in two scopes gets a `#2`, `#3`… suffix on the later ones
   * (use {@link GraphNode.path} as the authoritative location).
   */
  id: string;
  kind: NodeKind;
  /** The state's `Type` for state nodes (absent when the Type is missing or unknown). */
  stateType?: StateType;
  /** Display text: the state name; "Start"/"End" for markers; "Branch 1", "Branch 2"… for branch groups. */
  label: string;
  /** The id of the enclosing group node (a Map state, or a Parallel branch group) for nested nodes. */
  parentId?: string;
  /**
   * JSON path in the document: of the state (`["States","A"]`, `["States","P","Branches",0,"States","B"]`);
   * of the branch (`["States","P","Branches",0]`) for branch groups; of the scope (`[]`,
   * `["States","M","ItemProcessor"]`) for start/end markers.
   */
  path: JsonPath;
  /** True for Parallel and Map states and for Parallel branch containers: their children carry `parentId`. */
  isGroup: boolean;
}

/**
 * Kind of a graph edge: `next` (a state's Next), `choice` (a Choice rule's Next), `default` (a Choice's Default),
 * `catch` (a Catcher's Next; drawn dashed), `start` (start marker → StartAt state), `end` (terminal state → end marker:
 * End:true, Succeed, Fail).
 */
export type EdgeKind = 'next' | 'choice' | 'default' | 'catch' | 'start' | 'end';

/** One edge. Edges always join siblings (nodes with the same parentId): transitions never leave their scope. */
export interface GraphEdge {
  /** Unique within the graph: `kind + ":" + path.join("/")`, de-duplicated with a `#n` suffix if needed. */
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  /** Choice rule text (`$.total > 100`, the JSONata Condition, or `Rule 2`), "Default", or the catcher's ErrorEquals joined by ", ". */
  label?: string;
  /**
   * Where this edge's transition lives in the document, for "insert on edge":
   * `next` → `[...state, "Next"]`; `choice` → `[...state, "Choices", i, "Next"]`; `default` → `[...state, "Default"]`;
   * `catch` → `[...state, "Catch", i, "Next"]`; `start` → `[...scope, "StartAt"]`; `end` → the state's path.
   */
  path?: JsonPath;
}

/** The graph of a definition: nodes (parents before children) and edges. */
export interface AslGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A node's box in px: top-left `x`/`y` RELATIVE to its parent group (absolute for top-level nodes), plus size. */
export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A point in px. */
export interface Point {
  x: number;
  y: number;
}

/** Result of {@link layoutGraph}: a box for every node id of the graph. */
export interface Layout {
  positions: Record<string, NodeBox>;
  /**
   * Optional extra beyond the contract: elk's orthogonal route of each edge, by edge id, as ABSOLUTE points in px
   * (start on the source's border, bend points, end on the target's border), for drawing edges around nodes instead
   * of straight/smooth-step paths. Edges between the same pair of sides share their first/last point (merged ports).
   */
  routes?: Record<string, Point[]>;
}

/** A text edit in jsonc-parser's `Edit` shape: replace `length` UTF-16 code units at `offset` by `content`. */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}
