import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useNodesInitialized,
  useReactFlow,
  type NodeChange,
  type NodeMouseHandler,
  type OnNodeDrag,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useDocumentStore } from '../../stores/document-store';
import { useViewStore } from '../../stores/view-store';
import { PALETTE_MIME } from '../palette/palette-items';
import { insertPaletteItem } from './actions';
import { buildEdges, buildNodes, diagnosticsByState } from './build-elements';
import { edgeTypes } from './edges';
import { graphOf } from './graph-cache';
import { nodeTypes, type AslNode } from './nodes';
import { useElkLayout } from './use-layout';

/** Keep the user's `measured` sizes (React Flow needs them) when the derived nodes are rebuilt. */
function mergeMeasured(prev: AslNode[], next: AslNode[]): AslNode[] {
  if (!prev.length) return next;
  const byId = new Map(prev.map((n) => [n.id, n]));
  return next.map((n) => {
    const p = byId.get(n.id);
    return p?.measured ? { ...n, measured: p.measured } : n;
  });
}

function edgeIdAt(x: number, y: number): string | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const edge = el.closest('.react-flow__edge');
    if (edge) return edge.getAttribute('data-id');
    if (el.closest('.react-flow__node')) return null;
  }
  return null;
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

  const graph = useMemo(() => graphOf(def), [def]);
  useElkLayout(graph);
  const diag = useMemo(() => diagnosticsByState(diagnostics), [diagnostics]);
  const hasLayout = layoutKey !== null;
  const derivedNodes = useMemo(
    () => (hasLayout ? buildNodes({ graph, def, layout, manual, diag, selected }) : []),
    [hasLayout, graph, def, layout, manual, diag, selected],
  );
  const edges = useMemo(() => (hasLayout ? buildEdges(graph, dropEdgeId) : []), [hasLayout, graph, dropEdgeId]);

  // Controlled nodes: derived from the document + view state, with React Flow's own changes (drag, measure) applied locally.
  const [local, setLocal] = useState<{ src: AslNode[]; nodes: AslNode[] }>({ src: derivedNodes, nodes: derivedNodes });
  let nodes = local.nodes;
  if (local.src !== derivedNodes) {
    nodes = mergeMeasured(local.nodes, derivedNodes);
    setLocal({ src: derivedNodes, nodes });
  }

  const onNodesChange = useCallback((changes: NodeChange<AslNode>[]) => {
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

  // Fit the view when a new layout lands after load, import or Auto layout.
  const fitPending = useRef(true);
  const lastRequest = useRef(layoutRequest);
  useEffect(() => {
    if (layoutRequest !== lastRequest.current) {
      lastRequest.current = layoutRequest;
      fitPending.current = true;
    }
  }, [layoutRequest]);
  const origin = useDocumentStore((s) => s.origin);
  const version = useDocumentStore((s) => s.version);
  useEffect(() => {
    if (origin === 'import' || origin === 'load') fitPending.current = true;
  }, [origin, version]);
  const initialized = useNodesInitialized();
  useEffect(() => {
    if (!fitPending.current || !hasLayout || !nodes.length || !initialized) return;
    fitPending.current = false;
    const id = requestAnimationFrame(() => void rf.fitView({ padding: 0.08, maxZoom: 1, duration: 0 }));
    return () => cancelAnimationFrame(id);
  }, [layout, hasLayout, nodes.length, initialized, rf]);

  // Palette drag and drop.
  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    const id = edgeIdAt(e.clientX, e.clientY);
    setDropEdgeId((cur) => (cur === id ? cur : id));
  }, []);
  const onDragLeave = useCallback((e: DragEvent) => {
    if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
    setDropEdgeId(null);
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const itemId = e.dataTransfer.getData(PALETTE_MIME);
      if (!itemId) return;
      e.preventDefault();
      const edgeId = edgeIdAt(e.clientX, e.clientY);
      setDropEdgeId(null);
      const edge = edgeId ? graph.edges.find((g) => g.id === edgeId) : undefined;
      const position = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      insertPaletteItem(itemId, edge ? { edge } : { position: { x: position.x - 100, y: position.y - 24 } });
    },
    [graph, rf],
  );

  return (
    <div className="canvas-wrap" onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      <ReactFlow<AslNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        selectNodesOnDrag={false}
        nodesConnectable={false}
        edgesFocusable={false}
        onlyRenderVisibleElements
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
          <strong>Invalid JSON</strong> at line {syntaxError.line}, column {syntaxError.column}: {syntaxError.message}.{' '}
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
