import type { IssuedSession } from '../../src-main/demo-org';
import { secretsSignedInTo, syncNow } from '../support/connected-core';
import { admin } from '../support/demo-org-admin';
import { FakeClock } from '../support/fake-clock';
import { createTestCore } from '../support/test-core';
import { startProfiler } from './cpu-profile';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

/** The benchmark's demo org: its URL and a session for the plain client. */
export interface BenchOrg {
  url: string;
  issued: IssuedSession;
}

/** One initial import into a fresh cache, as the sync bench measures it. */
export interface MeasuredImport {
  ms: number;
  apiCalls: number;
  /** RSS after a GC right before the import, and the most seen while it ran. */
  rssStart: number;
  rssPeak: number;
  /** The core that imported, signed in and idle, for what the bench measures next. */
  core: TestCore;
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Samples RSS every 50 ms until stopped; returns the peak seen. */
function sampleRss(): () => number {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage.rss());
  };
}

/**
 * Signs a fresh core in to the org and runs its initial import ("Sync now"), timed, with this
 * process's RSS sampled. `prepare` chooses how it imports (its settings). With
 * SYNC_BENCH_PROFILE=<file> the import is CPU-profiled into that file.
 */
export async function measureImport(
  org: BenchOrg,
  prepare: (core: TestCore) => unknown,
): Promise<MeasuredImport> {
  const issued = (await admin(org.url, 'POST', 'sessions', {
    refreshToken: true,
  })) as IssuedSession;
  const secrets = await secretsSignedInTo(org.url, issued);
  const core = await createTestCore({ secretStore: secrets, clock: new FakeClock() });
  await prepare(core);
  gc();
  const rssStart = process.memoryUsage.rss();
  const stopSampling = sampleRss();
  const profiler = await startProfiler('SYNC_BENCH_PROFILE');
  const start = performance.now();
  const imported = await syncNow(core);
  const ms = performance.now() - start;
  const rssPeak = stopSampling();
  await profiler?.();
  if (imported.state !== 'idle') throw new Error(`import failed: ${imported.message}`);
  return { ms, apiCalls: imported.lastRun?.apiCalls ?? 0, rssStart, rssPeak, core };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** An import's figure lines: label, value with its unit, target. */
export function importFigures(
  way: string,
  leads: number,
  measured: MeasuredImport,
  plainMs: number,
): [string, string, string][] {
  return [
    [`Initial import by ${way}`, `${(measured.ms / 1000).toFixed(2)} s`, ''],
    [
      `Import by ${way} / plain client`,
      `${(measured.ms / plainMs).toFixed(2)} ×`,
      way === 'REST' ? '≤ 1.2 ×' : '',
    ],
    [
      `Peak RSS above start, ${way}`,
      `${mb(measured.rssPeak - measured.rssStart)} (start ${mb(measured.rssStart)})`,
      '≤ 64 MB',
    ],
    [
      `Leads per second, ${way}`,
      `${Math.round(leads / (measured.ms / 1000)).toLocaleString('en-US')} leads/s`,
      '',
    ],
    [`API calls of the import by ${way}`, `${measured.apiCalls} calls`, ''],
  ];
}
