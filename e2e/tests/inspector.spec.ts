/**
 * The inspector form: on a Task of the sample, add a Retrier, change its MaxAttempts (an invalid value is refused
 * inline), add a Catcher and pick its Next, turn OutputPath on. The code editor and the canvas (the Catch edge) follow
 * every change, the rest of the document is untouched, and Undo restores the original text step by step.
 */
import type { Locator, Page } from '@playwright/test';
import { editor, expect, expectCanvasShows, exportDocument, openApp, readSample, snap, stateNode, test, toolbarButton, type AslMachine } from './fixtures';

const sample = readSample();

/** A top-level Task of the sample with a Next and no Retry/Catch, and the top-level Fail states. */
function pickTask(def: AslMachine): { task: string; fails: string[] } {
  const fails = Object.entries(def.States).filter(([, s]) => s.Type === 'Fail').map(([n]) => n);
  const task = Object.entries(def.States).find(([, s]) => s.Type === 'Task' && s.Next && !s.Retry && !s.Catch)?.[0];
  if (!task || fails.length === 0) throw new Error('the sample needs a plain Task and a Fail state');
  return { task, fails };
}

/**
 * The code editor's text, read from what Monaco renders: scroll it from the top down, collecting each line by its line
 * number, until lines 1…`lineCount` have all been seen (or the bottom is reached).
 */
async function editorText(page: Page, lineCount: number): Promise<string> {
  const ed = await editor(page);
  // Put the cursor in the editor (no edit), go to the top, then page down: Monaco renders the lines in view.
  const box = (await ed.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + 10);
  await page.keyboard.press('ControlOrMeta+Home');
  const lines = new Map<number, string>();
  const complete = () => Array.from({ length: lineCount }, (_, i) => i + 1).every((n) => lines.has(n));
  // Each rendered line sits at top = (line - 1) × line height.
  const read = async (): Promise<[number, string][]> =>
    JSON.parse(
      await ed.evaluate((root) => {
        const views = [...root.querySelectorAll<HTMLElement>('.view-lines .view-line')];
        const height = views[0]?.offsetHeight || 18;
        return JSON.stringify(views.map((el) => [Math.round(parseFloat(el.style.top) / height) + 1, (el.textContent ?? '').replace(/\u00a0/g, ' ')]));
      }),
    );
  const firstLine = (seen: [number, string][]) => Math.min(...seen.map(([n]) => n));
  let still = 0;
  for (let i = 0; i < 100 && !complete(); i++) {
    const seen = await read();
    for (const [n, text] of seen) lines.set(n, text);
    if (complete()) break;
    // Page down and wait for Monaco to paint the next page (the first PageDown only moves the cursor to the page's
    // last line); when nothing moves three times (the bottom), start again from the top.
    await page.keyboard.press('PageDown');
    const moved = await expect
      .poll(async () => firstLine(await read()), { timeout: 1_500 })
      .not.toBe(firstLine(seen))
      .then(
        () => true,
        () => false,
      );
    still = moved ? 0 : still + 1;
    if (still >= 3) {
      await page.keyboard.press('ControlOrMeta+Home');
      still = 0;
    }
  }
  const count = Math.max(...lines.keys());
  const out: string[] = [];
  for (let n = 1; n <= count; n++) out.push(lines.get(n) ?? `<line ${n} not rendered>`);
  return out.join('\n');
}

/** Waits until the document (as Export gives it) satisfies `check`, and returns it. */
async function documentWhere(page: Page, check: (def: AslMachine, text: string) => boolean): Promise<string> {
  let text = '';
  await expect
    .poll(async () => {
      text = (await exportDocument(page)).text;
      return check(JSON.parse(text) as AslMachine, text);
    }, { timeout: 20_000 })
    .toBe(true);
  return text;
}

/** The canvas edge of a Catcher (graph edge id "catch:States/<state>/Catch/<i>/Next"; its aria-label names the target). */
function catchEdge(page: Page, state: string, index: number): Locator {
  return page.locator(`.react-flow__edge[data-id="catch:States/${state}/Catch/${index}/Next"]`);
}

/** Everything but one state is as in the sample. */
function othersUntouched(def: AslMachine, state: string): boolean {
  const rest = (d: AslMachine) => JSON.stringify({ ...d, States: { ...d.States, [state]: null } });
  return rest(def) === rest(sample.def);
}

