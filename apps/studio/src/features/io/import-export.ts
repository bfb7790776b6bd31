import { parseDocument, toYaml, type Diagnostic } from '@asl-studio/asl';
import { plainMessage, useDocumentStore } from '../../stores/document-store';
import { useViewStore } from '../../stores/view-store';

/** Result of reading an import file: the JSON text to load, or a message explaining why it cannot be imported. */
export type ImportResult = { ok: true; text: string; name: string } | { ok: false; message: string };

/** Document name from a file name: strips .asl.json / .asl.yaml / .json / .yaml / .yml. Pure. */
export function baseName(fileName: string): string {
  const n = fileName.replace(/\.(asl\.)?(json|ya?ml)$/i, '');
  return n || 'workflow';
}

function where(d: Diagnostic): string {
  return `line ${d.line}, column ${d.column}`;
}

/**
 * Turns an imported file's content into the editor's JSON text. JSON is kept verbatim; YAML is converted to JSON
 * formatted with 2 spaces. A malformed or non-ASL file gives a message naming the problem and its line. Pure.
 */
export function prepareImport(fileName: string, content: string): ImportResult {
  const isYaml = /\.ya?ml$/i.test(fileName);
  let parsed;
  try {
    parsed = parseDocument(content, isYaml ? 'yaml' : 'auto');
  } catch (e) {
    return { ok: false, message: `Could not read "${fileName}": ${e instanceof Error ? e.message : String(e)}` };
  }
  const syntax = parsed.diagnostics.find((d) => d.severity === 'error');
  if (syntax) {
    const kind = parsed.format === 'yaml' ? 'YAML' : 'JSON';
    return { ok: false, message: `"${fileName}" is not valid ${kind}: ${plainMessage(syntax)} (${where(syntax)}).` };
  }
  const def = parsed.definition as unknown;
  if (!def || typeof def !== 'object' || Array.isArray(def)) {
    return { ok: false, message: `"${fileName}" is not an ASL state machine: the top level must be a JSON object (line 1).` };
  }
  const obj = def as Record<string, unknown>;
  if (!obj.States || typeof obj.States !== 'object' || Array.isArray(obj.States)) {
    return {
      ok: false,
      message: `"${fileName}" is not an ASL state machine: it has no "States" object (line 1). Expected {"StartAt": …, "States": {…}}.`,
    };
  }
  if (typeof obj.StartAt !== 'string') {
    const r = parsed.keyRangeOf(['States']);
    const line = r ? lineOf(content, r.offset) : 1;
    return { ok: false, message: `"${fileName}" is not an ASL state machine: "StartAt" is missing or not a string (line ${line}).` };
  }
  const text = parsed.format === 'yaml' ? `${JSON.stringify(def, null, 2)}\n` : content;
  return { ok: true, text, name: baseName(fileName) };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Reads a File and replaces the document with it (one undoable step), or shows why it cannot. Never throws. */
export async function importFile(file: File): Promise<boolean> {
  const store = useDocumentStore.getState();
  let content: string;
  try {
    content = await file.text();
  } catch (e) {
    store.notify('error', `Could not read "${file.name}": ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  const r = prepareImport(file.name, content);
  if (!r.ok) {
    store.notify('error', r.message);
    return false;
  }
  store.replaceText(r.text, r.name);
  useViewStore.getState().autoLayout();
  store.notify('info', `Imported ${file.name}.`);
  return true;
}

function download(fileName: string, text: string, type: string): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads `<name>.asl.json`: exactly the editor's text. */
export function exportJson(): void {
  const s = useDocumentStore.getState();
  download(`${s.name}.asl.json`, s.text, 'application/json');
}

/** Downloads `<name>.asl.yaml` (needs valid JSON). */
export function exportYaml(): void {
  const s = useDocumentStore.getState();
  s.flushParse();
  const { parsed, syntaxError, name } = useDocumentStore.getState();
  if (syntaxError || !parsed.definition) {
    s.notify('error', `Cannot export YAML: the JSON is invalid${syntaxError ? ` (line ${syntaxError.line}: ${syntaxError.message})` : ''}.`);
    return;
  }
  try {
    download(`${name}.asl.yaml`, toYaml(parsed.definition), 'application/yaml');
  } catch (e) {
    s.notify('error', `Cannot export YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Copies the editor's text to the clipboard. */
export async function copyToClipboard(): Promise<void> {
  const s = useDocumentStore.getState();
  try {
    await navigator.clipboard.writeText(s.text);
    s.notify('info', 'Definition copied to the clipboard.');
  } catch {
    s.notify('error', 'Could not copy to the clipboard (permission denied).');
  }
}
