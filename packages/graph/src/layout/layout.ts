import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { AslGraph, GraphNode, Layout, NodeBox, Point } from '../types.js';

/**
 * Anything with elkjs's `layout` method: `new ELK()` from `elkjs/lib/elk.bundled.js` (Node, tests) or from
 * `elkjs/lib/elk-api.js` with a `workerFactory` (the browser, so layout does not block the UI).
 */
export interface ELKLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

/** Size in px of a node (a minimum size for group nodes, whose size elk computes from their children). */
export interface NodeSize {
  width: number;
  height: number;
}

/** Default state node size in px (close to AWS Workflow Studio's state boxes). */
export const STATE_SIZE: NodeSize = { width: 200, height: 44 };
/** Default start/end marker size in px (a pill). */
export const MARKER_SIZE: NodeSize = { width: 72, height: 30 };
/** Default minimum size in px of an empty group (a Parallel without branches, a Map without a processor). */
export const EMPTY_GROUP_SIZE: NodeSize = { width: 200, height: 80 };

/**
 * Default node sizes in px: {@link STATE_SIZE} for states, {@link MARKER_SIZE} for start/end markers,
 * {@link EMPTY_GROUP_SIZE} as the minimum of groups.
 */
export function defaultNodeSize(node: GraphNode): NodeSize {
  if (node.isGroup) return EMPTY_GROUP_SIZE;
  if (node.kind === 'start' || node.kind === 'end') return MARKER_SIZE;
  return STATE_SIZE;
}

/**
 * elk options of every container (root and groups; elk does not inherit them): layered, top-down; network-simplex
 * node placement with merged edge ports keeps the main path a straight vertical line (as in AWS Workflow Studio),
 * with branches to its sides; 48 px between layers, 40 px between siblings.
 */
const SPACING_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.layered.mergeEdges': 'true',
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  'elk.spacing.edgeNode': '24',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
};

/** The caller's options that apply per container (elk does not inherit them into groups). */
function containerOptions(elkOptions: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(elkOptions)) if (k in SPACING_OPTIONS) out[k] = elkOptions[k];
  return out;
}

/** elk options of the root: {@link SPACING_OPTIONS}, plus the whole hierarchy laid out at once. */
const ROOT_OPTIONS: Record<string, string> = {
  ...SPACING_OPTIONS,
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  // Edge routes in absolute coordinates (React Flow draws edges in flow coordinates).
  'elk.json.edgeCoords': 'ROOT',
  // Root only: elkjs 0.12.1 crashes ("reading 'a'") when these are set on nested groups.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
  'elk.separateConnectedComponents': 'false',
  'elk.padding': '[top=24,left=24,bottom=24,right=24]',
};

/** elk padding in px inside a Map/Parallel group (room for its title at the top). */
export const GROUP_PADDING = '[top=44,left=24,bottom=24,right=24]';
/** elk padding in px inside a Parallel branch group (room for "Branch n" at the top). */
export const BRANCH_PADDING = '[top=32,left=16,bottom=16,right=16]';

/**
 * Lays the graph out with elkjs, like AWS Workflow Studio's vertical flow: layered algorithm, direction DOWN, the
 * whole hierarchy in one pass (`elk.hierarchyHandling: INCLUDE_CHILDREN`, so Parallel/Map groups are sized around
 * their children), network-simplex placement with merged ports so a chain of Next transitions is one straight centred
 * column (Next/start edges have straightness priority; Catch edges bend around), 48 px between layers and 40 px between
 * siblings. Graphs whose layered form is large ({@link estimateLayeredSize} > {@link NETWORK_SIMPLEX_LIMIT}: many states or
 * long Catch edges) use Brandes–Köpf placement instead, which stays fast (network simplex is superlinear there).
 * Document order is kept: Parallel branches left to right in order (and top-aligned), Choice targets in
 * model order where crossings allow.
 *
 * Returns, for every node id, its box in px: `x`/`y` are the top-left corner RELATIVE TO THE PARENT GROUP for
 * nested nodes (React Flow's convention for nodes with `parentId`) and relative to the drawing's origin for top-level
 * nodes; `width`/`height` are the node's size (for groups, as computed by elk around their children, at least
 * `sizes(group)`). Also returns elk's orthogonal edge routes in ABSOLUTE px ({@link Layout.routes}), which a canvas
 * may use or ignore. Edge labels are not given space.
 *
 * Rejects only if `elk.layout` rejects. Pure apart from the elk call (does not modify `graph`).
 *
 * @param graph from {@link definitionToGraph} (nodes parents-first).
 * @param elk any object with elkjs's `layout(graph): Promise<ElkNode>`: `new ELK()` from `elkjs/lib/elk.bundled.js`
 *   (Node, tests) or from `elkjs/lib/elk-api.js` with a worker (browser).
 * @param sizes size in px of each node; default {@link defaultNodeSize}. For a group, its minimum size.
 * @param elkOptions extra elk layout options for the root (e.g. `{ 'elk.direction': 'RIGHT' }`); spacing/direction
 *   keys are applied to groups too.
 * @example
 * import ELK from 'elkjs/lib/elk.bundled.js';
 * const { positions } = await layoutGraph(definitionToGraph(def), new ELK());
 * positions['Pay'] // { x: 24, y: 102, width: 200, height: 44 }
 */
