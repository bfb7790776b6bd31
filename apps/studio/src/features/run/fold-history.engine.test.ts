/**
 * The fold over real engine histories: the Order fulfilment sample under each of its mock test cases.
 */
import { describe, expect, it } from 'vitest';
import { startExecution, type ExecutionOptions } from '@asl-studio/engine';
import { foldHistory, HistoryFold, isEdgeTaken, type HistoryEvent } from './fold-history';

import sampleDefinition from '../../../../../public/samples/order-fulfilment.asl.json';
import input from '../../../../../public/samples/order-fulfilment.input.json';
import mockConfig from '../../../../../public/samples/order-fulfilment.mocks.json';

const definition = sampleDefinition as unknown as Parameters<typeof startExecution>[0];

async function run(testCase: string) {
  const live: HistoryEvent[] = [];
  const exec = startExecution(definition, {
    input,
    mockConfig: mockConfig as ExecutionOptions['mockConfig'],
    stateMachineName: 'OrderFulfilment',
    testCase,
    onEvent: (e) => live.push(e as HistoryEvent),
  });
  const result = await exec.result;
  return { result, view: foldHistory(result.history as HistoryEvent[]), live };
}

describe('fold over the sample run by the engine', () => {
  it('HappyPath: succeeds along Validate → Choice → Pay → Parallel(Map, label) → Wait → Confirm → Succeed', async () => {
    const { result, view, live } = await run('HappyPath');
    expect(result.status).toBe('SUCCEEDED');
    expect(view.status).toBe('SUCCEEDED');
    expect(view.stateStatus).toEqual({
      ValidateOrder: 'succeeded',
      IsOrderValid: 'succeeded',
      ProcessPayment: 'succeeded',
      PrepareShipment: 'succeeded',
      ReserveInventory: 'succeeded',
      ReserveItem: 'succeeded',
      CreateShippingLabel: 'succeeded',
      WaitForCourier: 'succeeded',
      SendConfirmation: 'succeeded',
      OrderComplete: 'succeeded',
    });
    for (const [a, b] of [
      ['__start', 'ValidateOrder'],
      ['ValidateOrder', 'IsOrderValid'],
      ['IsOrderValid', 'ProcessPayment'],
      ['ProcessPayment', 'PrepareShipment'],
      ['__start:States/PrepareShipment/Branches/0', 'ReserveInventory'],
      ['__start:States/PrepareShipment/Branches/1', 'CreateShippingLabel'],
      ['ReserveInventory', '__end:States/PrepareShipment/Branches/0'],
      ['CreateShippingLabel', '__end:States/PrepareShipment/Branches/1'],
      ['__start:x', 'ReserveItem'],
      ['ReserveItem', '__end:x'],
      ['PrepareShipment', 'WaitForCourier'],
      ['WaitForCourier', 'SendConfirmation'],
      ['SendConfirmation', 'OrderComplete'],
      ['OrderComplete', '__end'],
    ]) {
      expect(isEdgeTaken(view, a, b), `${a} → ${b}`).toBe(true);
    }
    expect(isEdgeTaken(view, 'IsOrderValid', 'RejectOrder')).toBe(false);
    expect(isEdgeTaken(view, 'ProcessPayment', 'NotifyPaymentDeclined')).toBe(false);
    // Map iterations: one visit per item, with its index; results from default responses are "mocked".
    const items = view.visitsByName.ReserveItem;
    expect(items.map((v) => v.iteration)).toEqual([0, 1, 2]);
    expect(items.every((v) => v.mocked)).toBe(true);
    expect(JSON.parse(items[1].output!)).toEqual({ sku: 'PEN-FOUNTAIN-BLUE', quantity: 2 });
    expect(view.visitsByName.ValidateOrder[0].mocked).toBe(false);
    expect(view.visitsByName.ReserveInventory[0]).toMatchObject({ mapLength: 3, iterationsSucceeded: 3 });
    expect(view.visitsByName.CreateShippingLabel[0].parent).toBe(view.visitsByName.PrepareShipment[0].key);
    // The live events (onEvent) are the history.
    expect(live.length).toBe(result.history.length);
  });

  it('PaymentRetried: ProcessPayment retried twice then succeeded', async () => {
    const { result, view } = await run('PaymentRetried');
    expect(result.status).toBe('SUCCEEDED');
    expect(view.stateStatus.ProcessPayment).toBe('succeeded');
    expect(view.visitsByName.ProcessPayment[0]).toMatchObject({ attempts: 3, error: 'Payment.GatewayTimeout' });
    // Mid-run, after the second TaskScheduled, it is retrying.
    const h = result.history as HistoryEvent[];
    const secondSchedule = h.filter((e) => e.type === 'TaskScheduled')[2];
    const f = new HistoryFold();
    f.push(h.slice(0, secondSchedule.id));
    expect(f.view.stateStatus.ProcessPayment).toBe('retrying');
  });

  it('PaymentDeclined: ProcessPayment caught, the decline path taken, the Fail state red, the execution failed', async () => {
    const { result, view } = await run('PaymentDeclined');
    expect(result.status).toBe('FAILED');
    expect(view.status).toBe('FAILED');
    expect(view.error).toBe('OrderFailed');
    expect(view.stateStatus.ProcessPayment).toBe('caught');
    expect(view.stateStatus.NotifyPaymentDeclined).toBe('succeeded');
    expect(view.stateStatus.OrderFailed).toBe('failed');
    expect(view.stateStatus.PrepareShipment).toBeUndefined();
    expect(view.failedState).toBe('OrderFailed');
    expect(view.visitsByName.ProcessPayment[0]).toMatchObject({ error: 'Payment.Declined', cause: 'Card declined: insufficient funds.' });
    expect(view.visitsByName.OrderFailed[0]).toMatchObject({ error: 'OrderFailed' });
    expect(isEdgeTaken(view, 'ProcessPayment', 'NotifyPaymentDeclined')).toBe(true);
    expect(isEdgeTaken(view, 'NotifyPaymentDeclined', 'OrderFailed')).toBe(true);
  });

  it('OutOfStock: the second item fails the Map and the branch; the Parallel is caught and the payment refunded', async () => {
    const { result, view } = await run('OutOfStock');
    expect(result.status).toBe('FAILED');
    expect(view.stateStatus.ReserveItem).toBe('failed');
    expect(view.stateStatus.ReserveInventory).toBe('failed');
    expect(view.stateStatus.PrepareShipment).toBe('caught');
    expect(view.stateStatus.RefundPayment).toBe('succeeded');
    expect(view.stateStatus.OrderFailed).toBe('failed');
    const failing = view.visitsByName.ReserveItem.find((v) => v.status === 'failed')!;
    expect(failing).toMatchObject({ iteration: 1, error: 'Inventory.OutOfStock' });
    expect(view.visitsByName.PrepareShipment[0].error).toBe('Inventory.OutOfStock');
    expect(isEdgeTaken(view, 'PrepareShipment', 'RefundPayment')).toBe(true);
  });

  it('InvalidOrder: the Choice goes to RejectOrder', async () => {
    const { view } = await run('InvalidOrder');
    expect(view.status).toBe('FAILED');
    expect(view.error).toBe('OrderRejected');
    expect(isEdgeTaken(view, 'IsOrderValid', 'RejectOrder')).toBe(true);
    expect(view.stateStatus.RejectOrder).toBe('failed');
  });

  it('an aborted run ends ABORTED with the open state marked', async () => {
    const controller = new AbortController();
    const def = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 30, End: true } } };
    const exec = startExecution(def as never, { clock: 'real', signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const result = await exec.result;
    const view = foldHistory(result.history as HistoryEvent[]);
    expect(view.status).toBe('ABORTED');
    expect(view.stateStatus.W).toBe('failed');
  });
});
