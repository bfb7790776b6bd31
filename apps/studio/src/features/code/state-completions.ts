import { forEachState, type StateMachine } from '@asl-studio/asl';
import { monaco } from './monaco-setup';

/** Matches a line prefix that ends inside the string value of a transition field: `"Next": "Pa`. */
export const TRANSITION_VALUE = /"(Next|Default|StartAt)"\s*:\s*"([^"]*)$/;

/**
 * Registers completion of state names in `Next`, `Default` and `StartAt` values (JSON documents). `getDefinition`
 * returns the definition to take names from (the last valid one). Returns a disposable.
 */
export function registerStateNameCompletions(getDefinition: () => StateMachine | undefined): monaco.IDisposable {
  return monaco.languages.registerCompletionItemProvider('json', {
    triggerCharacters: ['"'],
    provideCompletionItems(model, position) {
      const prefix = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const m = TRANSITION_VALUE.exec(prefix);
      const def = getDefinition();
      if (!m || !def) return { suggestions: [] };
      const typed = m[2] ?? '';
      const startColumn = position.column - typed.length;
      const rest = model.getLineContent(position.lineNumber).slice(position.column - 1);
      const closing = rest.indexOf('"');
      const endColumn = closing >= 0 ? position.column + closing : position.column;
      const range = new monaco.Range(position.lineNumber, startColumn, position.lineNumber, endColumn);
      const suggestions: monaco.languages.CompletionItem[] = [];
      try {
        forEachState(def, (name, state) => {
          suggestions.push({
            label: { label: name, description: String((state as { Type?: unknown }).Type ?? '') },
            kind: monaco.languages.CompletionItemKind.Reference,
            insertText: JSON.stringify(name).slice(1, -1),
            range,
            sortText: `0${name}`,
          });
        });
      } catch {
        return { suggestions: [] };
      }
      return { suggestions };
    },
  });
}
