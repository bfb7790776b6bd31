/**
 * Shared fixtures and helpers for the end-to-end tests. They drive the app only through its testability contract:
 * - toolbar buttons named "Import", "Export", "Start execution", "Stop", "Undo", "Redo", "Auto layout";
 *   the execution dialog's confirm button "Start";
 * - each state node element carries data-id (state name), data-state-type (ASL Type) and, once a run has begun,
 *   data-status (idle, running, succeeded, failed, caught, retrying);
 * - an element with role "status" names the execution status (Running, Succeeded, Failed, Aborted);
 * - clicking a node selects it; Delete deletes the selected state; Monaco is the editor.
 * Every test also checks that no request left 127.0.0.1 and that the page logged no error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Locator, type Page, type TestInfo } from '@playwright/test';

export { expect };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SAMPLE_FILE = path.join(ROOT, 'public', 'samples', 'order-fulfilment.asl.json');
export const CORPUS_DIR = path.resolve(ROOT, '..', 'shared', 'corpus', 'defs');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

/** Loose ASL shapes: only what the tests read. */
export interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next?: string }[];
  Catch?: { Next: string }[];
  Branches?: AslMachine[];
  Iterator?: AslMachine;
  ItemProcessor?: AslMachine;
  [field: string]: unknown;
}
export interface AslMachine {
  StartAt: string;
  States: Record<string, AslState>;
  [field: string]: unknown;
}

/** Every state of a definition, nested ones included (Parallel branches, Map Iterator / ItemProcessor). */
export function allStates(def: AslMachine): { name: string; type: string; depth: number; state: AslState }[] {
  const out: { name: string; type: string; depth: number; state: AslState }[] = [];
  const visit = (machine: AslMachine, depth: number) => {
    for (const [name, state] of Object.entries(machine.States ?? {})) {
      out.push({ name, type: state.Type, depth, state });
      for (const branch of state.Branches ?? []) visit(branch, depth + 1);
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor) visit(processor, depth + 1);
    }
  };
  visit(def, 0);
  return out;
}

/** States a state can go to next (Next, Default, Choices, Catch). */
export function successors(state: AslState): string[] {
  return [
    state.Next,
    state.Default,
    ...(state.Choices ?? []).map((c) => c.Next),
    ...(state.Catch ?? []).map((c) => c.Next),
  ].filter((n): n is string => typeof n === 'string');
}

export function readSample(): { text: string; def: AslMachine } {
  const text = fs.readFileSync(SAMPLE_FILE, 'utf8');
  return { text, def: JSON.parse(text) as AslMachine };
}

/** A state node as the DOM shows it. */
export interface ShownNode {
  id: string;
  type: string;
  status: string | null;
}

/** Locator of the node of one state. */
export function stateNode(page: Page, name: string): Locator {
  return page.locator(`[data-state-type][data-id="${cssEscape(name)}"]`);
}

/** Locator of every state node. */
export function stateNodes(page: Page): Locator {
  return page.locator('[data-state-type]');
}

function cssEscape(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}

/** The state nodes now in the DOM: name, type and run status (read from the node or its closest ancestor). */
export async function shownNodes(page: Page): Promise<ShownNode[]> {
  return page.locator('[data-state-type]').evaluateAll((els) =>
    els.map((el) => ({
      id: el.getAttribute('data-id') ?? el.closest('[data-id]')?.getAttribute('data-id') ?? '',
      type: el.getAttribute('data-state-type') ?? '',
      status: el.getAttribute('data-status') ?? el.closest('[data-status]')?.getAttribute('data-status') ?? null,
    })),
  );
}

/** Sorted "name:Type" list, for comparing what a definition holds with what the canvas shows. */
export function signature(nodes: { id?: string; name?: string; type: string }[]): string[] {
  return nodes.map((n) => `${n.id ?? n.name}:${n.type}`).sort();
}

