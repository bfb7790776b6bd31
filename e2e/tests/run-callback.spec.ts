/**
 * `.waitForTaskToken` tasks in the browser: the run waits, the execution panel shows "Waiting for callback" with the
 * task token, and the canvas marks the waiting state; an invalid output is refused inline; Send success finishes the
 * run with that output; Send failure with a custom error fails it (uncaught) or takes the Catcher (caught); a Map's
 * concurrent iterations each wait with their own token; a token whose HeartbeatSeconds pass expires.
 */
import type { Page } from '@playwright/test';
import { expect, expectCanvasShows, expectExecutionStatus, importFile, openApp, snap, startExecution, stateNode, test, writeTestFile, type AslMachine } from './fixtures';

const approval: AslMachine = {
  Comment: 'Waits for a human approval (SQS message with the task token)',
  StartAt: 'Request approval',
  States: {
    'Request approval': {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals',
        MessageBody: { 'orderId.$': '$.orderId', 'TaskToken.$': '$$.Task.Token' },
      },
      ResultPath: '$.approval',
      Catch: [{ ErrorEquals: ['Approval.Escalated'], ResultPath: '$.escalation', Next: 'Escalate' } as { Next: string }],
      Next: 'Ship',
    },
    Ship: { Type: 'Pass', End: true },
    Escalate: { Type: 'Pass', Result: 'escalated', ResultPath: '$.handled', End: true },
  },
};


const waitingArea = (page: Page) => page.getByRole('region', { name: 'Waiting for callback' });

test('a .waitForTaskToken task waits for Send success / Send failure from the run panel', async ({ page }, testInfo) => {
  await openApp(page);
  await importFile(page, writeTestFile(testInfo, 'approval.asl.json', JSON.stringify(approval, null, 2)));
  await expectCanvasShows(page, approval);

  // Run 1: the task waits; the panel shows its token; an invalid output is refused; Send success ends the run.
  await startExecution(page, { input: { orderId: 'o-42' }, realTime: false });
  const area = waitingArea(page);
  await expect(area).toBeVisible();
  const form = area.getByRole('group', { name: 'Callback for Request approval' });
  await expect(form).toContainText('sqs:sendMessage.waitForTaskToken');
  const token = await form.locator('[data-token]').getAttribute('data-token');
  expect(token).toMatch(/^[0-9a-f-]{36}$/);
  await expectExecutionStatus(page, 'Running');
  const node = stateNode(page, 'Request approval');
  await expect(node).toHaveAttribute('data-status', 'running');
  await expect(node).toHaveAttribute('data-waiting', 'callback');
  // The task's parameters carry the same token ($$.Task.Token).
  await node.click();
  await expect(page.getByText(token!).first()).toBeVisible();
  await snap(page, 'callback-waiting');

  const output = form.getByLabel('Output (JSON)');
  await expect(output).toHaveValue('{}');
  await output.fill('{"approved": true, by: "alice"}');
  await form.getByRole('button', { name: 'Send success' }).click();
  await expect(form.getByRole('alert')).toContainText('not valid JSON');
  await expect(output).toHaveAttribute('aria-invalid', 'true');
  await snap(page, 'callback-invalid-json');
  // Nothing was sent: still waiting.
  await expectExecutionStatus(page, 'Running');
  await expect(area).toBeVisible();

  await output.fill('{"approved": true, "by": "alice"}');
  await form.getByRole('button', { name: 'Send success' }).click();
  await expectExecutionStatus(page, 'Succeeded');
  await expect(area).toHaveCount(0);
  await expect(node).toHaveAttribute('data-status', 'succeeded');
  await expect(node).not.toHaveAttribute('data-waiting', /.*/);
  await expect(stateNode(page, 'Ship')).toHaveAttribute('data-status', 'succeeded');
  // The task's result is the callback's output; the execution output carries it where ResultPath put it.
  await expect(page.getByRole('region', { name: 'Execution' }).getByText('"by": "alice"').first()).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  const execOutput = page.locator('.run-json').filter({ has: page.getByRole('heading', { name: 'Output', exact: true }) });
  await expect(execOutput).toContainText('"approval": {');
  await expect(execOutput).toContainText('"by": "alice"');
  await expect(execOutput).toContainText('"orderId": "o-42"');
  await snap(page, 'callback-succeeded');

  // Run 2: Send failure with a custom error (no Catcher for it) ends the run Failed with that error and cause.
  await startExecution(page, { input: { orderId: 'o-43' }, realTime: false });
  await expect(waitingArea(page)).toBeVisible();
  const form2 = waitingArea(page).getByRole('group', { name: 'Callback for Request approval' });
  await form2.getByLabel('Error', { exact: true }).fill('Approval.Rejected');
  await form2.getByLabel('Cause', { exact: true }).fill('Budget exceeded');
  await form2.getByRole('button', { name: 'Send heartbeat' }).click();
  await expect(form2).toContainText('Heartbeat sent');
  await form2.getByRole('button', { name: 'Send failure' }).click();
  await expectExecutionStatus(page, 'Failed');
  await expect(waitingArea(page)).toHaveCount(0);
  await expect(node).toHaveAttribute('data-status', 'failed');
  const summary = page.locator('.run-error-summary');
  await expect(summary).toContainText('Approval.Rejected');
  await expect(summary).toContainText('Budget exceeded');
  await snap(page, 'callback-failed');

  // Run 3: an error the Catcher matches takes the Catch path.
  await startExecution(page, { input: { orderId: 'o-44' }, realTime: false });
  const form3 = waitingArea(page).getByRole('group', { name: 'Callback for Request approval' });
  await form3.getByLabel('Error', { exact: true }).fill('Approval.Escalated');
  await form3.getByRole('button', { name: 'Send failure' }).click();
  await expectExecutionStatus(page, 'Succeeded');
  await expect(node).toHaveAttribute('data-status', 'caught');
  await expect(stateNode(page, 'Escalate')).toHaveAttribute('data-status', 'succeeded');
  await expect(stateNode(page, 'Ship')).toHaveAttribute('data-status', 'idle');
});

