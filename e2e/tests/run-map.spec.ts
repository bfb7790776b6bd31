/**
 * A large Map in the browser (functional, not timed — scripts/measure-map10k.mjs measures the main thread): a
 * 2,000-item Map with a Task streams into the canvas, the run panel and the events table; its iterations can be
 * navigated; an event row expands to its JSON; the events filter works; the exported history replays to the same
 * view; Stop aborts a run in real time.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectCanvasShows, expectExecutionStatus, importFile, openApp, snap, startExecution, stateNode, test, toolbarButton, writeTestFile, type AslMachine } from './fixtures';

const ITEMS = 2000;

const mapMachine: AslMachine = {
  Comment: `A Map over ${ITEMS} items`,
  StartAt: 'Fan out',
  States: {
    'Fan out': {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Work',
        States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'Payload.$': '$' }, OutputPath: '$.Payload', End: true } },
      },
      ResultPath: '$.results',
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};


const events = (page: Page) => page.getByRole('table', { name: 'Execution events' });

test('a 2,000-item Map streams into the run view; iterations, events and the filter work', async ({ page }, testInfo) => {
  await openApp(page);
  await importFile(page, writeTestFile(testInfo, 'map-2000.asl.json', JSON.stringify(mapMachine, null, 2)));
  await expectCanvasShows(page, mapMachine);
  await startExecution(page, { input: { items: Array.from({ length: ITEMS }, (_, i) => i) }, realTime: false });

  await expectExecutionStatus(page, 'Succeeded');
  for (const name of ['Fan out', 'Work', 'Done']) await expect(stateNode(page, name)).toHaveAttribute('data-status', 'succeeded');
  // started, Map entered/started, 2,000 × 7, Map succeeded/exited, Succeed entered/exited, succeeded
  const total = 7 * ITEMS + 8;
  await expect(page.locator('.run-events-bar')).toContainText(total.toLocaleString('en-US'));
  await expect(page.getByText('State transitions').locator('..')).toContainText((ITEMS + 2).toLocaleString('en-US'));
  // The table follows the stream: its last row is the execution's end.
  await expect(events(page).getByRole('row').last()).toContainText('ExecutionSucceeded');

  // The Task inside the Map: its last visit, then other iterations.
  await stateNode(page, 'Work').click();
  const nav = page.getByRole('group', { name: 'Map iteration' });
  await expect(nav).toContainText(`of ${ITEMS.toLocaleString('en-US')} visits`);
  const iteration = nav.getByRole('spinbutton', { name: 'Iteration index' });
  await iteration.fill('42');
  await expect(iteration).toHaveValue('42');
  await expect(page.locator('.run-json').filter({ hasText: /^Input/ }).first()).toContainText('42');
  await expect(page.locator('.run-json').filter({ hasText: /^Output/ }).first()).toContainText('42');
  const before = await nav.textContent();
  await nav.getByRole('button', { name: 'Next visit' }).click();
  await expect(nav).not.toHaveText(before ?? '');
  await expect(page.getByText('mocked').first()).toBeVisible(); // default Task responses
  await snap(page, 'run-map-iteration');

  // Filter the events, expand one: its JSON comes from the history worker.
  await page.getByRole('searchbox', { name: 'Filter events' }).fill('MapIterationFailed');
  await expect(page.getByText('No event matches the filter.')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter events' }).fill('TaskScheduled');
  const first = events(page).getByRole('row').nth(1);
  await expect(first).toContainText('TaskScheduled');
  await first.click();
  await expect(page.locator('.run-ev-json').first()).toContainText('"taskScheduledEventDetails"');
  await expect(page.locator('.run-ev-json').first()).toContainText('"resource": "invoke"');
  await snap(page, 'run-map-events');

  // Export history (written by the history worker), then replay it offline: the same view.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export history' }).click()]);
  const file = await download.path();
  const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { events: { id: number; type: string }[] };
  expect(exported.events).toHaveLength(total);
  expect(exported.events[total - 1].type).toBe('ExecutionSucceeded');
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(stateNode(page, 'Work')).not.toHaveAttribute('data-status', /./);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Load history…' }).click()]);
  await chooser.setFiles(file);
  await expectExecutionStatus(page, 'Succeeded');
  for (const name of ['Fan out', 'Work', 'Done']) await expect(stateNode(page, name)).toHaveAttribute('data-status', 'succeeded');
  await expect(page.locator('.run-events-bar')).toContainText(total.toLocaleString('en-US'));
});

test('Stop aborts a running execution (real time)', async ({ page }, testInfo) => {
  await openApp(page);
  const waiting: AslMachine = { StartAt: 'Prepare', States: { Prepare: { Type: 'Pass', Next: 'Hold' }, Hold: { Type: 'Wait', Seconds: 600, End: true } } };
  await importFile(page, writeTestFile(testInfo, 'waits.asl.json', JSON.stringify(waiting, null, 2)));
  await expectCanvasShows(page, waiting);
  await startExecution(page, { input: {}, realTime: true });
  await expect(stateNode(page, 'Hold')).toHaveAttribute('data-status', 'running');
  await expectExecutionStatus(page, 'Running');
  await toolbarButton(page, 'Stop').click();
  await expectExecutionStatus(page, 'Aborted');
  await expect(stateNode(page, 'Prepare')).toHaveAttribute('data-status', 'succeeded');
  await expect(stateNode(page, 'Hold')).toHaveAttribute('data-status', 'failed');
  await expect(events(page).getByRole('row').last()).toContainText('ExecutionAborted');
});
