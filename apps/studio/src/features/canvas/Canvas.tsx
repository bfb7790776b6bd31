import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
  type NodeChange,
  type NodeMouseHandler,
  type OnNodeDrag,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { layoutKey as layoutKeyOf, type AslGraph } from '@asl-studio/graph';
import type { JsonPath, StateMachine } from '@asl-studio/asl';
import { plainMessage, useDocumentStore } from '../../stores/document-store';
import { useViewStore } from '../../stores/view-store';
import { setPaletteDropHandler, usePaletteDrag } from '../palette/palette-drag';
import { insertPaletteItem } from './actions';
import { buildEdges, buildNodes, diagnosticsByState } from './build-elements';
import { edgeTypes, type AslEdge } from './edges';
import { graphOf, valueAtPath } from './graph-cache';
import { nodeTypes, type AslNode } from './nodes';
import { useElkLayout } from './use-layout';

function sameDiag(a: AslNode['data']['diag'], b: AslNode['data']['diag']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.errors === b.errors && a.warnings === b.warnings && a.title === b.title && a.range.offset === b.range.offset && a.range.length === b.range.length;
}

/** Whether two derived nodes would render the same (so React Flow can skip the node). */
function sameNode(a: AslNode, b: AslNode): boolean {
  return (
    a.type === b.type &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.parentId === b.parentId &&
    a.selected === b.selected &&
    a.data.label === b.data.label &&
    a.data.stateType === b.data.stateType &&
    a.data.subtitle === b.data.subtitle &&
    a.data.isBranch === b.data.isBranch &&
    sameDiag(a.data.diag, b.data.diag)
  );
}

/**
 * Merges freshly derived nodes into the current ones: unchanged nodes keep their object (React Flow skips them),
 * changed ones keep React Flow's `measured` size.
 */
function mergeNodes(prev: AslNode[], next: AslNode[]): AslNode[] {
  if (!prev.length) return next;
  const byId = new Map(prev.map((n) => [n.id, n]));
  return next.map((n) => {
    const p = byId.get(n.id);
    if (!p) return n;
    if (sameNode(p, n)) return p;
    return p.measured ? { ...n, measured: p.measured } : n;
  });
}

/** Keeps edge objects that did not change, so React Flow re-renders only what changed. */
function mergeEdges(prev: AslEdge[], next: AslEdge[]): AslEdge[] {
  if (!prev.length) return next;
  const byId = new Map(prev.map((e) => [e.id, e]));
  let changed = prev.length !== next.length;
  const out = next.map((e, i) => {
    const p = byId.get(e.id);
    const same =
      p && p.source === e.source && p.target === e.target && p.data?.kind === e.data?.kind && p.data?.label === e.data?.label && p.data?.dropTarget === e.data?.dropTarget;
    if (!same || prev[i] !== p) changed = true;
    return same ? p : e;
  });
  return changed ? out : prev;
}

/** Distance (client px) from a point to an SVG path, by sampling. */
function distanceToPath(path: SVGPathElement, x: number, y: number): number {
  const ctm = path.getScreenCTM();
  if (!ctm) return Infinity;
  const len = path.getTotalLength();
  const steps = Math.max(8, Math.min(64, Math.ceil(len / 12)));
  let best = Infinity;
  for (let i = 0; i <= steps; i++) {
    const p = path.getPointAtLength((len * i) / steps).matrixTransform(ctm);
    best = Math.min(best, Math.hypot(p.x - x, p.y - y));
  }
  return best;
}

/**
 * The edge under (or within 16 px of) a client point that can take a new state, or null when over a node or far
 * from any such edge. `droppable` filters out edges nothing can be inserted on (the end of a Succeed/Fail).
 */
function edgeIdAt(x: number, y: number, droppable: (id: string) => boolean): string | null {
  // Edges right under the pointer; a Next/Choice edge wins over a Catch edge drawn on top of it.
  const hits: string[] = [];
  for (const el of document.elementsFromPoint(x, y)) {
    const edge = el.closest('.react-flow__edge');
    const id = edge?.getAttribute('data-id');
    if (id && droppable(id) && !hits.includes(id)) hits.push(id);
    if (!edge && el.closest('.react-flow__node-state, .react-flow__node-marker')) break;
  }
  if (hits.length) return hits.find((id) => !id.startsWith('catch:')) ?? hits[0]!;
  let best: string | null = null;
  let bestD = 16;
  for (const edge of document.querySelectorAll<SVGGElement>('.canvas-wrap .react-flow__edge')) {
    const r = edge.getBoundingClientRect();
    if (x < r.left - bestD || x > r.right + bestD || y < r.top - bestD || y > r.bottom + bestD) continue;
    const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path');
    const id = edge.getAttribute('data-id');
    if (!path || !id || !droppable(id)) continue;
    const d = distanceToPath(path, x, y);
    if (d < bestD) {
      bestD = d;
      best = id;
    }
  }
  return best;
}

