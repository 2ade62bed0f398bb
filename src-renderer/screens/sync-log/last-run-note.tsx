import type { SyncRun } from '../../../src-preload/contract';
import { formatDuration } from '../../format/format-duration';
import { plural } from '../../format/plural';

/** "took 2.4 s · 1,000 records · 3 changes · 12 API calls" */
export function lastRunNote(run: SyncRun): string {
  return [
    `took ${formatDuration(run.durationMs)}`,
    plural(run.records, 'record'),
    plural(run.changes, 'change'),
    plural(run.apiCalls, 'API call'),
  ].join(' · ');
}