export async function layoutGraph(
  graph: AslGraph,
  elk: ELKLike,
  sizes: (n: GraphNode) => NodeSize = defaultNodeSize,
  elkOptions: Record<string, string> = {},
): Promise<Layout> {
  const root: ElkNode = { id: '__root', layoutOptions: { ...ROOT_OPTIONS, ...elkOptions }, children: [], edges: [] };
  const elkNodes = new Map<string, ElkNode>();
  const parentOf = new Map<string, string | undefined>();
  for (const node of graph.nodes) {
    const size = sizes(node);
    const elkNode: ElkNode = { id: node.id, width: size.width, height: size.height };
    if (node.isGroup) {
      elkNode.children = [];
      elkNode.edges = [];
      elkNode.layoutOptions = {
        ...SPACING_OPTIONS,
        ...containerOptions(elkOptions),
        'elk.padding': node.kind === 'group' ? BRANCH_PADDING : GROUP_PADDING,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${size.width},${size.height})`,
      };
    }
    if (node.kind === 'group') {
      const i = Number(node.path[node.path.length - 1]);
      elkNode.layoutOptions = { ...elkNode.layoutOptions, 'elk.position': `(${(Number.isFinite(i) ? i : 0) * 10000},0)` };
    }
    if (node.stateType === 'Parallel') elkNode.layoutOptions = { ...elkNode.layoutOptions, 'elk.layered.crossingMinimization.semiInteractive': 'true' };
    elkNodes.set(node.id, elkNode);
    parentOf.set(node.id, node.parentId);
  }
  for (const node of graph.nodes) {
    const parent = node.parentId !== undefined ? elkNodes.get(node.parentId) : undefined;
    const container = parent?.children ?? root.children!;
    container.push(elkNodes.get(node.id)!);
  }
  graph.edges.forEach((edge, i) => {
    if (!elkNodes.has(edge.source) || !elkNodes.has(edge.target)) return;
    const elkEdge: ElkExtendedEdge = { id: `__e${i}`, sources: [edge.source], targets: [edge.target] };
    // Keep the main path (Next, start) straight; catch edges bend around it.
    if (edge.kind === 'next' || edge.kind === 'start') elkEdge.layoutOptions = { 'elk.layered.priority.straightness': '10' };
    // Edges live in their endpoints' common parent (transitions never leave their scope).
    const sp = parentOf.get(edge.source);
    const container = sp !== undefined && sp === parentOf.get(edge.target) ? elkNodes.get(sp) : root;
    (container?.edges ?? root.edges!).push(elkEdge);
  });

  if (!('elk.layered.nodePlacement.strategy' in elkOptions) && estimateLayeredSize(graph) > NETWORK_SIMPLEX_LIMIT) {
    // Network simplex is superlinear in long edges (catchers to a far handler): 100 states with 20 Catch edges to
    // one Fail took 2 s against 0.4 s for Brandes–Köpf, 200 states 33 s against 1 s. Large graphs use BK.
    const bk = { 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED' };
    root.layoutOptions = { ...root.layoutOptions, ...bk };
    for (const n of elkNodes.values()) if (n.children) n.layoutOptions = { ...n.layoutOptions, ...bk };
  }

  const result = await elk.layout(root);
  const positions: Record<string, NodeBox> = {};
  const routes: Record<string, Point[]> = {};
  const visit = (n: ElkNode): void => {
    for (const e of n.edges ?? []) {
      const i = Number(e.id.slice(3));
      const points: Point[] = [];
      for (const section of e.sections ?? []) {
        points.push({ x: section.startPoint.x, y: section.startPoint.y });
        for (const b of section.bendPoints ?? []) points.push({ x: b.x, y: b.y });
        points.push({ x: section.endPoint.x, y: section.endPoint.y });
      }
      if (points.length > 0 && graph.edges[i]) routes[graph.edges[i].id] = points;
    }
    for (const child of n.children ?? []) {
      positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 };
      visit(child);
    }
  };
  visit(result);
  // Parallel branches hang from the top of their Parallel (elk centres shorter ones vertically). They have no edges
  // at that level, so moving them is safe.
  const branches = new Map<string, string[]>();
  for (const n of graph.nodes) {
    if (n.kind === 'group' && n.parentId !== undefined) branches.set(n.parentId, [...(branches.get(n.parentId) ?? []), n.id]);
  }
  for (const ids of branches.values()) {
    const boxes = ids.filter((id) => positions[id] !== undefined);
    const top = Math.min(...boxes.map((id) => positions[id].y));
    for (const id of boxes) {
      const dy = top - positions[id].y;
      if (dy === 0) continue;
      positions[id].y = top;
      // Routes are absolute: move those inside the branch with it.
      for (const e of graph.edges) {
        if (!routes[e.id] || !isInside(e.source, id, parentOf)) continue;
        routes[e.id] = routes[e.id].map((p) => ({ x: p.x, y: p.y + dy }));
      }
    }
  }
  return { positions, routes };
}

/**
 * Above this estimated size (nodes + long-edge dummy nodes), layout uses Brandes–Köpf node placement instead of
 * network simplex (straighter, but superlinear in long edges).
 */
export const NETWORK_SIMPLEX_LIMIT = 300;

/**
 * Estimated size of the layered graph elk builds: nodes plus one dummy node per layer crossed by a long edge, with
 * layers from a longest-path layering (back edges ignored) per container. Linear time.
 */
export function estimateLayeredSize(graph: AslGraph): number {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) {
    const list = out.get(e.source);
    if (list) list.push(e.target);
    else out.set(e.source, [e.target]);
  }
  const layer = new Map<string, number>();
  const state = new Map<string, 1 | 2>(); // 1 = on the DFS stack, 2 = done
  // Iterative DFS computing the longest path to a sink ("height"); back edges (to nodes on the stack) are skipped.
  for (const n of graph.nodes) {
    if (state.has(n.id)) continue;
    const stack: [string, number][] = [[n.id, 0]];
    state.set(n.id, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const targets = out.get(top[0]) ?? [];
      if (top[1] < targets.length) {
        const t = targets[top[1]++];
        if (!state.has(t)) {
          state.set(t, 1);
          stack.push([t, 0]);
        }
      } else {
        let h = 0;
        for (const t of targets) if (state.get(t) === 2) h = Math.max(h, (layer.get(t) ?? 0) + 1);
        layer.set(top[0], h);
        state.set(top[0], 2);
        stack.pop();
      }
    }
  }
  let size = graph.nodes.length;
  for (const e of graph.edges) {
    const span = (layer.get(e.source) ?? 0) - (layer.get(e.target) ?? 0);
    if (span > 1) size += span - 1;
  }
  return size;
}

/** True if `id` is `ancestor` or nested (at any depth) in it. */
function isInside(id: string, ancestor: string, parentOf: Map<string, string | undefined>): boolean {
  for (let cur: string | undefined = id, guard = 0; cur !== undefined && guard < 256; cur = parentOf.get(cur), guard++) {
    if (cur === ancestor) return true;
  }
  return false;
}

/**
 * A string that identifies the graph's shape as far as layout is concerned: node ids, kinds, state types, nesting,
 * and edges' endpoints in order. It changes only when a re-layout could move something, so a caller can skip
 * {@link layoutGraph} when an edit only touched fields, comments or Choice rule text. (A rename changes node ids,
 * hence the key.) If your `sizes` function depends on anything else (e.g. a state's Resource), add that to the key.
 * Pure.
 * @example if (layoutKey(graph) !== lastKey) positions = (await layoutGraph(graph, elk)).positions;
 */
export function layoutKey(graph: AslGraph): string {
  const parts: string[] = [];
  for (const n of graph.nodes) parts.push(`n\u0001${n.id}\u0001${n.parentId ?? ''}\u0001${n.kind}\u0001${n.stateType ?? ''}\u0001${n.isGroup ? 1 : 0}`);
  for (const e of graph.edges) parts.push(`e\u0001${e.source}\u0001${e.target}`);
  return parts.join('\u0002');
}
