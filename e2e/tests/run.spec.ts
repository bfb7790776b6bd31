/**
 * Running workflows in the browser: the sample's run succeeds along its path, a state's input and output can be
 * inspected, and a failing run is shown as failed.
 */
import {
  expect,
  expectCanvasShows,
  expectExecutionStatus,
  importFile,
  openApp,
  readSample,
  shownNodes,
  snap,
  startExecution,
  stateNode,
  successors,
  test,
  writeTestFile,
  type AslMachine,
} from './fixtures';

const sample = readSample();


test('running the sample succeeds along its path and shows a state’s input and output', async ({ page }) => {
  await openApp(page);
  await expectCanvasShows(page, sample.def);
  await startExecution(page);

  await expectExecutionStatus(page, 'Succeeded');
  const nodes = await shownNodes(page);
  const status = new Map(nodes.map((n) => [n.id, n.status]));
  const top = sample.def.States;

  // The path starts at StartAt, ends in a Succeed state, and every succeeded top-level state is reached from
  // another succeeded one; nothing on the canvas failed.
  expect(status.get(sample.def.StartAt)).toBe('succeeded');
  const succeeded = Object.keys(top).filter((name) => status.get(name) === 'succeeded');
  expect(succeeded.some((name) => top[name].Type === 'Succeed'), 'a Succeed state ends the path').toBe(true);
  for (const name of succeeded) {
    if (name === sample.def.StartAt) continue;
    const reachedFrom = succeeded.filter((other) => successors(top[other]).includes(name));
    expect(reachedFrom, `${name} follows a succeeded state`).not.toHaveLength(0);
  }
  expect(nodes.filter((n) => n.status === 'failed').map((n) => n.id)).toEqual([]);
  await snap(page, 'run-succeeded');

  // Clicking a state shows its input and output for this run.
  await stateNode(page, sample.def.StartAt).click();
  await expect(page.getByText('Input', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Output', { exact: true }).first()).toBeVisible();
  // Its output holds its result where its ResultPath put it (e.g. "$.validation" → a "validation" key).
  const resultKey = /^\$\.(\w+)$/.exec(String(top[sample.def.StartAt].ResultPath ?? ''))?.[1];
  if (resultKey) await expect(page.getByText(`"${resultKey}": {`).first()).toBeVisible();
  await snap(page, 'run-state-inspected');
  // README_SCREENSHOT=/abs/path.png: the README's picture (docs/screenshot.png) is this view.
  if (process.env.README_SCREENSHOT) await page.screenshot({ path: process.env.README_SCREENSHOT });
});

test('a failing run shows Failed', async ({ page }, testInfo) => {
  await openApp(page);
  const failing: AslMachine = {
    Comment: 'Fails at once',
    StartAt: 'Prepare',
    States: {
      Prepare: { Type: 'Pass', Result: { ok: false }, Next: 'Boom' },
      Boom: { Type: 'Fail', Error: 'Checkout.Broken', Cause: 'This workflow always fails.' },
    },
  };
  await importFile(page, writeTestFile(testInfo, 'always-fails.asl.json', JSON.stringify(failing, null, 2)));
  await expectCanvasShows(page, failing);
  await startExecution(page);

  await expectExecutionStatus(page, 'Failed');
  await expect(stateNode(page, 'Prepare')).toHaveAttribute('data-status', 'succeeded');
  await expect(stateNode(page, 'Boom')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByText('Checkout.Broken').first()).toBeVisible();
  await snap(page, 'run-failed');
});
