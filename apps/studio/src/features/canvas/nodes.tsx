import { memo, useLayoutEffect, useRef, type MouseEvent, type SyntheticEvent } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { TextRange } from '@asl-studio/asl';
import { useStateRunStatus, useStateWaiting } from '../run';
import { useDocumentStore } from '../../stores/document-store';
import { deleteSelected, duplicateSelected } from './actions';

/** Diagnostics summary of one state, for its badge. */
export interface NodeDiagnostics {
  errors: number;
  warnings: number;
  /** Range of the first (most severe) diagnostic; a badge click selects it in the editor. */
  range: TextRange;
  /** Tooltip text: the messages. */
  title: string;
}

/** Data of state, group and marker nodes on the canvas. */
export interface AslNodeData extends Record<string, unknown> {
  label: string;
  stateType?: string;
  subtitle?: string;
  diag?: NodeDiagnostics;
  /** Drop target highlight while dragging a palette item over a group. */
  isBranch?: boolean;
}

/** A canvas node. */
export type AslNode = Node<AslNodeData>;

/**
 * Sets data-status on React Flow's node element (the one carrying data-id) from the live run status, and
 * data-waiting="callback" while a task of the state waits for a callback (.waitForTaskToken).
 */
function useStatusAttribute(id: string) {
  const status = useStateRunStatus(id);
  const waiting = useStateWaiting(id);
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current?.closest('.react-flow__node');
    if (!el) return;
    if (status) el.setAttribute('data-status', status);
    else el.removeAttribute('data-status');
    if (waiting) el.setAttribute('data-waiting', 'callback');
    else el.removeAttribute('data-waiting');
  });
  return { ref, status: waiting && status === 'running' ? 'waiting' : status };
}

function DiagBadge({ diag }: { diag: NodeDiagnostics }) {
  const onClick = (e: MouseEvent) => {
    e.stopPropagation();
    useDocumentStore.getState().revealRange(diag.range, true);
  };
  const isError = diag.errors > 0;
  const count = isError ? diag.errors : diag.warnings;
  return (
    <button
      type="button"
      className={`node-badge ${isError ? 'is-error' : 'is-warning'}`}
      title={diag.title}
      aria-label={`${diag.errors} errors, ${diag.warnings} warnings`}
      onClick={onClick}
      onMouseDown={(e) => e.stopPropagation()}
    >
      <span aria-hidden="true">{isError ? '✕' : '!'}</span>
      {count}
    </button>
  );
}

const TYPE_GLYPH: Record<string, string> = {
  Task: 'λ',
  Pass: '→',
  Choice: '◇',
  Wait: '◷',
  Succeed: '✓',
  Fail: '✕',
  Parallel: '∥',
  Map: '⟳',
};

function glyphFor(type: string | undefined, subtitle: string | undefined): string {
  if (type === 'Task' && subtitle && !subtitle.startsWith('Lambda')) return subtitle.slice(0, 2).toUpperCase().replace(/[^A-Z0-9]/g, '') || 'T';
  return TYPE_GLYPH[type ?? ''] ?? '?';
}

/**
 * Quick actions next to the selected state (Workflow Studio's state menu): duplicate, delete. Rendered inside the
 * node (not React Flow's NodeToolbar, which would repeat the node's data-id).
 */
function StateActions({ selected }: { selected: boolean }) {
  if (!selected) return null;
  const stop = (e: SyntheticEvent) => e.stopPropagation();
  return (
    <div className="node-actions nodrag nopan" onClick={stop} onMouseDown={stop} onPointerDown={stop} onDoubleClick={stop}>
      <button type="button" className="btn small" title="Duplicate state (Ctrl+D)" aria-label="Duplicate state" onClick={() => duplicateSelected()}>
        <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.4">
          <rect x="5" y="5" width="9" height="9" rx="1.5" />
          <path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5" />
        </svg>
      </button>
      <button type="button" className="btn small" title="Delete state (Delete)" aria-label="Delete state" onClick={() => deleteSelected()}>
        <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.4">
          <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.5 6.5v5M9.5 6.5v5" />
        </svg>
      </button>
    </div>
  );
}

/** A state card: icon, name, service action or type, diagnostics badge, run status. */
export const StateNode = memo(function StateNode({ id, data, selected }: NodeProps<AslNode>) {
  const { ref, status } = useStatusAttribute(id);
  const type = data.stateType ?? 'Unknown';
  return (
    <div ref={ref} className={`state-card type-${type}${selected ? ' is-selected' : ''}${status ? ` run-${status}` : ''}`}>
      <StateActions selected={selected} />
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <span className="state-icon" aria-hidden="true">
        {glyphFor(data.stateType, data.subtitle)}
      </span>
      <span className="state-text">
        <span className="state-name" title={data.label}>
          {data.label}
        </span>
        <span className="state-sub">{data.subtitle}</span>
      </span>
      {data.diag ? <DiagBadge diag={data.diag} /> : null}
      {status === 'waiting' ? (
        <span className="node-waiting" title="Waiting for a callback: answer it in the execution panel (SendTaskSuccess / SendTaskFailure)">
          waiting for callback
        </span>
      ) : null}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
      <Handle type="source" id="catch" position={Position.Right} isConnectable={false} />
    </div>
  );
});

/** A Parallel or Map state drawn as a group containing its children (or a Parallel branch container). */
export const GroupNode = memo(function GroupNode({ id, data, selected }: NodeProps<AslNode>) {
  const { ref, status } = useStatusAttribute(id);
  if (data.isBranch) {
    return (
      <div ref={ref} className="branch-box">
        <span className="branch-title">{data.label}</span>
      </div>
    );
  }
  const type = data.stateType ?? 'Unknown';
  return (
    <div ref={ref} className={`group-box type-${type}${selected ? ' is-selected' : ''}${status ? ` run-${status}` : ''}`}>
      <StateActions selected={selected} />
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="group-header">
        <span className="state-icon" aria-hidden="true">
          {glyphFor(data.stateType, data.subtitle)}
        </span>
        <span className="state-name" title={data.label}>
          {data.label}
        </span>
        <span className="state-sub">{data.subtitle}</span>
        {data.diag ? <DiagBadge diag={data.diag} /> : null}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
      <Handle type="source" id="catch" position={Position.Right} isConnectable={false} style={{ top: 18 }} />
    </div>
  );
});

/** Start / End marker: a small circle. */
export const MarkerNode = memo(function MarkerNode({ data }: NodeProps<AslNode>) {
  const isStart = data.label === 'Start';
  return (
    <div className={`marker ${isStart ? 'is-start' : 'is-end'}`} title={data.label} aria-label={data.label}>
      {isStart ? null : <Handle type="target" position={Position.Top} isConnectable={false} />}
      {isStart ? <Handle type="source" position={Position.Bottom} isConnectable={false} /> : null}
    </div>
  );
});

/** React Flow nodeTypes for the canvas (a stable object). */
export const nodeTypes = { state: StateNode, group: GroupNode, marker: MarkerNode };
