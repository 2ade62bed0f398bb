// The initial import by Bulk API 2.0, for the sync benchmark (`npm run bench:sync`): a fresh core
// signed in to the same demo org process imports every Lead as one Bulk query job, on the system
// clock (the job is polled as against a real org). The bench prints the rows returned.
import { BULK_IMPORT_THRESHOLD_MIN } from '../../src-preload/contract';
import { syncNow } from '../support/connected-core';
import { admin } from '../support/demo-org-admin';
import { startProfiler } from './cpu-profile';
import { signedInCore } from './signed-in-core';

interface LoggedRequest {
  method: string;
  path: string;
}

export interface BulkImportRun {
  /** The demo org process the REST import and the plain client read. */
  orgUrl: string;
  leads: number;
  /** The plain client's time for every REST page of the same data, in ms. */
  plainMs: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * Imports by Bulk API 2.0 and returns the figures: [label, value with unit, target]. With
 * BULK_BENCH_PROFILE=<file> the import is CPU-profiled into that file.
 */
export async function runBulkImportFigures(
  run: BulkImportRun,
): Promise<[label: string, value: string, target: string][]> {
  const { core } = await signedInCore(run.orgUrl);
  try {
    await core.handlers['settings:update']({ bulkImportThreshold: BULK_IMPORT_THRESHOLD_MIN });
    await admin(run.orgUrl, 'DELETE', 'requests');
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    let peak = before.rss;
    let heapPeak = before.heapUsed;
    const sample = () => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.rss);
      heapPeak = Math.max(heapPeak, now.heapUsed);
    };
    const sampler = setInterval(sample, 50);
    const profiler = await startProfiler('BULK_BENCH_PROFILE');
    const start = performance.now();
    const imported = await syncNow(core);
    const ms = performance.now() - start;
    clearInterval(sampler);
    await profiler?.();
    sample();
    if (imported.state !== 'idle') throw new Error(`Bulk import failed: ${imported.message}`);
    if (imported.cachedLeads !== run.leads)
      throw new Error('the Bulk import did not cache every Lead');
    // Every call the org logged (the describe, the count, the job, its sets): the sync status
    // may already report a follow-up incremental run.
    const { requests } = (await admin(run.orgUrl, 'GET', 'requests')) as {
      requests: LoggedRequest[];
    };
    const sets = requests.filter((r) => r.method === 'GET' && r.path.endsWith('/results')).length;
    const polls = requests.filter(
      (r) => r.method === 'GET' && /\/jobs\/query\/[^/]+$/.test(r.path),
    ).length;
    return [
      [
        'Initial import by Bulk API 2.0',
        `${seconds(ms)} (${Math.round(run.leads / (ms / 1000)).toLocaleString('en-US')} leads/s)`,
        '',
      ],
      [
        'Bulk import API calls',
        `${requests.length} (${sets} result sets, ${polls} job state checks)`,
        '',
      ],
      ['Bulk import / plain paging', (ms / run.plainMs).toFixed(2), ''],
      [
        'Peak RSS above start during Bulk import',
        `${mb(peak - before.rss)} (JS heap used: peak ${mb(heapPeak - before.heapUsed)} above start)`,
        '≤ 64 MB',
      ],
    ];
  } finally {
    core.dispose();
  }
}