/** The innermost Map processor or Parallel branch under a client point, as a scope path for appendState. */
function scopeAt(x: number, y: number, graph: AslGraph, def: StateMachine | undefined): { nodeId: string; scope: JsonPath } | undefined {
  for (const el of document.elementsFromPoint(x, y)) {
    const nodeEl = el.closest('.react-flow__node-group');
    const id = nodeEl?.getAttribute('data-id');
    if (!id) continue;
    const node = graph.nodes.find((n) => n.id === id);
    if (!node) continue;
    if (node.kind === 'group') return { nodeId: id, scope: node.path };
    if (node.stateType === 'Map') {
      const state = valueAtPath(def, node.path) as Record<string, unknown> | undefined;
      const key = state && !state.ItemProcessor && state.Iterator ? 'Iterator' : 'ItemProcessor';
      return { nodeId: id, scope: [...node.path, key] };
    }
  }
  return undefined;
}

function insideRect(el: HTMLElement | null, x: number, y: number): boolean {
  if (!el) return false;
  const r = el.getBoundingClientRect();
  return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
}

/** Lowest zoom the initial fit uses; bigger drawings are shown from their top at this zoom. */
const MIN_FIT_ZOOM = 0.4;

/** Above this many nodes, only the nodes and edges in view are rendered (React Flow's onlyRenderVisibleElements). */
const VIRTUALIZE_ABOVE = 150;

/** A viewport showing the whole drawing at up to 100 % zoom (like Workflow Studio on open), or its top at {@link MIN_FIT_ZOOM}. */
function fitViewport(nodes: AslNode[], width: number, height: number): { x: number; y: number; zoom: number } | null {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const n of nodes) {
    if (n.parentId) continue;
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + (n.width ?? 0));
    y1 = Math.max(y1, n.position.y + (n.height ?? 0));
  }
  if (!Number.isFinite(x0) || width <= 0 || height <= 0) return null;
  const pad = 24;
  const bw = x1 - x0, bh = y1 - y0;
  const fit = Math.min((width - 2 * pad) / bw, (height - 2 * pad) / bh, 1);
  // Never below a readable zoom: a big drawing is shown from its top, centred, and scrolls.
  const zoom = Math.max(fit, MIN_FIT_ZOOM);
  // Too wide: centre the start marker (the main flow) rather than the bounding box.
  const start = nodes.find((n) => n.id === '__start');
  const x =
    bw * zoom > width - 2 * pad && start
      ? Math.min(pad - x0 * zoom, width / 2 - (start.position.x + (start.width ?? 0) / 2) * zoom)
      : (width - bw * zoom) / 2 - x0 * zoom;
  const y = zoom > fit ? pad - y0 * zoom : (height - bh * zoom) / 2 - y0 * zoom;
  return { x, y, zoom };
}

function MiniMapNodeColor(n: AslNode): string {
  if (n.type === 'marker') return '#545b64';
  if (n.type === 'group') return 'rgba(0,115,187,0.12)';
  return '#c9d3df';
}

