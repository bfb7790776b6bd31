/**
 * The Start dialog's saved settings: a round trip keeps every field (the Express type included); settings saved before
 * a field existed load with its default (type Standard, simulated time, AWS quotas on); unusable records load as none.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const db = new Map<string, unknown>();
vi.mock('idb-keyval', () => ({
  get: async (key: string) => db.get(key),
  set: async (key: string, value: unknown) => {
    db.set(key, structuredClone(value));
  },
}));

const { defaultSettings, loadSettings, saveSettings, settingsKey } = await import('./run-settings');
type RunSettings = Awaited<ReturnType<typeof defaultSettings>>;

describe('run settings', () => {
  beforeEach(() => db.clear());

  const express: RunSettings = {
    input: '{"orderId": "o-1"}',
    mocks: '',
    stateMachineName: 'Orders',
    testCase: 'HappyPath',
    realTime: true,
    awsQuotas: false,
    type: 'EXPRESS',
  };

  it('round-trips every field, the type included, per workflow', async () => {
    await saveSettings('orders', express);
    await saveSettings('other', { ...express, type: 'STANDARD' });
    expect(await loadSettings('orders')).toEqual(express);
    expect((await loadSettings('other'))?.type).toBe('STANDARD');
    expect(await loadSettings('never-saved')).toBeUndefined();
  });

  it.each([
    ['saved before the type existed', { input: '{}', mocks: '', stateMachineName: '', testCase: '', realTime: true, awsQuotas: false }, { realTime: true, awsQuotas: false }],
    ['saved before real time and quotas existed', { input: '{"a": 1}', mocks: '{}' }, { realTime: false, awsQuotas: true }],
    ['an unknown type', { input: '{}', type: 'SYNC' }, { realTime: false, awsQuotas: true }],
  ])('older settings load with type Standard: %s', async (_why, saved, switches) => {
    db.set(settingsKey('old'), saved);
    const s = await loadSettings('old');
    expect(s).toMatchObject({ ...switches, type: 'STANDARD', input: saved.input });
  });

  it('a record without input is not settings', async () => {
    db.set(settingsKey('broken'), { type: 'EXPRESS' });
    expect(await loadSettings('broken')).toBeUndefined();
  });

  it('defaults to Standard', async () => {
    expect((await defaultSettings({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } })).type).toBe('STANDARD');
  });
});
