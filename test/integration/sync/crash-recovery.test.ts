import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src-preload/contract';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { seededRandom } from '../../../src-main/demo-org/prng';
import { readCacheFile, type CacheSnapshot } from '../../support/cache-snapshot';
import { answerConsent } from '../../support/demo-consent';
import {
  ensureHeadlessBuild,
  spawnHeadless,
  type HeadlessProcess,
} from '../../support/headless-process';
import { cacheMismatches, eventMismatches, LeadLedger } from '../../support/lead-ledger';
import { readOrgLeads } from '../../support/org-leads';
import { makeTempDirectory } from '../../support/temp-directory';
import { sleep, until } from '../../support/poll-until';

// The built headless host, SIGKILLed at seeded random points of its initial import and of an
// incremental sync, restarted on the same data directory each time. Set LEADBRIDGE_CRASH_SEED
// to replay a failing run.
const SEED = process.env.LEADBRIDGE_CRASH_SEED ?? 'crash-recovery-1';
const LEADS = 20_000;
const IMPORT_KILLS = 3;

const temp = makeTempDirectory('lb-crash');
const dataDirectory = path.join(temp.path, 'data');
const random = seededRandom(SEED);
let org: DemoOrgHandle;
let host: HeadlessProcess | undefined;
const timeline: string[] = [];

beforeAll(async () => {
  ensureHeadlessBuild();
  org = await startDemoOrg({ leads: LEADS, seed: 'crash-recovery' });
}, 120_000);

afterAll(async () => {
  await host?.kill('SIGKILL');
  await org?.close();
  temp.remove();
});

const launch = () =>
  spawnHeadless({
    dataDirectory,
    secretsKeyFile: path.join(temp.path, 'secrets.key'),
    token: 'crash-recovery-token-0123456789',
    demoOrgUrl: org.url,
  });

/**
 * SIGKILLs the host once its sync has committed `pages` pages of `phase` (as its status says),
 * plus a random moment more: the kill lands mid-request, mid-commit or between pages.
 */
async function killAt(
  running: HeadlessProcess,
  phase: 'import' | 'incremental',
  pages: number,
  label: string,
): Promise<void> {
  await until(`${phase} page ${pages}`, async () => {
    const progress = (await status(running)).progress;
    return progress?.phase === phase && progress.pages >= pages ? true : undefined;
  });
  const delay = Math.floor(random() * 250);
  await sleep(delay);
  timeline.push(`${label}: SIGKILL after ${phase} page ${pages} + ${delay} ms`);
  expect(await running.kill('SIGKILL')).toBe('SIGKILL');
}

const snapshot = (): CacheSnapshot => readCacheFile(path.join(dataDirectory, 'leadbridge.db'));

/** The import queries (first pages, not cursors) the org has answered since it was cleared. */
const importQueries = () =>
  org
    .requests()
    .filter((r) => r.path.endsWith('/query') && r.query.includes('ORDER%20BY%20Id'))
    .map((r) => decodeURIComponent(r.query));

/** The last Lead the cache committed: Ids sort as the import's ORDER BY Id does. */
const lastCachedId = (cache: CacheSnapshot) => [...cache.leads.keys()].sort().at(-1);

async function status(running: HeadlessProcess): Promise<SyncStatus> {
  return running.call<SyncStatus>('sync:status');
}

