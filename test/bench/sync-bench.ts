// Benchmark: Leadbridge's initial import of 100,000 leads against plain paging of the same SOQL,
// then what an idle and a busy incremental sync cost. Run with `npm run bench:sync`. Prints
// figures; it is not a timed test.
//
// The demo org runs in a child process, so this process's RSS is Leadbridge's (core, SQLite,
// jsforce) and the org does not compete for its JS thread. Lead is cut down to 20 fields
// through the org's admin schema API before anything syncs: Leadbridge asks for what describe
// reports, exactly as it would in an org with 20 Lead fields.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { IssuedSession } from '../../src-main/demo-org';
import { secretsSignedInTo, syncNow } from '../support/connected-core';
import { admin } from '../support/demo-org-admin';
import { startOrgProcess } from './org-process';
import { startProfiler } from './cpu-profile';
import { FakeClock } from '../support/fake-clock';
import { createTestCore } from '../support/test-core';

const LEADS = 100_000;
const EDITS = 5_000;
/** The 20 Lead fields kept; the five system fields cannot be removed from an org anyway. */
const KEPT = new Set([
  'Id',
  'IsDeleted',
  'CreatedDate',
  'LastModifiedDate',
  'SystemModstamp',
  'FirstName',
  'LastName',
  'Name',
  'Company',
  'Title',
  'Email',
  'Phone',
  'City',
  'State',
  'LeadSource',
  'Status',
  'Industry',
  'Rating',
  'OwnerId',
  'Lead_Score__c',
]);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

interface LoggedRequest {
  path: string;
  query: string;
}

/** Pages through a SOQL query as a plain client would: fetch (keep-alive), parse, follow. */
async function fetchAllPages(url: string, token: string, firstPath: string): Promise<number> {
  let next: string | undefined = firstPath;
  let records = 0;
  while (next) {
    const response = await fetch(`${url}${next}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as { records: unknown[]; nextRecordsUrl?: string };
    records += page.records.length;
    next = page.nextRecordsUrl;
  }
  return records;
}

/** Samples RSS every 50 ms until stopped; returns the peak seen. */
function sampleRss(): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

async function main(): Promise<void> {
  process.stdout.write(`Seeding ${LEADS.toLocaleString('en-US')} leads in a demo org process…\n`);
  const org = await startOrgProcess(LEADS, 'sync-bench');
  try {
    const describe = (await fetch(`${org.url}/services/data/v62.0/sobjects/Lead/describe`, {
      headers: {
        Authorization: `Bearer ${((await admin(org.url, 'POST', 'sessions', {})) as IssuedSession).access_token}`,
      },
    }).then((r) => r.json())) as { fields: { name: string }[] };
    for (const { name } of describe.fields) {
      if (!KEPT.has(name)) await admin(org.url, 'DELETE', `schema/Lead/fields/${name}`);
    }

    const issued = (await admin(org.url, 'POST', 'sessions', {
      refreshToken: true,
    })) as IssuedSession;
    const secrets = await secretsSignedInTo(org.url, issued);
    const core = await createTestCore({ secretStore: secrets, clock: new FakeClock() });
    try {
      await admin(org.url, 'DELETE', 'requests');
      gc();
      const rssBefore = process.memoryUsage().rss;
      const stopSampling = sampleRss();
      // SYNC_BENCH_PROFILE=<file>: the import alone, CPU-profiled.
      const profiler = await startProfiler('SYNC_BENCH_PROFILE');
      const importStart = performance.now();
      const imported = await syncNow(core);
      const importMs = performance.now() - importStart;
      const peakRss = stopSampling();
      await profiler?.();
      if (imported.state !== 'idle') throw new Error(`import failed: ${imported.message}`);

      const { requests } = (await admin(org.url, 'GET', 'requests')) as {
        requests: LoggedRequest[];
      };
      const importQuery = requests.find(
        (r) => r.path.endsWith('/query') && r.query.includes('ORDER%20BY%20Id'),
      );
      if (!importQuery) throw new Error('no import query in the request log');
      const db = new BetterSqlite3(path.join(core.dataDirectory, 'leadbridge.db'), {
        readonly: true,
      });
      const sample = db.prepare('SELECT fields FROM leads LIMIT 1').get() as { fields: string };
      const fieldCount = Object.keys(JSON.parse(sample.fields) as object).length;

      // The same SOQL, paged by a plain client before and after (the org warms up too).
      const rawMs: number[] = [];
      for (let run = 0; run < 2; run += 1) {
        const start = performance.now();
        const records = await fetchAllPages(
          org.url,
          issued.access_token,
          `${importQuery.path}${importQuery.query}`,
        );
        rawMs.push(performance.now() - start);
        if (records !== LEADS) throw new Error(`raw paging saw ${records} records`);
      }
      const raw = (rawMs[0]! + rawMs[1]!) / 2;

      const idleStart = performance.now();
      const idle = await syncNow(core);
      const idleMs = performance.now() - idleStart;

      const ids = (
        db.prepare('SELECT id FROM leads ORDER BY random() LIMIT ?').all(EDITS) as { id: string }[]
      ).map((row) => row.id);
      db.close();
      const statuses = ['Working - Contacted', 'Closed - Not Converted', 'Open - Not Contacted'];
      for (const [i, id] of ids.entries()) {
        await admin(org.url, 'PATCH', `sobjects/Lead/${id}`, {
          Status: statuses[i % statuses.length],
          Lead_Score__c: 1000 + i,
        });
      }
      const busyStart = performance.now();
      const busy = await syncNow(core);
      const busyMs = performance.now() - busyStart;

      const ratio = importMs / raw;
      const rows: [string, string, string][] = [
        ['Lead fields synced', String(fieldCount), '20'],
        [
          'Initial import',
          `${seconds(importMs)} (${Math.round(LEADS / (importMs / 1000)).toLocaleString('en-US')} leads/s)`,
          '',
        ],
        [
          'Plain fetch of every page',
          `${seconds(raw)} (runs: ${rawMs.map(seconds).join(', ')})`,
          '',
        ],
        ['Import / plain paging', ratio.toFixed(2), '≤ 1.5'],
        [
          'Peak RSS during import',
          `${mb(peakRss)} (before: ${mb(rssBefore)}; maxRSS ever: ${mb(process.resourceUsage().maxRSS * 1024)})`,
          '≤ 250 MB',
        ],
        [
          'Idle incremental sync',
          `${idle.lastRun?.apiCalls} API call(s), ${seconds(idleMs)}, ${idle.lastRun?.records} written`,
          '1 call',
        ],
        [
          `Incremental after ${EDITS.toLocaleString('en-US')} edits`,
          `${busy.lastRun?.apiCalls} API call(s), ${seconds(busyMs)}, ${busy.lastRun?.records} written, ${busy.lastRun?.changes} events`,
          '3 calls',
        ],
      ];
      const width = Math.max(...rows.map(([name]) => name.length));
      process.stdout.write(`\nNode ${process.version}, ${LEADS.toLocaleString('en-US')} leads\n`);
      for (const [name, value, target] of rows) {
        process.stdout.write(
          `${name.padEnd(width)}  ${value}${target ? `   [target ${target}]` : ''}\n`,
        );
      }
    } finally {
      core.dispose();
    }
  } finally {
    await org.stop();
  }
}

await main();