/**
 * Zooms the canvas out to show the whole workflow, as a person would with the canvas's "Fit View" control (the canvas
 * only renders the nodes inside its viewport, and opens tall workflows from the top).
 */
export async function fitView(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Fit View' });
  if (await button.isVisible()) await button.click();
}

/** Waits until the canvas shows exactly the states of `def` (one node per state, right types), less `without`. */
export async function expectCanvasShows(page: Page, def: AslMachine, without: string[] = []): Promise<void> {
  const want = signature(allStates(def).filter((s) => !without.includes(s.name)));
  await expect
    .poll(
      async () => {
        const shown = signature(await shownNodes(page));
        if (shown.length < want.length) await fitView(page);
        return shown;
      },
      { timeout: 20_000 },
    )
    .toEqual(want);
}

/** Waits until the execution status (the role="status" element naming it) reads `status`. */
export async function expectExecutionStatus(page: Page, status: string, timeout = 30_000): Promise<void> {
  const element = page.getByRole('status').filter({ hasText: new RegExp(`^\\s*${status}\\s*$`) });
  await expect(element.first()).toBeVisible({ timeout });
}

/** Opens the app (fresh browser context: the sample opens) and waits for its nodes. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(stateNodes(page).first()).toBeVisible({ timeout: 30_000 });
}

export function toolbarButton(page: Page, name: string): Locator {
  return page.getByRole('button', { name, exact: true });
}

/**
 * Start execution → the Start dialog → Start. `input` (JSON-encoded into the Input field) and `realTime` (the Real time
 * switch) are set only when given; otherwise the dialog's remembered values are used.
 */
export async function startExecution(page: Page, options: { input?: unknown; realTime?: boolean } = {}): Promise<void> {
  await toolbarButton(page, 'Start execution').click();
  const dialog = page.getByRole('dialog');
  if (options.input !== undefined) await dialog.getByLabel('Input', { exact: true }).fill(JSON.stringify(options.input));
  if (options.realTime !== undefined) {
    const real = dialog.getByRole('switch', { name: /Real time/ });
    if ((await real.isChecked()) !== options.realTime) await real.click();
  }
  await dialog.getByRole('button', { name: 'Start', exact: true }).click();
}

/** Clicks Export and returns the downloaded file's name and text. */
export async function exportDocument(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), toolbarButton(page, 'Export').click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

/** Imports a file through the Import button's file chooser. */
export async function importFile(page: Page, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), toolbarButton(page, 'Import').click()]);
  await chooser.setFiles(file);
}

/** The Monaco editor (waits until it is mounted). */
export async function editor(page: Page): Promise<Locator> {
  const ed = page.locator('.monaco-editor').first();
  await expect(ed).toBeVisible({ timeout: 30_000 });
  await expect(ed.locator('.view-lines')).toBeVisible();
  return ed;
}

/**
 * Replaces the editor's whole text as a person pasting would: click into it, select all, paste. (Typing, even with
 * keyboard.insertText, goes through Monaco's auto-closing and auto-indent; a paste does not.)
 */
export async function setEditorText(page: Page, text: string): Promise<void> {
  const ed = await editor(page);
  await ed.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Saves a screenshot into test-results/screenshots/<name>.png. */
export async function snap(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Writes a file into this test's output folder and returns its path. */
export function writeTestFile(testInfo: TestInfo, name: string, text: string): string {
  const file = testInfo.outputPath(name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Every test: no request may leave 127.0.0.1, and the page may log no error. */
export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ page }, use) => {
      const offsite: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (['data:', 'blob:', 'about:'].includes(url.protocol)) return;
        if (url.hostname !== '127.0.0.1') offsite.push(`${request.method()} ${request.url()}`);
      });
      page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
      });
      await use();
      expect(offsite, 'requests that left 127.0.0.1').toEqual([]);
      expect(errors, 'errors logged by the page').toEqual([]);
    },
    { auto: true },
  ],
});