describe(`crash recovery of the built headless host (seed ${SEED})`, () => {
  it('loses and repeats nothing across SIGKILLs during the import and an incremental sync', async () => {
    const ledger = new LeadLedger(org, `${SEED}-edits`);
    const absorbed = new Set<string>();
    // Every page waits a little, so an import spans long enough to be killed in the middle.
    org.injectFault('slow', { ratio: 1, ms: 40, match: '/query' });

    host = await launch();
    const { authorizeUrl } = await host.call<{ authorizeUrl: string }>('connection:connect', {
      org: 'demo',
    });
    const callback = new URL(await answerConsent(authorizeUrl, 'allow'));
    const landed = await fetch(`${host.origin}${callback.pathname}${callback.search}`);
    expect(landed.ok).toBe(true);
    // Connecting starts the first sync by itself.

    let committedPages = 0;
    /** What the import query of the host's next life must say. */
    let resumeAfter = 'FROM Lead ORDER BY Id';
    for (let kill = 1; kill <= IMPORT_KILLS; kill += 1) {
      const target = committedPages + 1 + Math.floor(random() * 2);
      await killAt(host, 'import', target, `import kill ${kill}`);
      const cache = snapshot();
      committedPages = (cache.syncState.get('import') as { pages: number } | undefined)?.pages ?? 0;
      expect(cache.integrity).toBe('ok');
      expect(cache.syncState.has('watermark'), 'the import finished before the kill').toBe(false);
      timeline.push(`  cache then: ${cache.leads.size} leads`);
      // This life of the host began its import after the lead the previous one committed last.
      expect(importQueries()[0], timeline.join('\n')).toContain(resumeAfter);
      resumeAfter = `FROM Lead WHERE Id > '${lastCachedId(cache)}' ORDER BY Id`;

      // While the host is down, the org changes: leads it already had (these owe events) and
      // leads its import has not reached (these join the baseline).
      const inOrg = [...(await readOrgLeads(org, ['Id'])).keys()];
      const had = ledger.untouched([...cache.leads.keys()], Math.min(40, cache.leads.size));
      for (const id of had.slice(0, 30)) ledger.edit(id);
      for (const id of had.slice(30, 35)) await ledger.patch(id);
      for (const id of had.slice(35)) ledger.remove(id);
      const ahead = ledger.untouched(
        inOrg.filter((id) => !cache.leads.has(id)),
        20,
      );
      for (const id of ahead.slice(0, 15)) ledger.edit(id);
      for (const id of ahead.slice(15)) ledger.remove(id);
      absorbed.add(await ledger.create());
      for (const id of ahead) absorbed.add(id);

      // Restarting resumes the import on its own: no sync has completed yet.
      org.clearRequests();
      host = await launch();
    }

    const imported = await until('the import to finish', async () => {
      const current = await status(host!);
      return current.state === 'idle' && current.lastRun ? current : undefined;
    });
    timeline.push(`import done: ${imported.cachedLeads} leads`);
    // The last life resumed where the one before stopped, and nothing was imported twice.
    expect(importQueries()).toEqual([expect.stringContaining(resumeAfter)]);

    // Incremental pages come slowly enough that the kill below lands inside the sync.
    org.clearFaults();
    org.injectFault('slow', { ratio: 1, ms: 1500, match: '/query' });

    // Enough edits for three incremental pages; the host dies on the way through them.
    const pool = [...(await readOrgLeads(org, ['Id'])).keys()];
    for (const id of ledger.untouched(pool, 5000)) ledger.edit(id);
    await host.call('sync:now');
    await killAt(host, 'incremental', 1 + Math.floor(random() * 2), 'incremental kill');
    const interrupted = snapshot();
    expect(interrupted.integrity).toBe('ok');
    expect(
      (await cacheMismatches(interrupted, org)).length,
      'the kill interrupted the incremental sync',
    ).toBeGreaterThan(0);
    for (const id of ledger.untouched(pool, 300)) ledger.edit(id);
    for (const id of ledger.untouched(pool, 10)) ledger.remove(id);
    for (let i = 0; i < 5; i += 1) await ledger.create();

    host = await launch();
    org.clearFaults();
    const settle = async () => {
      await host!.call('sync:now');
      return until('the sync to finish', async () => {
        const current = await status(host!);
        return current.state === 'idle' && current.progress === null ? current : undefined;
      });
    };
    await settle();
    const last = await settle();
    expect(last.lastRun?.records, 'a second sync found more to do').toBe(0);
    expect(await host.kill('SIGTERM')).toBe('0');
    host = undefined;

    const cache = snapshot();
    expect(cache.integrity).toBe('ok');
    expect(await cacheMismatches(cache, org), timeline.join('\n')).toEqual([]);
    const owed = ledger.expected.filter((event) => !absorbed.has(event.leadId));
    expect(eventMismatches(cache.changes, owed), timeline.join('\n')).toEqual([]);
    expect(owed.length).toBeGreaterThan(5000);
    const keys = cache.changes.map((c) => `${c.leadId} ${c.systemModstamp} ${c.kind} ${c.field}`);
    expect(new Set(keys).size).toBe(keys.length);
    if (process.env.LEADBRIDGE_CRASH_VERBOSE) console.log(timeline.join('\n'));
  }, 150_000);
});
