import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type Edge, type EdgeProps } from '@xyflow/react';
import { useEdgeTaken } from '../run';

/** Data of a canvas edge. */
export interface AslEdgeData extends Record<string, unknown> {
  kind: 'next' | 'choice' | 'default' | 'catch' | 'start' | 'end';
  label?: string;
  /** Highlighted as the drop target while a palette item is dragged over it. */
  dropTarget?: boolean;
}

/** A canvas edge. */
export type AslEdge = Edge<AslEdgeData>;

/** An ASL transition: smooth-step path, dashed for Catch, labelled for Choice rules/Default/Catch errors, highlighted when taken. */
export const TransitionEdge = memo(function TransitionEdge(props: EdgeProps<AslEdge>) {
  const { source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd } = props;
  const taken = useEdgeTaken(source, target);
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    borderRadius: 8,
    offset: 16,
  });
  const kind = data?.kind ?? 'next';
  const cls = ['asl-edge', `kind-${kind}`, taken ? 'is-taken' : '', data?.dropTarget ? 'is-drop-target' : '']
    .filter(Boolean)
    .join(' ');
  const label = data?.label;
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} className={cls} interactionWidth={24} />
      {label ? (
        <EdgeLabelRenderer>
          <div
            className={`edge-label kind-${kind}${taken ? ' is-taken' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={label}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

/** React Flow edgeTypes for the canvas (a stable object). */
export const edgeTypes = { transition: TransitionEdge };
