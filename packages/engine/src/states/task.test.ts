import { md5 } from '@noble/hashes/legacy.js';
import { describe, expect, it } from 'vitest';
import { startExecution } from '../index.js';
import { hex, utf8Encode } from '../io/bytes.js';
import { run, types } from '../test/helpers.js';
import type { MockedResponse } from '../types.js';

// A `.waitForTaskToken` SQS task, as in AWS dg/connect-to-resource.html#connect-wait-token.
const def = {
  StartAt: 'Send',
  States: {
    Send: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: 'https://sqs.example/q', MessageBody: { order: 7, 'Token.$': '$$.Task.Token' } },
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'Caught' }],
      End: true,
    },
    Caught: { Type: 'Pass', End: true },
  },
};
const mock = (response: MockedResponse) => ({
  mockConfig: { StateMachines: { SM: { TestCases: { T: { Send: 'R' } } } }, MockedResponses: { R: { '0': response } } },
  stateMachineName: 'SM',
  testCase: 'T',
});
const taskEvents = (h: { type: string }[]) => types(h as never).filter((t) => t.startsWith('Task') && !t.startsWith('TaskState'));

describe('Task .waitForTaskToken / .sync: TaskSubmitted', () => {
  it('records the SQS SendMessage response: MD5 of the body text, MessageId, its JSON HTTP metadata', async () => {
    const r = await run(def, { input: {}, ...mock({ Return: 'done' }) });
    expect(r.output).toBe('done');
    const scheduled = r.history.find((e) => e.type === 'TaskScheduled')!;
    const body = (JSON.parse((scheduled.taskScheduledEventDetails as { parameters: string }).parameters) as { MessageBody: unknown }).MessageBody;
    const submitted = r.history.find((e) => e.type === 'TaskSubmitted')!;
    const out = JSON.parse((submitted.taskSubmittedEventDetails as { output: string }).output);
    expect(out.MD5OfMessageBody).toBe(hex(md5(utf8Encode(JSON.stringify(body)))));
    expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    // {"MD5OfMessageBody":"<32>","MessageId":"<36>"} is 106 bytes
    expect(out.SdkHttpMetadata.HttpHeaders['Content-Length']).toBe('106');
    expect(out.SdkHttpMetadata.HttpHeaders['Content-Type']).toBe('application/x-amz-json-1.0');
    expect(out.SdkHttpMetadata.AllHttpHeaders['Content-Length']).toEqual(['106']);
    expect(out.SdkHttpMetadata.HttpStatusCode).toBe(200);
  });

  it('a callback failure comes after TaskSubmitted (the message was sent)', async () => {
    const r = await run(def, { input: {}, ...mock({ Throw: { Error: 'Failure error', Cause: 'Failure cause' } }) });
    expect(taskEvents(r.history)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskFailed']);
    expect(r.output).toEqual({ err: { Error: 'Failure error', Cause: 'Failure cause' } });
  });

  it('a failed start call (a <Service>.<Exception> error) is not submitted', async () => {
    const r = await run(def, { input: {}, ...mock({ Throw: { Error: 'SQS.QueueDoesNotExistException', Cause: 'no queue' } }) });
    expect(taskEvents(r.history)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskFailed']);
  });

  it('SendTaskFailure and a heartbeat timeout also follow TaskSubmitted', async () => {
    const exec = startExecution(def, { input: {}, onEvent: (e) => {
      if (e.type === 'TaskStarted') queueMicrotask(() => exec.sendTaskFailure(exec.pendingTaskTokens()[0], 'Nope', 'no'));
    } });
    const r = await exec.result;
    expect(taskEvents(r.history)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskFailed']);
    const hb = { ...def, States: { ...def.States, Send: { ...def.States.Send, HeartbeatSeconds: 1 } } };
    const r2 = await run(hb, { input: {} });
    expect(taskEvents(r2.history)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskTimedOut']);
  });

  it('a failed .sync child execution follows TaskSubmitted, which names the execution that was started', async () => {
    const sync = {
      StartAt: 'Start',
      States: {
        Start: {
          Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:111111111111:stateMachine:Child', Name: 'run-1' },
          End: true,
        },
      },
    };
    const r = await run(sync, {
      mockConfig: { StateMachines: { SM: { TestCases: { T: { Start: 'R' } } } }, MockedResponses: { R: { '0': { Throw: { Error: 'States.TaskFailed', Cause: '{}' } } } } },
      stateMachineName: 'SM', testCase: 'T',
    });
    expect(taskEvents(r.history)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskFailed']);
    const submitted = r.history.find((e) => e.type === 'TaskSubmitted')!;
    const out = JSON.parse((submitted.taskSubmittedEventDetails as { output: string }).output);
    expect(out.ExecutionArn).toBe('arn:aws:states:us-east-1:111111111111:execution:Child:run-1');
    expect(Date.parse(out.StartDate)).not.toBeNaN();
  });

  it('a missed heartbeat is recorded as States.Timeout, which Catch States.HeartbeatTimeout matches (not TaskFailed)', async () => {
    const hb = (catchOn: string) => ({
      StartAt: 'Send',
      States: {
        Send: {
          Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', HeartbeatSeconds: 1,
          Parameters: { QueueUrl: 'q', MessageBody: { 'Token.$': '$$.Task.Token' } },
          Catch: [{ ErrorEquals: [catchOn], Next: 'Caught' }], End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    });
    const caught = await run(hb('States.HeartbeatTimeout'), { input: {} });
    expect(caught.output).toEqual({ Error: 'States.Timeout', Cause: '' });
    const timedOut = caught.history.find((e) => e.type === 'TaskTimedOut')!;
    expect(timedOut.taskTimedOutEventDetails).toMatchObject({ error: 'States.Timeout' });
    const failed = await run(hb('States.TaskFailed'), { input: {} });
    expect(failed).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('a mocked States.HeartbeatTimeout is recorded as States.Timeout too', async () => {
    const r = await run(def, { input: {}, ...mock({ Throw: { Error: 'States.HeartbeatTimeout' } }) });
    expect(taskEvents(r.history)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskTimedOut']);
    expect(r.output).toEqual({ err: { Error: 'States.Timeout', Cause: '' } });
  });
});
