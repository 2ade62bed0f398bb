// Benchmark: how soon an edit made in Salesforce shows in Leadbridge's log through Change Data
// Capture, and what stream-triggered syncs spend of the org's API allowance. Run with
// `npm run bench:streaming` (under 3 minutes). Prints figures; it is not a timed test.
//
// The demo org runs in a child process; edits go through its admin API as a user's would.
// Leadbridge runs on the real clock, so its pacing (500 ms quiet, 2 s at most, one stream
// sync per 8.64 s at most) is part of what is measured. Latency: from just before the edit
// is sent to the `lead.changed` entry. API calls are the org's own count.
import type { IssuedSession } from '../../src-main/demo-org';
import { secretsSignedInTo, syncNow } from '../support/connected-core';
import { createTestCore } from '../support/test-core';
import { printFigures } from './figure-table';
import { admin } from '../support/demo-org-admin';
import { startOrgProcess } from './org-process';

const LEADS = 1_000;
const LONE_EDITS = 3;
/** Longer than the pacing interval, so each edit is alone. */
const LONE_PAUSE_MS = 10_000;
const BURST_EDITS = 50;
const BURST_SPACING_MS = 200;
const TRICKLE_EDITS = 20;
const TRICKLE_SPACING_MS = 5_000;
const POLL_MINUTES = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const org = await startOrgProcess(LEADS, 'streaming-bench');
  try {
    const issued = (await admin(org.url, 'POST', 'sessions', {
      refreshToken: true,
    })) as IssuedSession;
    const core = await createTestCore({ secretStore: await secretsSignedInTo(org.url, issued) });
    try {
      const live = new Promise<void>((resolve) =>
        core.log.onAppended((entry) => entry.kind === 'sync.streaming-started' && resolve()),
      );
      await syncNow(core);
      await Promise.race([
        live,
        sleep(10_000).then(() => Promise.reject(new Error('the stream did not start'))),
      ]);

      /** Resolves when the lead's score change is in the log, with the time it took. */
      const seen = new Map<string, (at: number) => void>();
      core.log.onAppended((entry) => {
        if (
          entry.kind === 'lead.changed' &&
          entry.subject &&
          entry.details.field === 'Lead_Score__c'
        )
          seen.get(entry.subject)?.(performance.now());
      });
      let score = 10_000;
      const edit = async (id: string): Promise<number> => {
        const arrived = new Promise<number>((resolve) => seen.set(id, resolve));
        const sent = performance.now();
        // A score no seeded lead has, so every edit is a change.
        await admin(org.url, 'PATCH', `sobjects/Lead/${id}`, { Lead_Score__c: (score += 1) });
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`the edit of ${id} never arrived`)), 30_000);
        });
        try {
          return (await Promise.race([arrived, timeout])) - sent;
        } finally {
          clearTimeout(timer);
        }
      };
      /** Edits `ids` `spacingMs` apart without waiting for each to arrive. */
      const editsApart = (ids: string[], spacingMs: number) =>
        Promise.all(
          ids.map(async (id, i) => {
            await sleep(i * spacingMs);
            return edit(id);
          }),
        );
      const apiUsage = async () =>
        ((await admin(org.url, 'GET', 'settings')) as { apiUsage: number }).apiUsage;
      const syncsSoFar = () => core.log.list({ limit: 1, kinds: ['sync.completed'] }).total;

      const ids = core.leads
        .search('', LONE_EDITS + BURST_EDITS + TRICKLE_EDITS, 0)
        .leads.map((l) => l.id);
      const loneIds = ids.slice(0, LONE_EDITS);
      const burstIds = ids.slice(LONE_EDITS, LONE_EDITS + BURST_EDITS);
      const trickleIds = ids.slice(LONE_EDITS + BURST_EDITS);

      const lone: number[] = [];
      for (const id of loneIds) {
        await sleep(LONE_PAUSE_MS);
        lone.push(await edit(id));
      }

      await sleep(LONE_PAUSE_MS);
      const syncsBeforeBurst = syncsSoFar();
      const burst = await editsApart(burstIds, BURST_SPACING_MS);
      // Edits are in the log before their sync completes: let it finish before counting.
      await core.sync.idle();
      const burstSyncs = syncsSoFar() - syncsBeforeBurst;

      // Right after the burst: a trickle that has been going on for a while. Calls are the
      // org's count; the hourly rate is from the spacing of the trickle's sync starts (n syncs
      // span n - 1 intervals), so the window's two edges neither inflate nor flatter it.
      const trickleStart = new Date().toISOString();
      const callsBefore = await apiUsage();
      const trickle = await editsApart(trickleIds, TRICKLE_SPACING_MS);
      await core.sync.idle();
      const trickleCalls = (await apiUsage()) - callsBefore;
      const syncTimes = core.log
        .list({ limit: 100, kinds: ['sync.completed'] })
        .entries.filter((entry) => entry.time >= trickleStart)
        .map((entry) => Date.parse(entry.time) - Number(entry.details.durationMs))
        .sort((a, b) => a - b);
      const meanIntervalMs = (syncTimes.at(-1)! - syncTimes[0]!) / (syncTimes.length - 1);
      const callsPerSync = trickleCalls / syncTimes.length;
      const callsPerHour = (3_600_000 / meanIntervalMs) * callsPerSync;

      const pollMean = (POLL_MINUTES * 60_000) / 2;
      printFigures(
        `Node ${process.version}, ${LEADS.toLocaleString('en-US')} leads, demo org in a child process; edit → lead.changed through /data/LeadChangeEvent`,
        [
          [
            `Lone edit (${LONE_EDITS}, ${LONE_PAUSE_MS / 1000} s apart), median`,
            seconds(percentile(lone, 50)),
            '≈ 1 s',
          ],
          [
            `Burst (${BURST_EDITS} edits ${BURST_SPACING_MS} ms apart), median`,
            seconds(percentile(burst, 50)),
            '',
          ],
          [`Burst, p95`, seconds(percentile(burst, 95)), ''],
          [`Burst, syncs`, `${burstSyncs} syncs`, ''],
          [
            `Steady trickle (one edit / ${TRICKLE_SPACING_MS / 1000} s, ${TRICKLE_EDITS} edits), median`,
            seconds(percentile(trickle, 50)),
            '≤ 5 s',
          ],
          [`Steady trickle, p95`, seconds(percentile(trickle, 95)), ''],
          [
            `Steady trickle, API calls measured`,
            `${trickleCalls} calls, ${syncTimes.length} syncs`,
            '1 call a sync',
          ],
          ['Steady trickle, mean interval between syncs', seconds(meanIntervalMs), '≥ 8.64 s'],
          [
            `Steady trickle, API calls per hour`,
            `${callsPerHour.toFixed(1)} calls/h`,
            '≤ 417 calls/h (10 % of 100,000 a day)',
          ],
          [
            `Steady trickle, API calls per day (× 24)`,
            `${Math.round(callsPerHour * 24)} calls/day`,
            '≤ 10,000',
          ],
          [`Polling alone (every ${POLL_MINUTES} min), mean`, seconds(pollMean), ''],
        ],
      );
    } finally {
      core.dispose();
    }
  } finally {
    await org.stop();
  }
}

await main();