test('each iteration of a Map waits with its own token; answering them one by one finishes the Map', async ({ page }, testInfo) => {
  const fanOut: AslMachine = {
    StartAt: 'Ask reviewers',
    States: {
      'Ask reviewers': {
        Type: 'Map',
        ItemsPath: '$.reviewers',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Review',
          States: {
            Review: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
              Parameters: { FunctionName: 'notify-reviewer', Payload: { 'reviewer.$': '$', 'token.$': '$$.Task.Token' } },
              HeartbeatSeconds: 3600,
              End: true,
            },
          },
        },
        End: true,
      },
    },
  };
  await openApp(page);
  await importFile(page, writeTestFile(testInfo, 'reviews.asl.json', JSON.stringify(fanOut, null, 2)));
  await expectCanvasShows(page, fanOut);
  await startExecution(page, { input: { reviewers: ['ann', 'bob', 'cy'] }, realTime: false });

  const area = waitingArea(page);
  await expect(area).toContainText('3 tasks wait');
  await expect(area.getByRole('listitem')).toHaveCount(3);
  await expect(stateNode(page, 'Review')).toHaveAttribute('data-waiting', 'callback');
  // The first iteration's form is open; the others are rows to pick.
  await expect(area.getByRole('group', { name: 'Callback for Review' })).toContainText('iteration 0 · in Map Ask reviewers');
  await expect(area).toContainText('heartbeat 3600 s');
  await snap(page, 'callback-map-waiting');

  // Answer iteration 2 first, then the rest in order.
  await area.getByRole('button', { name: 'Answer Review (iteration 2 · in Map Ask reviewers)' }).click();
  const form = area.getByRole('group', { name: 'Callback for Review' });
  await expect(form).toContainText('iteration 2');
  await form.getByLabel('Output (JSON)').fill('"cy: ok"');
  await form.getByRole('button', { name: 'Send success' }).click();
  await expect(area.getByRole('listitem')).toHaveCount(2);
  for (const answer of ['"ann: ok"', '"bob: ok"']) {
    const f = area.getByRole('group', { name: 'Callback for Review' });
    await f.getByLabel('Output (JSON)').fill(answer);
    // Ctrl+Enter in the output sends success too.
    await f.getByLabel('Output (JSON)').press('Control+Enter');
    if (answer.includes('ann')) await expect(area.getByRole('listitem')).toHaveCount(1);
  }
  await expectExecutionStatus(page, 'Succeeded');
  await expect(area).toHaveCount(0);
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  const execOutput = page.locator('.run-json').filter({ has: page.getByRole('heading', { name: 'Output', exact: true }) });
  await expect(execOutput).toContainText('"ann: ok"');
  await expect(execOutput).toContainText('"cy: ok"');
  await snap(page, 'callback-map-succeeded');
});

test('a token whose HeartbeatSeconds pass without a heartbeat expires: the waiting area goes, the task times out', async ({ page }, testInfo) => {
  const impatient: AslMachine = {
    StartAt: 'Wait for signal',
    States: {
      'Wait for signal': {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'signal', Payload: { 'token.$': '$$.Task.Token' } },
        HeartbeatSeconds: 2,
        End: true,
      },
    },
  };
  await openApp(page);
  await importFile(page, writeTestFile(testInfo, 'impatient.asl.json', JSON.stringify(impatient, null, 2)));
  await expectCanvasShows(page, impatient);
  await startExecution(page, { input: {}, realTime: false });
  const area = waitingArea(page);
  await expect(area).toContainText('heartbeat 2 s');
  // No heartbeat: after 2 s (real time, even on the simulated clock) the task times out and the token is gone.
  await expectExecutionStatus(page, 'Failed', 15_000);
  await expect(area).toHaveCount(0);
  await expect(stateNode(page, 'Wait for signal')).not.toHaveAttribute('data-waiting', /.*/);
  // AWS records a missed heartbeat as States.Timeout (TaskTimedOut, ExecutionFailed); see packages/engine/README.md.
  await expect(page.locator('.run-error-summary')).toContainText('States.Timeout');
});
