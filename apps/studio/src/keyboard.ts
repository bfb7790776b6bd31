import { useEffect } from 'react';
import { useDocumentStore } from './stores/document-store';
import { deleteSelected, duplicateSelected } from './features/canvas/actions';

function isEditable(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.closest('.monaco-editor')) return true;
  const tag = t.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable;
}

/**
 * Global shortcuts outside text fields and the editor: Delete/Backspace deletes the selected state,
 * Ctrl/Cmd+D duplicates it, Ctrl/Cmd+Z / Shift+Z / Y undo and redo, Escape clears the selection.
 */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isEditable(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if ((e.key === 'Delete' || e.key === 'Backspace') && !mod) {
        if (useDocumentStore.getState().selectedState) {
          e.preventDefault();
          deleteSelected();
        }
      } else if (mod && key === 'd') {
        e.preventDefault();
        duplicateSelected();
      } else if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) useDocumentStore.getState().redo();
        else useDocumentStore.getState().undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        useDocumentStore.getState().redo();
      } else if (e.key === 'Escape') {
        useDocumentStore.getState().select(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
