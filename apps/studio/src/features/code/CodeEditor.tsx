import { useEffect, useRef } from 'react';
import { monaco } from './monaco-setup';
import { stateRange, useDocumentStore, type DocumentState } from '../../stores/document-store';
import { minimalReplacement } from './text-diff';
import { stateAtOffset } from './state-at';
import { registerStateNameCompletions, TRANSITION_VALUE } from './state-completions';

const MODEL_URI = monaco.Uri.parse('inmemory://asl-studio/workflow.asl.json');

function severity(s: 'error' | 'warning' | 'info'): monaco.MarkerSeverity {
  if (s === 'error') return monaco.MarkerSeverity.Error;
  if (s === 'warning') return monaco.MarkerSeverity.Warning;
  return monaco.MarkerSeverity.Info;
}

function toRange(model: monaco.editor.ITextModel, offset: number, length: number): monaco.Range {
  const a = model.getPositionAt(offset);
  const b = model.getPositionAt(offset + length);
  return new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column);
}

/**
 * The ASL code editor (Monaco). Lazy-loaded. The document store is the source of truth: typing goes to the store
 * (grouped into undo steps there); external changes (canvas, inspector, import, undo) are pushed into the model as
 * one minimal edit so the cursor survives. Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z / Ctrl+Y use the store's history.
 */
export default function CodeEditor() {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const store = useDocumentStore;
    const existing = monaco.editor.getModel(MODEL_URI);
    existing?.dispose();
    const model = monaco.editor.createModel(store.getState().text, 'json', MODEL_URI);
    model.updateOptions({ tabSize: 2, insertSpaces: true });
    const editor = monaco.editor.create(el, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 12,
      lineHeight: 18,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      tabSize: 2,
      folding: true,
      wordWrap: 'off',
      fixedOverflowWidgets: true,
      ariaLabel: 'ASL definition (JSON)',
      theme: 'vs',
      glyphMargin: false,
      lineNumbersMinChars: 3,
      stickyScroll: { enabled: false },
      // Completion on demand (Ctrl+Space): the popup on every keystroke costs ~50 ms per key on big documents.
      quickSuggestions: false,
      suggestOnTriggerCharacters: false,
      occurrencesHighlight: 'off',
    });

    let applying = false;
    const disposables: monaco.IDisposable[] = [];

    disposables.push(registerStateNameCompletions(() => store.getState().lastValidDefinition));
    disposables.push(
      model.onDidChangeContent((e) => {
        if (applying) return;
        store.getState().setText(model.getValue());
        // Typing the opening quote of a Next/Default/StartAt value offers the state names.
        const c = e.changes.length === 1 ? e.changes[0] : undefined;
        if (c && (c.text === '"' || c.text === '""')) {
          // The cursor moves after this event: look at it on the next tick.
          setTimeout(() => {
            const pos = editor.getPosition();
            if (pos && TRANSITION_VALUE.test(model.getLineContent(pos.lineNumber).slice(0, pos.column - 1))) {
              editor.trigger('asl-studio', 'editor.action.triggerSuggest', {});
            }
          }, 0);
        }
      }),
    );

    // Undo/redo go to the store's single history (covers typing and canvas edits).
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ, () => store.getState().undo());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, () => store.getState().redo());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY, () => store.getState().redo());

    const pushText = (text: string) => {
      const current = model.getValue();
      const r = minimalReplacement(current, text);
      if (!r) return;
      applying = true;
      try {
        editor.executeEdits('asl-studio', [{ range: toRange(model, r.offset, r.length), text: r.text, forceMoveMarkers: true }]);
      } catch {
        model.setValue(text);
      } finally {
        applying = false;
      }
      if (model.getValue() !== text) {
        applying = true;
        model.setValue(text);
        applying = false;
      }
    };

    const decorations = editor.createDecorationsCollection();
    const paintSelection = (s: DocumentState) => {
      if (!s.selectedState || s.parsed.text !== model.getValue()) {
        decorations.clear();
        return;
      }
      const range = stateRange(s, s.selectedState);
      if (!range) {
        decorations.clear();
        return;
      }
      decorations.set([
        {
          range: toRange(model, range.offset, range.length),
          options: { isWholeLine: true, className: 'asl-selected-state', linesDecorationsClassName: 'asl-selected-state-gutter' },
        },
      ]);
    };

    const paintMarkers = (s: DocumentState) => {
      if (s.parsed.text !== model.getValue()) return;
      monaco.editor.setModelMarkers(
        model,
        'asl',
        s.diagnostics.map((d) => {
          const r = toRange(model, d.range.offset, Math.max(d.range.length, 0));
          return {
            severity: severity(d.severity),
            message: d.message,
            code: d.code,
            source: 'ASL',
            startLineNumber: r.startLineNumber,
            startColumn: r.startColumn,
            endLineNumber: r.endLineNumber,
            endColumn: r.endColumn === r.startColumn && r.startLineNumber === r.endLineNumber ? r.endColumn + 1 : r.endColumn,
          };
        }),
      );
    };

    const reveal = (s: DocumentState) => {
      const req = s.reveal;
      if (!req) return;
      const range = toRange(model, req.range.offset, req.range.length);
      if (req.select) {
        editor.setSelection(range);
        editor.revealRangeInCenterIfOutsideViewport(range, monaco.editor.ScrollType.Smooth);
        editor.focus();
      } else {
        editor.revealRangeNearTopIfOutsideViewport(
          new monaco.Range(range.startLineNumber, 1, range.startLineNumber, 1),
          monaco.editor.ScrollType.Smooth,
        );
      }
    };

    const initial = store.getState();
    paintMarkers(initial);
    paintSelection(initial);

    const unsub = store.subscribe((s, p) => {
      if (s.text !== p.text && s.origin !== 'editor') pushText(s.text);
      if (s.diagnostics !== p.diagnostics || s.parsed !== p.parsed) paintMarkers(s);
      if (s.selectedState !== p.selectedState || s.parsed !== p.parsed) paintSelection(s);
      if (s.reveal && s.reveal !== p.reveal) reveal(s);
    });

    // Moving the cursor into a state selects it (without scrolling the editor).
    let cursorTimer: ReturnType<typeof setTimeout> | undefined;
    disposables.push(
      editor.onDidChangeCursorPosition((e) => {
        if (applying || (e.source !== 'mouse' && e.source !== 'keyboard')) return;
        if (cursorTimer) clearTimeout(cursorTimer);
        cursorTimer = setTimeout(() => {
          const s = store.getState();
          if (s.parsed.text !== model.getValue()) return;
          const name = stateAtOffset(s.parsed, model.getOffsetAt(e.position));
          if (name && name !== s.selectedState) s.select(name, { reveal: false });
        }, 120);
      }),
    );

    // The store's text may have changed between the lazy load and now.
    if (store.getState().text !== model.getValue()) pushText(store.getState().text);

    return () => {
      unsub();
      if (cursorTimer) clearTimeout(cursorTimer);
      disposables.forEach((d) => d.dispose());
      decorations.clear();
      editor.dispose();
      model.dispose();
    };
  }, []);

  return <div ref={host} className="code-editor" data-testid="code-editor" />;
}
