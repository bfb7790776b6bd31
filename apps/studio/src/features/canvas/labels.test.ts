import { describe, expect, it } from 'vitest';
import { taskLabel } from './labels';
import { diagnosticsByState } from './build-elements';
import { stateOfPath } from './graph-cache';

describe('taskLabel', () => {
  it.each([
    ['arn:aws:states:::lambda:invoke', 'Lambda: Invoke'],
    ['arn:aws:states:::aws-sdk:s3:getObject', 'S3: GetObject'],
    ['arn:aws:states:::states:startExecution.sync:2', 'Step Functions: StartExecution'],
    ['arn:aws:states:::dynamodb:putItem', 'DynamoDB: PutItem'],
    ['arn:aws:states:::events:putEvents', 'EventBridge: PutEvents'],
    ['arn:aws:lambda:us-east-1:123456789012:function:F', 'Lambda: Invoke'],
    ['arn:aws:states:us-east-1:123456789012:activity:A', 'Activity'],
    [undefined, 'Task'],
  ])('%s → %s', (resource, label) => expect(taskLabel(resource)).toBe(label));
});

describe('diagnostics per state', () => {
  it('attributes a diagnostic to the deepest state of its path', () => {
    expect(stateOfPath(['States', 'P', 'Branches', 0, 'States', 'B', 'Next'])).toBe('B');
    expect(stateOfPath(['StartAt'])).toBeUndefined();
    const m = diagnosticsByState([
      { code: 'X', severity: 'warning', message: 'w', range: { offset: 5, length: 1 }, path: ['States', 'A'], line: 1, column: 1 },
      { code: 'Y', severity: 'error', message: 'e', range: { offset: 9, length: 1 }, path: ['States', 'A', 'Next'], line: 1, column: 1 },
    ]);
    expect(m.get('A')).toMatchObject({ errors: 1, warnings: 1, range: { offset: 9, length: 1 } });
  });
});
