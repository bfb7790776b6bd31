/**
 * The execution type in the browser: Start execution → Type Express runs an Express execution (its `$$.Execution` has
 * no RedriveCount, its ARN is `…:express:…`, the run panel says "Express" and copies that ARN); the choice is
 * remembered for the workflow; Standard runs a Standard execution (RedriveCount 0, `…:execution:…`).
 */
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { SCREENSHOTS, expect, expectCanvasShows, expectExecutionStatus, importFile, openApp, snap, test, toolbarButton, writeTestFile, type AslMachine } from './fixtures';

const context: AslMachine = {
  Comment: 'Outputs the context object’s Execution',
  StartAt: 'Context',
  States: {
    Context: { Type: 'Pass', Parameters: { 'ctx.$': '$$.Execution' }, End: true },
  },
};

/** The run panel's summary (status, execution name, type, …). */
const summary = (page: Page) => page.getByRole('region', { name: 'Execution' }).locator('header.run-summary');

/** Saves a screenshot of one element (the dialog, the run summary) beside the page screenshots. */
async function snapElement(element: Locator, name: string): Promise<void> {
  await element.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** The execution's output as shown in the run panel (no state selected): parsed. */
async function executionOutput(page: Page): Promise<{ ctx: Record<string, unknown> }> {
  const details = page.locator('.run-details').filter({ has: page.getByRole('heading', { name: 'Execution', exact: true }) });
  const output = details.locator('.run-json').filter({ has: page.getByRole('heading', { name: 'Output', exact: true }) }).locator('pre');
  await expect(output).toContainText('"ctx"');
  return JSON.parse(await output.innerText()) as { ctx: Record<string, unknown> };
}

test('Express and Standard executions: the type reaches the engine, the panel and the ARN', async ({ page, context: browser }, testInfo) => {
  await browser.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await importFile(page, writeTestFile(testInfo, 'execution-context.asl.json', JSON.stringify(context, null, 2)));
  await expectCanvasShows(page, context);

  // The dialog: Standard by default, with the hint; choose Express.
  await toolbarButton(page, 'Start execution').click();
  const dialog = page.getByRole('dialog', { name: 'Start execution' });
  const type = dialog.getByRole('radiogroup', { name: 'Type' });
  await expect(type.getByRole('radio', { name: 'Standard' })).toBeChecked();
  await expect(dialog.getByText('Standard: up to 1 year, 25,000-event history · Express: up to 5 minutes, no history limit')).toBeVisible();
  await expect(dialog.getByText('Fail like AWS at 25,000 history events or 256 KiB payloads')).toBeVisible();
  await type.getByText('Express', { exact: true }).click();
  await expect(type.getByRole('radio', { name: 'Express' })).toBeChecked();
  await expect(type.getByRole('radio', { name: 'Standard' })).not.toBeChecked();
  // Express has no history limit: the quotas switch says what it still enforces.
  await expect(dialog.getByText(/^Fail like AWS at 256 KiB payloads; time out after 5 minutes/)).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).fill('express-run');
  await snap(page, 'run-type-dialog-express');
  await snapElement(dialog, 'run-type-dialog-express-detail');
  await dialog.getByRole('button', { name: 'Start', exact: true }).click();

  await expectExecutionStatus(page, 'Succeeded');
  await expect(summary(page).locator('[data-execution-type]')).toHaveText('Express');
  const express = await executionOutput(page);
  expect(express.ctx).not.toHaveProperty('RedriveCount');
  expect(express.ctx.Name).toBe('express-run');
  expect(String(express.ctx.Id)).toContain(':express:');
  expect(String(express.ctx.Id)).toMatch(/:express:[^:]+:express-run:[0-9a-f-]{36}$/);
  // The ARN shown and copied is the engine's.
  const copy = summary(page).getByRole('button', { name: 'Copy execution ARN' });
  await expect(copy).toHaveAttribute('data-arn', String(express.ctx.Id));
  await copy.click();
  await expect(copy).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(express.ctx.Id);
  await snap(page, 'run-type-panel-express');
  await snapElement(summary(page), 'run-type-summary-express');

  // The choice is remembered for this workflow; switch back to Standard.
  await toolbarButton(page, 'Start execution').click();
  await expect(type.getByRole('radio', { name: 'Express' })).toBeChecked();
  await type.getByRole('radio', { name: 'Standard' }).focus();
  await page.keyboard.press('Space');
  await expect(type.getByRole('radio', { name: 'Standard' })).toBeChecked();
  await dialog.getByLabel('Name', { exact: true }).fill('standard-run');
  await snap(page, 'run-type-dialog-standard');
  await dialog.getByRole('button', { name: 'Start', exact: true }).click();

  await expectExecutionStatus(page, 'Succeeded');
  await expect(summary(page).locator('[data-execution-type]')).toHaveText('Standard');
  const standard = await executionOutput(page);
  expect(standard.ctx.Name).toBe('standard-run');
  expect(standard.ctx.RedriveCount).toBe(0);
  expect(String(standard.ctx.Id)).toMatch(/:execution:[^:]+:standard-run$/);
  await expect(summary(page).getByRole('button', { name: 'Copy execution ARN' })).toHaveAttribute('data-arn', String(standard.ctx.Id));
  await snap(page, 'run-type-panel-standard');
  await snapElement(summary(page), 'run-type-summary-standard');

  // Standard is now the remembered choice.
  await toolbarButton(page, 'Start execution').click();
  await expect(type.getByRole('radio', { name: 'Standard' })).toBeChecked();
  await page.keyboard.press('Escape');
});
