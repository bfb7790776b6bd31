/**
 * Places the validator's diagnostics of the selected state under the form field they point to (by their JSON path),
 * or at the top of the inspector when no field shows that part of the state. Pure.
 */
import { RETRIER_FIELDS, CATCHER_FIELDS, type Diagnostic, type JsonPath, type TextRange } from '@asl-studio/asl';
import { stateOfPath } from '../canvas/graph-cache';
import { tabOfField, type InspectorTab, type StateView } from './model';

/** Where a diagnostic shows: a field anchor (see {@link anchorKey}) on a tab. */
export interface DiagnosticPlace {
  anchor: string;
  tab: InspectorTab;
}

/** The key of a field anchor: its path inside the state joined with "/" (`"Retry/0/MaxAttempts"`, `"Next"`). */
export function anchorKey(rel: JsonPath): string {
  return rel.join('/');
}

/** The Retrier / Catcher fields the form shows (a Catcher's ResultPath in JSONPath, Output in JSONata). */
function itemFields(list: 'Retry' | 'Catch', lang: StateView['lang']): readonly string[] {
  return list === 'Retry' ? RETRIER_FIELDS : [...CATCHER_FIELDS.common, ...CATCHER_FIELDS[lang]];
}

/**
 * The field a diagnostic at `rel` (its path relative to the state) belongs to, or undefined (shown at the top):
 * - a Retrier / Catcher field the form shows → `Retry/<i>/<field>`, anything else in that item → `Retry/<i>`;
 * - a Choice rule's Next → `Choices/<i>/Next`, the rest of the rule → `Choices/<i>` (its condition);
 * - a Map's ItemProcessor.ProcessorConfig → `ProcessorConfig`; Parallel branches → `Branches`;
 * - any other field the form shows for this type and query language → its name (values inside it included).
 */
export function placeOf(rel: JsonPath, view: Pick<StateView, 'type' | 'lang'>): DiagnosticPlace | undefined {
  const field = rel[0];
  if (typeof field !== 'string') return undefined;
  const tab = tabOfField(view.type, view.lang, field);
  if (!tab) return undefined;
  const index = rel[1];
  if ((field === 'Retry' || field === 'Catch') && typeof index === 'number') {
    const sub = rel[2];
    const known = typeof sub === 'string' && itemFields(field, view.lang).includes(sub);
    return { anchor: anchorKey(known ? [field, index, sub] : [field, index]), tab };
  }
  if (field === 'Choices' && typeof index === 'number') {
    return { anchor: anchorKey(rel[2] === 'Next' ? [field, index, 'Next'] : [field, index]), tab };
  }
  if (field === 'ItemProcessor' || field === 'Iterator') {
    return rel[1] === 'ProcessorConfig' ? { anchor: 'ProcessorConfig', tab } : undefined;
  }
  return { anchor: field, tab };
}

/** The diagnostics of the selected state, grouped for the form. */
export interface GroupedDiagnostics {
  /** Field anchor → its diagnostics. */
  byAnchor: Record<string, Diagnostic[]>;
  /** Diagnostics no field shows (the state as a whole, unknown fields, …). */
  top: Diagnostic[];
  /** Number of errors and warnings per tab, for the tab badges. */
  perTab: Partial<Record<InspectorTab, number>>;
}

function startsWith(path: readonly (string | number)[], prefix: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/**
 * Groups the diagnostics belonging to the selected state (not to states nested in it): those with a path under the
 * state's path, plus path-less ones whose range lies inside `stateRange`. Pure.
 */
export function groupDiagnostics(
  diagnostics: readonly Diagnostic[],
  view: Pick<StateView, 'name' | 'path' | 'type' | 'lang'>,
  stateRange?: TextRange,
): GroupedDiagnostics {
  const out: GroupedDiagnostics = { byAnchor: {}, top: [], perTab: {} };
  for (const d of diagnostics) {
    if (d.path) {
      if (!startsWith(d.path, view.path) || stateOfPath(d.path) !== view.name) continue;
      const place = placeOf(d.path.slice(view.path.length), view);
      if (place) {
        (out.byAnchor[place.anchor] ??= []).push(d);
        out.perTab[place.tab] = (out.perTab[place.tab] ?? 0) + 1;
      } else out.top.push(d);
    } else if (stateRange && d.range.offset >= stateRange.offset && d.range.offset < stateRange.offset + stateRange.length) {
      out.top.push(d);
    }
  }
  return out;
}
