import type { RunStatus, StateRunStatus } from './run-store';
import type { VisitStatus } from './fold-history';

/** Human label of an execution status (as the role="status" element shows it). */
export const RUN_STATUS_LABEL: Record<RunStatus, string> = {
  NOT_STARTED: 'Not started',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  TIMED_OUT: 'Timed out',
  ABORTED: 'Aborted',
};

/** Human label of a state / visit status. */
export const STATE_STATUS_LABEL: Record<StateRunStatus | VisitStatus, string> = {
  idle: 'Not reached',
  running: 'In progress',
  retrying: 'Retrying',
  succeeded: 'Succeeded',
  failed: 'Failed',
  caught: 'Caught',
  aborted: 'Aborted',
};

/** CSS tone of an execution status (matches the state colours). */
export function runTone(s: RunStatus): string {
  switch (s) {
    case 'RUNNING':
      return 'running';
    case 'SUCCEEDED':
      return 'succeeded';
    case 'FAILED':
    case 'TIMED_OUT':
      return 'failed';
    case 'ABORTED':
      return 'aborted';
    case 'NOT_STARTED':
      return 'idle';
  }
}

const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** A count with thousands separators ("70,008"); one shared formatter (Number#toLocaleString builds one per call). */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}
