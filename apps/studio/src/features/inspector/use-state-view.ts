/**
 * Store hooks of the inspector. They return the same object while the selected state's part of the document is
 * unchanged, so typing elsewhere in the code editor does not re-render the form (each keystroke updates the store;
 * the definition is re-parsed ~100 ms later).
 */
import { useCallback, useRef } from 'react';
import type { Diagnostic } from '@asl-studio/asl';
import { stateRange, useDocumentStore, type DocumentState } from '../../stores/document-store';
import { groupDiagnostics, type GroupedDiagnostics } from './field-diagnostics';
import { stateView, type StateView } from './model';

interface ViewMemo {
  def: unknown;
  name: string | null;
  key: string;
  view: StateView | undefined;
}

/** The selected state as a {@link StateView} (undefined when nothing, or nothing existing, is selected). */
export function useStateView(): StateView | undefined {
  const memo = useRef<ViewMemo | null>(null);
  const select = useCallback((s: DocumentState): StateView | undefined => {
    const def = s.lastValidDefinition;
    const name = s.selectedState;
    const m = memo.current;
    if (m && m.def === def && m.name === name) return m.view;
    const view = name ? stateView(def, name) : undefined;
    const key = view ? JSON.stringify(view) : '';
    if (m && m.key === key && m.name === name) {
      memo.current = { ...m, def };
      return m.view;
    }
    memo.current = { def, name, key, view };
    return view;
  }, []);
  return useDocumentStore(select);
}

interface DiagMemo {
  diagnostics: readonly Diagnostic[];
  view: StateView;
  key: string;
  grouped: GroupedDiagnostics;
}

const EMPTY: GroupedDiagnostics = { byAnchor: {}, top: [], perTab: {} };

/** The diagnostics of the selected state, grouped by form field (stable while they do not change). */
export function useStateDiagnostics(view: StateView | undefined): GroupedDiagnostics {
  const memo = useRef<DiagMemo | null>(null);
  const select = useCallback(
    (s: DocumentState): GroupedDiagnostics => {
      if (!view) return EMPTY;
      const m = memo.current;
      if (m && m.diagnostics === s.diagnostics && m.view === view) return m.grouped;
      const grouped = groupDiagnostics(s.diagnostics, view, s.parsed.definition ? stateRange(s, view.name) : undefined);
      const key = JSON.stringify(grouped);
      if (m && m.key === key) {
        memo.current = { ...m, diagnostics: s.diagnostics, view };
        return m.grouped;
      }
      memo.current = { diagnostics: s.diagnostics, view, key, grouped };
      return grouped;
    },
    [view],
  );
  return useDocumentStore(select);
}
