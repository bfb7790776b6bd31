import { useEffect, useMemo } from 'react';
import { layoutGraph, layoutKey, type AslGraph } from '@asl-studio/graph';
import { useViewStore } from '../../stores/view-store';
import { useDocumentStore } from '../../stores/document-store';
import { getElk } from './elk';
import { nodeSize } from './build-elements';

/** Latest layout duration in ms (for the perf readout in the status bar and tests). */
export let lastLayoutMs = 0;

/**
 * Keeps the elk layout in step with the graph: re-runs elk (in its worker) only when {@link layoutKey} changes
 * or the user asks for "Auto layout". Stale results (the graph changed meanwhile) are dropped.
 */
export function useElkLayout(graph: AslGraph): void {
  const key = useMemo(() => layoutKey(graph), [graph]);
  const request = useViewStore((s) => s.layoutRequest);
  useEffect(() => {
    const view = useViewStore.getState();
    if (view.layoutKey === key) return;
    if (!graph.nodes.length) {
      view.setLayout(key, {});
      return;
    }
    let cancelled = false;
    const t0 = performance.now();
    view.setLayingOut(true);
    layoutGraph(graph, getElk(), nodeSize)
      .then((l) => {
        if (cancelled) return;
        lastLayoutMs = performance.now() - t0;
        performance.mark?.('asl-studio:layout-done');
        useViewStore.getState().setLayout(key, l.positions);
      })
      .catch((e: unknown) => {
        if (!cancelled) useDocumentStore.getState().notify('error', `Layout failed: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        if (!cancelled) useViewStore.getState().setLayingOut(false);
      });
    return () => {
      cancelled = true;
    };
  }, [graph, key, request]);
}