test('the inspector form edits a Task: Retrier, MaxAttempts, Catch with Next, OutputPath; undo restores the text', async ({ page }) => {
  test.setTimeout(180_000);
  const { task, fails } = pickTask(sample.def);
  expect(fails.length, 'two Fail states: a new catcher goes to the first, the test picks the last').toBeGreaterThan(1);
  const fallback = fails[fails.length - 1];
  await openApp(page);
  await expectCanvasShows(page, sample.def);
  const original = (await exportDocument(page)).text;
  expect(original).toBe(sample.text);

  await stateNode(page, task).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByLabel('State name', { exact: true })).toHaveValue(task);

  // Error handling → Add retrier: a States.ALL retrier with the spec defaults written out.
  await inspector.getByRole('tab', { name: /^Error handling/ }).click();
  await inspector.getByRole('button', { name: 'Add retrier' }).click();
  const maxAttempts = inspector.getByLabel('Retrier 1 MaxAttempts', { exact: true });
  await expect(maxAttempts).toHaveValue('3');
  await documentWhere(page, (def) => JSON.stringify(def.States[task].Retry) === JSON.stringify([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 }]));

  // An invalid MaxAttempts is refused inline and writes nothing; a valid one is written.
  await maxAttempts.fill('-1');
  await maxAttempts.press('Enter');
  await expect(inspector.getByRole('alert').filter({ hasText: 'whole number ≥ 0' })).toBeVisible();
  await expect(maxAttempts).toHaveAttribute('aria-invalid', 'true');
  expect((JSON.parse((await exportDocument(page)).text) as AslMachine).States[task].Retry).toEqual([expect.objectContaining({ MaxAttempts: 3 })]);
  await maxAttempts.fill('5');
  await maxAttempts.press('Enter');
  await documentWhere(page, (def) => (def.States[task].Retry as { MaxAttempts: number }[])[0].MaxAttempts === 5);
  await expect(maxAttempts).toHaveValue('5');
  await expect(maxAttempts).not.toHaveAttribute('aria-invalid', 'true');

  // Add catcher, then choose its Next: the canvas draws the Catch edge.
  await inspector.getByRole('button', { name: 'Add catcher' }).click();
  const catchNext = inspector.getByLabel('Catcher 1 Next state', { exact: true });
  await expect(catchNext).toBeVisible();
  await catchNext.selectOption(fallback);
  await documentWhere(page, (def) => def.States[task].Catch?.[0]?.Next === fallback);
  await expect(catchEdge(page, task, 0)).toHaveAttribute('aria-label', `catch transition from ${task} to ${fallback}: States.ALL`);

  // Input/Output → Filter output with OutputPath.
  await inspector.getByRole('tab', { name: /^Input\/Output/ }).click();
  const outputPath = inspector.getByRole('checkbox', { name: 'Filter output with OutputPath' });
  await expect(outputPath).not.toBeChecked();
  await outputPath.check();
  await expect(outputPath).toBeChecked();
  await expect(inspector.getByLabel('OutputPath', { exact: true })).toHaveValue('$');
  const edited = await documentWhere(page, (def) => def.States[task].OutputPath === '$');
  await snap(page, 'inspector-task-edited');
  await inspector.getByRole('tab', { name: /^Error handling/ }).click();
  await snap(page, 'inspector-error-handling');

  // The document: only that state changed, and the code editor shows exactly that text.
  const def = JSON.parse(edited) as AslMachine;
  expect(othersUntouched(def, task)).toBe(true);
  expect(def.States[task]).toEqual({
    ...sample.def.States[task],
    Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 5, BackoffRate: 2 }],
    Catch: [{ ErrorEquals: ['States.ALL'], Next: fallback, ResultPath: '$.error' }],
    OutputPath: '$',
  });
  expect(await editorText(page, edited.split('\n').length)).toBe(edited);

  // Undo, one step per form edit (5), gives back the original text; the Catch edge goes away. (Reading the editor
  // moved its cursor, which selects the state under it: select the Task again to look at its form.)
  for (let i = 0; i < 5; i++) await toolbarButton(page, 'Undo').click();
  await documentWhere(page, (_def, text) => text === original);
  await expect(catchEdge(page, task, 0)).toHaveCount(0);
  await stateNode(page, task).click();
  await inspector.getByRole('tab', { name: /^Configuration/ }).click();
  await expect(inspector.getByLabel('State name', { exact: true })).toHaveValue(task);
  await inspector.getByRole('tab', { name: /^Error handling/ }).click();
  await expect(inspector.getByRole('button', { name: 'Add retrier' })).toBeVisible();
  await expect(inspector.getByLabel('Retrier 1 MaxAttempts', { exact: true })).toHaveCount(0);
  await expect(inspector.getByLabel('Catcher 1 Next state', { exact: true })).toHaveCount(0);
  expect(await editorText(page, original.split('\n').length)).toBe(original);
  await expectCanvasShows(page, sample.def);
});
