/**
 * A deterministic, diverse pick of real-world definitions from ../shared/corpus/defs for the import tests:
 * one for each feature below (first by file name), then evenly spaced others, 10 in all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { allStates, CORPUS_DIR, type AslMachine, type AslState } from './fixtures';

export interface CorpusDef {
  file: string;
  name: string;
  text: string;
  def: AslMachine;
}

const FEATURES: [string, (states: AslState[], def: AslMachine) => boolean][] = [
  ['Parallel', (s) => s.some((x) => x.Type === 'Parallel')],
  ['Map (ItemProcessor)', (s) => s.some((x) => x.Type === 'Map' && !!x.ItemProcessor)],
  ['Map (Iterator)', (s) => s.some((x) => x.Type === 'Map' && !!x.Iterator)],
  ['Choice', (s) => s.some((x) => x.Type === 'Choice')],
  ['Catch', (s) => s.some((x) => Array.isArray(x.Catch))],
  ['Wait', (s) => s.some((x) => x.Type === 'Wait')],
  ['JSONata', (_s, d) => d.QueryLanguage === 'JSONata'],
  ['Parallel + Map + Choice', (s) => ['Parallel', 'Map', 'Choice'].every((t) => s.some((x) => x.Type === t))],
];

function statesOf(def: AslMachine): AslState[] {
  return allStates(def).map((s) => s.state);
}

/** Up to `count` definitions; [] when ../shared/corpus is not beside the checkout. */
export function pickCorpus(count = 10): CorpusDef[] {
  if (!fs.existsSync(CORPUS_DIR)) return [];
  const eligible: CorpusDef[] = [];
  for (const name of fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const file = path.join(CORPUS_DIR, name);
    const text = fs.readFileSync(file, 'utf8');
    let def: AslMachine;
    try {
      def = JSON.parse(text) as AslMachine;
    } catch {
      continue;
    }
    const states = allStates(def);
    // Names unique across scopes (a node id is a state name), and small enough to be all on screen.
    if (states.length < 3 || states.length > 30) continue;
    if (new Set(states.map((s) => s.name)).size !== states.length) continue;
    eligible.push({ file, name, text, def });
  }
  const picked: CorpusDef[] = [];
  for (const [, has] of FEATURES) {
    const hit = eligible.find((c) => !picked.includes(c) && has(statesOf(c.def), c.def));
    if (hit && picked.length < count) picked.push(hit);
  }
  const rest = eligible.filter((c) => !picked.includes(c));
  const need = count - picked.length;
  for (let i = 0; i < need && rest.length > 0; i++) {
    picked.push(rest[Math.floor((i * rest.length) / need)]);
  }
  return picked;
}
