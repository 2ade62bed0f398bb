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
  /** JS heap in use after a GC right before the import, the most seen while it ran, and after a GC once it ended. */
  heap: { start: number; peak: number; after: number };
  /** The core that imported, signed in and idle, for what the bench measures next. */
  core: TestCore;
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Samples RSS and the JS heap in use every 50 ms until stopped; returns the peaks seen. */
function sampleMemory(): () => { rss: number; heap: number } {
  const peak = { rss: 0, heap: 0 };
  const sample = () => {
    peak.rss = Math.max(peak.rss, process.memoryUsage.rss());
    peak.heap = Math.max(peak.heap, process.memoryUsage().heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
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
  const heapStart = process.memoryUsage().heapUsed;
  const stopSampling = sampleMemory();
  const profiler = await startProfiler('SYNC_BENCH_PROFILE');
  const start = performance.now();
  const imported = await syncNow(core);
  const ms = performance.now() - start;
  const peak = stopSampling();
  await profiler?.();
  gc();
  const heap = { start: heapStart, peak: peak.heap, after: process.memoryUsage().heapUsed };
  if (imported.state !== 'idle') throw new Error(`import failed: ${imported.message}`);
  return {
    ms,
    apiCalls: imported.lastRun?.apiCalls ?? 0,
    rssStart,
    rssPeak: peak.rss,
    heap,
    core,
  };
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
      `JS heap in use above start, ${way}`,
      `${mb(measured.heap.peak - measured.heap.start)} at most, ${mb(measured.heap.after - measured.heap.start)} after a GC once done`,
      '',
    ],
    [
      `Leads per second, ${way}`,
      `${Math.round(leads / (measured.ms / 1000)).toLocaleString('en-US')} leads/s`,
      '',
    ],
    [`API calls of the import by ${way}`, `${measured.apiCalls} calls`, ''],
  ];
}
