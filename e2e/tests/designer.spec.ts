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

/**
 * A point on the edge drawn from state `from` to state `to`, in client coordinates: of the points along its middle
 * part, the one farthest from every other edge (so the drop cannot be taken for a neighbouring edge).
 */
async function pointOnEdge(
  page: Page,
  from: string,
  to: string,
): Promise<{ x: number; y: number; clearance: number } | null> {
  const a = await stateNode(page, from).boundingBox();
  const b = await stateNode(page, to).boundingBox();
  if (!a || !b) return null;
  return page.evaluate(
    ({ a, b }) => {
      type P = { x: number; y: number };
      const near = (p: P, r: { x: number; y: number; width: number; height: number }) =>
        p.x >= r.x - 24 && p.x <= r.x + r.width + 24 && p.y >= r.y - 24 && p.y <= r.y + r.height + 24;
      const at = (path: SVGPathElement, len: number): P => {
        const p = path.getPointAtLength(len);
        const m = path.getScreenCTM()!;
        return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
      };
      const samples = (path: SVGPathElement, from: number, to: number, n: number): P[] => {
        const len = path.getTotalLength();
        return Array.from({ length: n + 1 }, (_, i) => at(path, len * (from + ((to - from) * i) / n)));
      };
      const paths = [...document.querySelectorAll<SVGPathElement>('.react-flow__edge path.react-flow__edge-path')].filter(
        (p) => p.getTotalLength() > 0,
      );
      const mine = paths.find((p) => near(at(p, 0), a) && near(at(p, p.getTotalLength()), b));
      if (!mine) return null;
      const others = paths.filter((p) => p !== mine).flatMap((p) => samples(p, 0, 1, 60));
      let best = null as P | null;
      let bestDistance = -1;
      for (const p of samples(mine, 0.25, 0.75, 20)) {
        const d = Math.min(Infinity, ...others.map((o) => Math.hypot(o.x - p.x, o.y - p.y)));
        if (d > bestDistance) [best, bestDistance] = [p, d];
      }
      return best && { ...best, clearance: bestDistance };
    },
    { a, b },
  );
}

test('the sample opens with one node per state', async ({ page }) => {
  await openApp(page);
  await expectCanvasShows(page, sample.def);
  await expect(stateNode(page, sample.def.StartAt)).toBeVisible();
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  await snap(page, 'sample-opened');
});

test('a state dragged from the palette onto an edge is inserted there, in the JSON too', async ({ page }) => {
  await openApp(page);
  await expectCanvasShows(page, sample.def);
  // Of the sample's Next transitions between top-level states, drop on the one drawn with the most room around it.
  let drop: { from: string; to: string; x: number; y: number; clearance: number } | undefined;
  for (const [from, state] of Object.entries(sample.def.States)) {
    if (!state.Next) continue;
    const p = await pointOnEdge(page, from, state.Next);
    if (p && (!drop || p.clearance > drop.clearance)) drop = { from, to: state.Next, ...p };
  }
  expect(drop, 'an edge between two states of the sample').toBeDefined();
  const { from, to } = drop!;
  const passesBefore = await page.locator('[data-state-type="Pass"]').count();

  const item = page
    .locator('[data-palette-type="Pass"]')
    .or(page.getByRole('button', { name: /^Pass\b/ }))
    .or(page.locator('[draggable="true"]', { hasText: /^\W*Pass\W*$/ }))
    .first();
  await expect(item).toBeVisible();
  const box = (await item.boundingBox())!;
  const target = drop!;
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

  await stateNode(page, victim).click();
  await page.keyboard.press('Delete');
  await expect(stateNode(page, victim)).toHaveCount(0);
  await expectCanvasShows(page, sample.def, [victim]);

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
  await expectCanvasShows(page, JSON.parse(edited) as AslMachine);
  await expect(stateNode(page, victim)).toHaveCount(0);
  expect((await exportDocument(page)).text).toBe(edited);
});

test('Auto layout keeps one node per state', async ({ page }) => {
  await openApp(page);
  await expectCanvasShows(page, sample.def);
  await toolbarButton(page, 'Auto layout').click();
  await expectCanvasShows(page, sample.def);
  await expect(stateNode(page, sample.def.StartAt)).toBeVisible();
});
