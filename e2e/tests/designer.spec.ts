/**
 * Designing a workflow: the sample opens, palette drag onto an edge, editing the JSON, undo/redo, persistence.
 */
import type { Page } from '@playwright/test';
import {
  allStates,
  expect,
  expectCanvasShows,
  exportDocument,
  openApp,
  readSample,
  setEditorText,
  shownNodes,
  snap,
  stateNode,
  stateNodes,
  test,
  toolbarButton,
  type AslMachine,
} from './fixtures';

const sample = readSample();

/** The last top-level state with a Next (deleting it keeps the rest connected). */
function deletableState(def: AslMachine): string {
  const names = Object.entries(def.States).filter(([name, s]) => s.Next && name !== def.StartAt);
  return names[names.length - 1][0];
}

/** Client coordinates of the middle of the edge drawn from state `from` to state `to`. */
async function edgeMidpoint(page: Page, from: string, to: string): Promise<{ x: number; y: number }> {
  const a = await stateNode(page, from).boundingBox();
  const b = await stateNode(page, to).boundingBox();
  expect(a && b, `nodes ${from} and ${to} are on screen`).toBeTruthy();
  const point = await page.evaluate(
    ({ a, b }) => {
      const near = (p: { x: number; y: number }, r: { x: number; y: number; width: number; height: number }) =>
        p.x >= r.x - 24 && p.x <= r.x + r.width + 24 && p.y >= r.y - 24 && p.y <= r.y + r.height + 24;
      const toClient = (path: SVGPathElement, len: number) => {
        const p = path.getPointAtLength(len);
        const m = path.getScreenCTM()!;
        return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
      };
      for (const path of document.querySelectorAll<SVGPathElement>('.react-flow__edge path.react-flow__edge-path')) {
        const len = path.getTotalLength();
        if (len === 0) continue;
        if (near(toClient(path, 0), a) && near(toClient(path, len), b)) return toClient(path, len / 2);
      }
      return null;
    },
    { a: a!, b: b! },
  );
  expect(point, `an edge from ${from} to ${to}`).not.toBeNull();
  return point!;
}

test('the sample opens with one node per state', async ({ page }) => {
  await openApp(page);
  await expectCanvasShows(page, sample.def);
  await expect(stateNode(page, sample.def.StartAt)).toBeVisible();
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  await snap(page, 'sample-opened');
  if (process.env.README_SCREENSHOT) await page.screenshot({ path: process.env.README_SCREENSHOT });
});

test('a state dragged from the palette onto an edge is inserted there, in the JSON too', async ({ page }) => {
  await openApp(page);
  await expectCanvasShows(page, sample.def);
  const from = sample.def.StartAt;
  const to = sample.def.States[from].Next!;
  const passesBefore = await page.locator('[data-state-type="Pass"]').count();

  const item = page
    .locator('[data-palette-type="Pass"]')
    .or(page.getByRole('button', { name: /^Pass\b/ }))
    .or(page.locator('[draggable="true"]', { hasText: /^\W*Pass\W*$/ }))
    .first();
  await expect(item).toBeVisible();
  const box = (await item.boundingBox())!;
  const target = await edgeMidpoint(page, from, to);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2 + 20, { steps: 5 });
  await page.mouse.move(target.x, target.y, { steps: 20 });
  await page.mouse.up();

  await expect(page.locator('[data-state-type="Pass"]')).toHaveCount(passesBefore + 1);
  await snap(page, 'palette-drop-on-edge');

  const { name, text } = await exportDocument(page);
  expect(name).toMatch(/\.asl\.json$/);
  const def = JSON.parse(text) as AslMachine;
  const added = Object.keys(def.States).filter((n) => !(n in sample.def.States));
  expect(added).toHaveLength(1);
  const [newName] = added;
  expect(def.States[newName].Type).toBe('Pass');
  expect(def.States[from].Next).toBe(newName);
  expect(def.States[newName].Next).toBe(to);
  await expect(stateNode(page, newName)).toBeVisible();
});

test('renaming a state in the JSON renames its node', async ({ page }) => {
  await openApp(page);
  await expectCanvasShows(page, sample.def);
  const before = await exportDocument(page);
  const oldName = sample.def.StartAt;
  const newName = `${oldName}Renamed`;
  await setEditorText(page, before.text.split(`"${oldName}"`).join(`"${newName}"`));

  await expect(stateNode(page, newName)).toBeVisible();
  await expect(stateNode(page, oldName)).toHaveCount(0);
  await expect(stateNode(page, newName)).toHaveAttribute('data-state-type', sample.def.States[oldName].Type);
  expect(await stateNodes(page).count()).toBe(allStates(sample.def).length);
  await snap(page, 'renamed-in-json');

  const after = JSON.parse((await exportDocument(page)).text) as AslMachine;
  expect(after.StartAt).toBe(newName);
  expect(Object.keys(after.States)).toContain(newName);
});

test('broken JSON keeps the graph and shows an error', async ({ page }) => {
  await openApp(page);
  await expectCanvasShows(page, sample.def);
  const { text } = await exportDocument(page);
  // Drop the comma after the StartAt property: a syntax error a person makes.
  const broken = text.replace(/("StartAt"\s*:\s*"[^"]*")\s*,/, '$1');
  expect(broken).not.toBe(text);
  await setEditorText(page, broken);

  const error = page.locator('.monaco-editor .squiggly-error').or(page.getByRole('alert')).first();
  await expect(error).toBeVisible();
  // The graph stays as it was (the last good parse).
  await page.waitForTimeout(500);
  await expectCanvasShows(page, sample.def);
  await snap(page, 'broken-json');
});

test('deleting a state can be undone and redone', async ({ page }) => {
  await openApp(page);
  await expectCanvasShows(page, sample.def);
  const victim = deletableState(sample.def);
  const count = allStates(sample.def).length;

  await stateNode(page, victim).click();
  await page.keyboard.press('Delete');
  await expect(stateNode(page, victim)).toHaveCount(0);
  await expect(stateNodes(page)).toHaveCount(count - 1);

  await toolbarButton(page, 'Undo').click();
  await expect(stateNode(page, victim)).toBeVisible();
  await expectCanvasShows(page, sample.def);

  await toolbarButton(page, 'Redo').click();
  await expect(stateNode(page, victim)).toHaveCount(0);
  await snap(page, 'undo-redo');
});

test('the last edit is still there after a reload', async ({ page }) => {
  await openApp(page);
  await expectCanvasShows(page, sample.def);
  const victim = deletableState(sample.def);
  await stateNode(page, victim).click();
  await page.keyboard.press('Delete');
  await expect(stateNode(page, victim)).toHaveCount(0);
  const edited = (await exportDocument(page)).text;

  // Saving is debounced: give it a moment, as a person would before closing the tab.
  await page.waitForTimeout(1500);
  await page.reload();
  await expect(stateNodes(page).first()).toBeVisible({ timeout: 30_000 });
  await expect(stateNode(page, victim)).toHaveCount(0);
  expect((await shownNodes(page)).length).toBe(allStates(sample.def).length - 1);
  expect((await exportDocument(page)).text).toBe(edited);
});
