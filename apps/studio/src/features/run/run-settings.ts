/**
 * The Start execution dialog's settings: what was last used per workflow (IndexedDB via idb-keyval) and the
 * defaults (the Order fulfilment sample's input and mocks when the document is that sample).
 */
import { get, set } from 'idb-keyval';
import type { RunType } from './worker-protocol';

/** What the Start dialog remembers per workflow. */
export interface RunSettings {
  /** Execution input, as typed (JSON text). */
  input: string;
  /** Mock config (MockConfigFile JSON text); empty = no mocks (every Task gets a default response). */
  mocks: string;
  /** State machine selected in the mock config. */
  stateMachineName: string;
  /** Test case of that machine; empty = none. */
  testCase: string;
  /** Real timers for Wait and Retry back-off (default: simulated clock, time advances at once). */
  realTime: boolean;
  /** Enforce AWS quotas (25,000 history events, 262,144-byte payloads), as the engine and CLI do by default; off for load tests. */
  awsQuotas: boolean;
  /** The state machine's type (default STANDARD; settings saved before there was a choice load as STANDARD). */
  type: RunType;
}

const KEY_PREFIX = 'asl-studio:run-settings:';
const SAMPLE_MOCKS = 'samples/order-fulfilment.mocks.json';
const SAMPLE_INPUT = 'samples/order-fulfilment.input.json';

/** The IndexedDB key of a workflow's settings. */
export function settingsKey(workflow: string): string {
  return KEY_PREFIX + (workflow || 'workflow');
}

/** Saved settings of a workflow, or undefined (also when IndexedDB is unavailable). */
export async function loadSettings(workflow: string): Promise<RunSettings | undefined> {
  try {
    const v = (await get(settingsKey(workflow))) as Partial<RunSettings> | undefined;
    if (!v || typeof v.input !== 'string') return undefined;
    return {
      input: v.input,
      mocks: typeof v.mocks === 'string' ? v.mocks : '',
      stateMachineName: v.stateMachineName ?? '',
      testCase: v.testCase ?? '',
      realTime: v.realTime === true,
      awsQuotas: v.awsQuotas !== false,
      type: v.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    };
  } catch {
    return undefined;
  }
}

/** Saves a workflow's settings; failures (private mode, quota) are ignored. */
export async function saveSettings(workflow: string, settings: RunSettings): Promise<void> {
  try {
    await set(settingsKey(workflow), settings);
  } catch {
    /* not persisted */
  }
}

interface SampleFiles {
  mocks: string;
  input: string;
  /** State names the sample's test cases mock. */
  mockedStates: string[];
}
let samplePromise: Promise<SampleFiles | undefined> | undefined;

async function fetchText(path: string): Promise<string> {
  const res = await fetch(new URL(path, document.baseURI));
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.text();
}

/** Loads (once) the sample's mocks and input from public/samples. */
export function loadSampleFiles(): Promise<SampleFiles | undefined> {
  samplePromise ??= Promise.all([fetchText(SAMPLE_MOCKS), fetchText(SAMPLE_INPUT)])
    .then(([mocks, input]) => {
      const cfg = JSON.parse(mocks) as { StateMachines?: Record<string, { TestCases?: Record<string, Record<string, string>> }> };
      const names = new Set<string>();
      for (const m of Object.values(cfg.StateMachines ?? {})) {
        for (const tc of Object.values(m.TestCases ?? {})) for (const s of Object.keys(tc)) names.add(s);
      }
      return { mocks, input, mockedStates: [...names] };
    })
    .catch(() => undefined);
  return samplePromise;
}

/** Every state name of a definition, nested ones included. Pure. */
export function allStateNames(def: unknown): Set<string> {
  const out = new Set<string>();
  const visit = (m: unknown) => {
    if (!m || typeof m !== 'object') return;
    const states = (m as { States?: unknown }).States;
    if (!states || typeof states !== 'object') return;
    for (const [name, st] of Object.entries(states as Record<string, unknown>)) {
      out.add(name);
      if (!st || typeof st !== 'object') continue;
      const s = st as { Branches?: unknown[]; ItemProcessor?: unknown; Iterator?: unknown };
      if (Array.isArray(s.Branches)) s.Branches.forEach(visit);
      visit(s.ItemProcessor);
      visit(s.Iterator);
    }
  };
  visit(def);
  return out;
}

/** Default settings for a definition: the sample's mocks and input when it is the sample, else `{}` and no mocks. */
export async function defaultSettings(def: unknown): Promise<RunSettings> {
  const base: RunSettings = { input: '{}', mocks: '', stateMachineName: '', testCase: '', realTime: false, awsQuotas: true, type: 'STANDARD' };
  const sample = await loadSampleFiles();
  if (!sample || sample.mockedStates.length === 0) return base;
  const names = allStateNames(def);
  if (!sample.mockedStates.every((n) => names.has(n))) return base;
  const cfg = JSON.parse(sample.mocks) as { StateMachines: Record<string, { TestCases: Record<string, unknown> }> };
  const machine = Object.keys(cfg.StateMachines)[0] ?? '';
  const testCase = Object.keys(cfg.StateMachines[machine]?.TestCases ?? {})[0] ?? '';
  return { ...base, input: sample.input.trim(), mocks: sample.mocks.trim(), stateMachineName: machine, testCase };
}

/** Result of checking a JSON text: the value, or the parse error message. */
export type JsonCheck = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses JSON text; the error message names the line and column. Pure. */
export function checkJson(text: string): JsonCheck {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    let message = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(message);
    if (m && !/line \d+/.test(message)) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const column = pos - before.lastIndexOf('\n');
      message += ` (line ${line}, column ${column})`;
    }
    if (text.trim() === '') message = 'Empty input: enter a JSON value, e.g. {}';
    return { ok: false, message };
  }
}

/** The test cases of each state machine in a mock config (empty when the config is not usable). Pure. */
export function mockMachines(cfg: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const machines = (cfg as { StateMachines?: unknown } | undefined)?.StateMachines;
  if (!machines || typeof machines !== 'object') return out;
  for (const [name, m] of Object.entries(machines as Record<string, unknown>)) {
    const tcs = (m as { TestCases?: unknown } | undefined)?.TestCases;
    out[name] = tcs && typeof tcs === 'object' ? Object.keys(tcs) : [];
  }
  return out;
}
