import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src-preload/contract';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { seededRandom } from '../../../src-main/demo-org/prng';
import { readCacheFile } from '../../support/cache-snapshot';
import { answerConsent } from '../../support/demo-consent';
import {
  ensureHeadlessBuild,
  spawnHeadless,
  type HeadlessProcess,
} from '../../support/headless-process';
import { cacheMismatches } from '../../support/lead-ledger';
import { makeTempDirectory } from '../../support/temp-directory';
import { sleep, until } from '../../support/poll-until';

// The built headless host, SIGKILLed while its initial import reads a Bulk API 2.0 query job's
// result sets, restarted on the same data directory: it goes on with the same job from the
// locator it committed last. Set LEADBRIDGE_CRASH_SEED to replay a failing run.
const SEED = process.env.LEADBRIDGE_CRASH_SEED ?? 'bulk-crash-recovery-1';
/** Eight result sets of 5,000 (the import's maxRecords). */
const LEADS = 40_000;
const SET = 5_000;
const SETS = LEADS / SET;

const temp = makeTempDirectory('lb-bulk-crash');
const dataDirectory = path.join(temp.path, 'data');
const random = seededRandom(SEED);
let org: DemoOrgHandle;
let host: HeadlessProcess | undefined;

beforeAll(async () => {
  ensureHeadlessBuild();
  org = await startDemoOrg({ leads: LEADS, seed: 'bulk-crash-recovery' });
}, 240_000);

afterAll(async () => {
  await host?.kill('SIGKILL');
  await org?.close();
  temp.remove();
});

const launch = () =>
  spawnHeadless({
    dataDirectory,
    secretsKeyFile: path.join(temp.path, 'secrets.key'),
    token: 'bulk-crash-recovery-token-0123456789',
    demoOrgUrl: org.url,
  });

const status = (running: HeadlessProcess) => running.call<SyncStatus>('sync:status');

interface BulkCursor {
  jobId: string;
  locator: string | null;
  finished: boolean;
}

/**
 * The result-set requests the org has logged since it was cleared, begun at `since` or later:
 * job and locator. The org logs a request when its connection closes, so one the killed host
 * left in flight may be logged after the kill, among the next life's.
 */
const resultSetReads = (since = 0) =>
  org
    .requests()
    .filter((r) => r.method === 'GET' && r.path.endsWith('/results') && Date.parse(r.time) >= since)
    .map((r) => ({
      job: r.path.split('/').at(-2),
      locator: new URLSearchParams(r.query).get('locator'),
      status: r.status,
    }));
const jobsCreated = () =>
  org.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/jobs/query'));

describe(`crash recovery of a Bulk API 2.0 import in the built headless host (seed ${SEED})`, () => {
  it('resumes at the committed locator of the same job, fetching no committed set again, and ends equal to the org', async () => {
    // Every result set waits a little, so the kill can land mid-request or mid-commit.
    org.injectFault('slow', { ratio: 1, ms: 400, match: '/results' });
    host = await launch();
    await host.call('settings:update', { bulkImportThreshold: 1_000 });
    const { authorizeUrl } = await host.call<{ authorizeUrl: string }>('connection:connect', {
      org: 'demo',
    });
    const callback = new URL(await answerConsent(authorizeUrl, 'allow'));
    expect((await fetch(`${host.origin}${callback.pathname}${callback.search}`)).ok).toBe(true);

    const target = 1 + Math.floor(random() * 2);
    await until(`import page ${target}`, async () => {
      const progress = (await status(host!)).progress;
      return progress?.phase === 'import' && progress.pages >= target ? true : undefined;
    });
    await sleep(Math.floor(random() * 400));
    expect(await host.kill('SIGKILL')).toBe('SIGKILL');
    const firstLife = resultSetReads();
    expect(jobsCreated()).toHaveLength(1);

    const cache = readCacheFile(path.join(dataDirectory, 'leadbridge.db'));
    expect(cache.integrity).toBe('ok');
    const saved = cache.syncState.get('import') as { pages: number; bulk: BulkCursor };
    expect(saved.bulk.finished).toBe(false);
    expect(saved.pages).toBeGreaterThanOrEqual(target);
    expect(saved.pages).toBeLessThan(SETS);
    expect(cache.leads.size).toBe(saved.pages * SET);
    /** Locators of sets already in the cache: null (the first), then each one read after it. */
    const committed = firstLife.slice(0, saved.pages).map((read) => read.locator);

    org.clearRequests();
    const relaunched = Date.now();
    host = await launch();
    await until('the import to finish', async () => {
      const current = await status(host!);
      return current.state === 'idle' && current.lastRun ? current : undefined;
    });
    const secondLife = resultSetReads(relaunched);
    // The same job, no new one; the first read is the locator committed last; no set twice.
    expect(jobsCreated()).toHaveLength(0);
    expect(secondLife.every((read) => read.job === saved.bulk.jobId)).toBe(true);
    expect(secondLife[0]?.locator).toBe(saved.bulk.locator);
    expect(secondLife).toHaveLength(SETS - saved.pages);
    for (const read of secondLife) expect(committed).not.toContain(read.locator);

    expect(await host.kill('SIGTERM')).toBe('0');
    host = undefined;
    const imported = readCacheFile(path.join(dataDirectory, 'leadbridge.db'));
    expect(imported.integrity).toBe('ok');
    expect(imported.syncState.has('import')).toBe(false);
    expect(await cacheMismatches(imported, org)).toEqual([]);
  }, 240_000);
});