function CanvasInner() {
  const def = useDocumentStore((s) => s.lastValidDefinition);
  const diagnostics = useDocumentStore((s) => s.diagnostics);
  const selected = useDocumentStore((s) => s.selectedState);
  const syntaxError = useDocumentStore((s) => s.syntaxError);
  const loaded = useDocumentStore((s) => s.loaded);
  const layout = useViewStore((s) => s.layout);
  const layoutKey = useViewStore((s) => s.layoutKey);
  const manual = useViewStore((s) => s.manual);
  const layoutRequest = useViewStore((s) => s.layoutRequest);
  const rf = useReactFlow();
  const [dropEdgeId, setDropEdgeId] = useState<string | null>(null);
  const wrap = useRef<HTMLDivElement>(null);

  const graph = useMemo(() => graphOf(def), [def]);
  const visibleCentre = () => {
    const el = wrap.current;
    if (!el) return undefined;
    const r = el.getBoundingClientRect();
    return rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 3 });
  };
  useElkLayout(graph);
  const diag = useMemo(() => diagnosticsByState(diagnostics), [diagnostics]);
  // Draw once a layout exists that covers most of the graph (avoids a flash of unplaced nodes after an import).
  const currentKey = useMemo(() => layoutKeyOf(graph), [graph]);
  const layoutReady = layoutKey === currentKey;
  const hasLayout = useMemo(() => {
    if (layoutReady) return true;
    const missing = graph.nodes.filter((n) => !layout[n.id]).length;
    return graph.nodes.length > 0 && missing <= graph.nodes.length / 2;
  }, [layoutReady, layout, graph]);
  const derivedNodes = useMemo(
    () => (hasLayout ? buildNodes({ graph, def, layout, manual, diag, selected, anchor: visibleCentre() }) : []),
    [hasLayout, graph, def, layout, manual, diag, selected],
  );
  const prevEdges = useRef<AslEdge[]>([]);
  const edges = useMemo(() => {
    const next = hasLayout ? mergeEdges(prevEdges.current, buildEdges(graph, dropEdgeId)) : [];
    prevEdges.current = next;
    return next;
  }, [hasLayout, graph, dropEdgeId]);

  // Controlled nodes: derived from the document + view state, with React Flow's own changes (drag, measure) applied locally.
  const [local, setLocal] = useState<{ src: AslNode[]; nodes: AslNode[] }>({ src: derivedNodes, nodes: derivedNodes });
  let nodes = local.nodes;
  if (local.src !== derivedNodes) {
    nodes = mergeNodes(local.nodes, derivedNodes);
    setLocal({ src: derivedNodes, nodes });
  }

  const onNodesChange = useCallback((changes: NodeChange<AslNode>[]) => {
    // Keyboard selection (Enter/Space on a focused node) arrives as a select change.
    const picked = changes.find((c) => c.type === 'select' && c.selected);
    if (picked && picked.type === 'select' && useDocumentStore.getState().selectedState !== picked.id) {
      useDocumentStore.getState().select(picked.id);
    }
    const relevant = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
    if (relevant.length) setLocal((l) => ({ src: l.src, nodes: applyNodeChanges(relevant, l.nodes) }));
  }, []);

  const onNodeDragStop: OnNodeDrag<AslNode> = useCallback((_e, _node, dragged) => {
    const view = useViewStore.getState();
    for (const n of dragged) view.moveNode(n.id, n.position);
  }, []);

  const onNodeClick: NodeMouseHandler<AslNode> = useCallback((_e, node) => {
    if (node.type === 'state' || (node.type === 'group' && !node.data.isBranch)) useDocumentStore.getState().select(node.id);
  }, []);

  const onPaneClick = useCallback(() => useDocumentStore.getState().select(null), []);
  const onMoveEnd = useCallback((_e: unknown, v: { x: number; y: number; zoom: number }) => useViewStore.getState().setViewport(v), []);

  // Fit the view when a new layout lands after load, import or Auto layout, or when most of the graph is new
  // (e.g. undoing an import).
  const fitPending = useRef(true);
  const restoredViewport = useRef(false);
  useEffect(() => {
    if (!hasLayout && graph.nodes.length) fitPending.current = true;
  }, [hasLayout, graph]);
  const lastRequest = useRef(layoutRequest);
  useEffect(() => {
    if (layoutRequest !== lastRequest.current) {
      lastRequest.current = layoutRequest;
      fitPending.current = true;
    }
  }, [layoutRequest]);
  useEffect(
    () =>
      useDocumentStore.subscribe((s, p) => {
        if (s.version !== p.version && (s.origin === 'import' || s.origin === 'load')) fitPending.current = true;
      }),
    [],
  );
  useEffect(() => {
    if (!fitPending.current || !layoutReady || !derivedNodes.length) return;
    fitPending.current = false;
    const id = requestAnimationFrame(() => {
      const el = wrap.current;
      if (!el) return;
      // A restored viewport (reload) wins over fitting, once.
      const saved = useViewStore.getState().viewport;
      const restore = !restoredViewport.current && useDocumentStore.getState().origin === 'load';
      restoredViewport.current = true;
      if (saved && restore) {
        void rf.setViewport(saved, { duration: 0 });
        return;
      }
      const { width, height } = el.getBoundingClientRect();
      const v = fitViewport(derivedNodes, width, height);
      if (v) void rf.setViewport(v, { duration: 0 });
    });
    return () => cancelAnimationFrame(id);
  }, [layout, layoutReady, derivedNodes, rf]);

  useEffect(() => {
    if (!layoutReady || !derivedNodes.length || useViewStore.getState().canvasPainted) return;
    const id = requestAnimationFrame(() => useViewStore.getState().markCanvasPainted());
    return () => cancelAnimationFrame(id);
  }, [layoutReady, derivedNodes]);

  // Palette drag (pointer events): highlight the edge under the pointer; drop inserts there or appends.
  const dragging = usePaletteDrag((d) => d.itemId !== null);
  useEffect(() => {
    if (!dragging) {
      setDropEdgeId(null);
      return;
    }
    return usePaletteDrag.subscribe((d) => {
      const id = d.itemId && insideRect(wrap.current, d.x, d.y) ? edgeIdAt(d.x, d.y, droppableRef.current) : null;
      setDropEdgeId((cur) => (cur === id ? cur : id));
    });
  }, [dragging]);
  useEffect(
    () =>
      setPaletteDropHandler((itemId, x, y) => {
        if (!insideRect(wrap.current, x, y)) return false;
        const edgeId = edgeIdAt(x, y, droppableRef.current);
        const edge = edgeId ? graphRef.current.edges.find((g) => g.id === edgeId) : undefined;
        const p = rf.screenToFlowPosition({ x, y });
        if (edge) {
          insertPaletteItem(itemId, { edge });
          return true;
        }
        // Dropped inside a Map or a Parallel branch: add the state to that scope.
        const target = scopeAt(x, y, graphRef.current, useDocumentStore.getState().lastValidDefinition);
        const origin = target ? rf.getInternalNode(target.nodeId)?.internals.positionAbsolute : undefined;
        const at = origin ? { x: p.x - origin.x, y: p.y - origin.y } : p;
        insertPaletteItem(itemId, { position: { x: at.x - 100, y: at.y - 24 }, scope: target?.scope });
        return true;
      }),
    [rf],
  );
  const graphRef = useRef(graph);
  graphRef.current = graph;
  // Edges a state can be inserted on: not the end of a Succeed or Fail (they cannot have a Next).
  const droppable = useMemo(() => {
    const terminal = new Set(graph.nodes.filter((n) => n.stateType === 'Succeed' || n.stateType === 'Fail').map((n) => n.id));
    const ok = new Set(graph.edges.filter((e) => !terminal.has(e.source)).map((e) => e.id));
    return (id: string) => ok.has(id);
  }, [graph]);
  const droppableRef = useRef(droppable);
  droppableRef.current = droppable;

  return (
    <div className={`canvas-wrap${dragging ? ' is-dropping' : ''}`} ref={wrap}>
      <ReactFlow<AslNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        onMoveEnd={onMoveEnd}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        selectNodesOnDrag={false}
        nodesConnectable={false}
        edgesFocusable={false}
        onlyRenderVisibleElements={nodes.length > VIRTUALIZE_ABOVE}
        minZoom={0.1}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        aria-label="Workflow graph"
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1} color="#d5dbdb" />
        <Controls showInteractive={false} position="bottom-left" />
        <MiniMap<AslNode> pannable zoomable nodeColor={MiniMapNodeColor} position="bottom-right" ariaLabel="Minimap" style={{ width: 140, height: 96 }} />
      </ReactFlow>
      {syntaxError ? (
        <div className="canvas-banner" role="alert">
          <strong>Invalid JSON</strong> at line {syntaxError.line}, column {syntaxError.column}:{' '}
          {plainMessage(syntaxError)}.{' '}
          <span className="muted">The graph shows the last valid definition.</span>
        </div>
      ) : null}
      {loaded && !graph.nodes.length && !syntaxError ? (
        <div className="canvas-empty">Drag a state from the left panel here to start.</div>
      ) : null}
    </div>
  );
}

/** The workflow canvas (React Flow, controlled): derived from the document, positions from the view store. */
export function Canvas() {
  return (
    <ReactFlowProvider>
      <CanvasInner />
    </ReactFlowProvider>
  );
}
