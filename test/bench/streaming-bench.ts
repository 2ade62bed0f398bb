// Benchmark: how soon an edit made in Salesforce shows in Leadbridge's log through Change Data
// Capture, against the 5-minute poll. Run with `npm run bench:streaming`. Prints figures; it
// is not a timed test.
//
// The demo org runs in a child process; edits go through its admin API as a user's would.
// Leadbridge runs on the real clock, so its debounce (500 ms quiet, 2 s at most) is part of
// what is measured. Latency: from just before the edit is sent to the `lead.changed` entry.
import type { IssuedSession } from '../../src-main/demo-org';
import { secretsSignedInTo, syncNow } from '../support/connected-core';
import { createTestCore } from '../support/test-core';
import { admin, startOrgProcess } from './org-process';

const LEADS = 1_000;
const BURST_EDITS = 50;
const BURST_SPACING_MS = 200;
const SINGLE_EDITS = 20;
const SINGLE_PAUSE_MS = 1_000;
const POLL_MINUTES = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const ms = (value: number) => `${Math.round(value)} ms`;
  return `median ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, max ${ms(sorted.at(-1)!)}`;
}

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

      const ids = core.leads.search('', BURST_EDITS + SINGLE_EDITS, 0).leads.map((l) => l.id);
      const syncsBefore = core.log.list({ limit: 1, kinds: ['sync.completed'] }).total;
      const burst = await Promise.all(
        ids.slice(0, BURST_EDITS).map(async (id, i) => {
          await sleep(i * BURST_SPACING_MS);
          return edit(id);
        }),
      );
      const burstSyncs = core.log.list({ limit: 1, kinds: ['sync.completed'] }).total - syncsBefore;

      const single: number[] = [];
      for (const id of ids.slice(BURST_EDITS)) {
        single.push(await edit(id));
        await sleep(SINGLE_PAUSE_MS);
      }

      const pollMean = (POLL_MINUTES * 60_000) / 2;
      process.stdout.write(
        [
          `Node ${process.version}, ${LEADS.toLocaleString('en-US')} leads, demo org in a child process`,
          `Edit → lead.changed in the log, through /data/LeadChangeEvent:`,
          `  ${BURST_EDITS} edits ${BURST_SPACING_MS} ms apart   ${summary(burst)}  (${burstSyncs} syncs)`,
          `  ${SINGLE_EDITS} edits one at a time  ${summary(single)}`,
          `Polling alone (every ${POLL_MINUTES} min): mean ${pollMean / 1000} s, worst ${POLL_MINUTES * 60} s`,
          '',
        ].join('\n'),
      );
    } finally {
      core.dispose();
    }
  } finally {
    await org.stop();
  }
}

await main();
