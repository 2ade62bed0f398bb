// Benchmark: Leadbridge's initial import of N leads (default 100,000; `npm run bench:sync --
// --leads 1000000`) against plain paging of the same SOQL, then what an idle and a busy
// incremental sync cost. Prints figures; it is not a timed test.
//
// The demo org runs in a child process, so this process's RSS is Leadbridge's (core, SQLite,
// jsforce) and the org does not compete for its JS thread. Lead is cut down to 20 fields
// through the org's admin schema API before anything syncs: Leadbridge asks for what describe
// reports, exactly as it would in an org with 20 Lead fields.
//
// Each way of importing is one `ImportVariant` in `main`: it imports into a fresh cache and
// returns its figure lines, measured against the same plain client.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { BULK_IMPORT_THRESHOLD_MAX } from '../../src-preload/contract';
import type { IssuedSession } from '../../src-main/demo-org';
import { syncNow } from '../support/connected-core';
import { admin } from '../support/demo-org-admin';
import { printFigures } from './figure-table';
import { startOrgProcess } from './org-process';
import { runBulkImportFigures } from './bulk-import-run';
import { importFigures, measureImport } from './import-measure';

const { values: args } = parseArgs({ options: { leads: { type: 'string', default: '100000' } } });
const LEADS = Number(args.leads);
if (!Number.isInteger(LEADS) || LEADS < 1) throw new Error(`--leads must be a positive integer`);
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

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface LoggedRequest {
  path: string;
  query: string;
}

/**
 * Pages through a SOQL query as any client does: fetch (keep-alive), `json()` (every page
 * parsed), follow nextRecordsUrl.
 */
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

async function main(): Promise<void> {
  const count = LEADS.toLocaleString('en-US');
  process.stdout.write(`Seeding ${count} leads in a demo org process…\n`);
  const orgProcess = await startOrgProcess(LEADS, 'sync-bench');
  try {
    const issued = (await admin(orgProcess.url, 'POST', 'sessions', {})) as IssuedSession;
    const org = { url: orgProcess.url, issued };
    const describe = (await fetch(`${org.url}/services/data/v62.0/sobjects/Lead/describe`, {
      headers: { Authorization: `Bearer ${issued.access_token}` },
    }).then((r) => r.json())) as { fields: { name: string }[] };
    for (const { name } of describe.fields) {
      if (!KEPT.has(name)) await admin(org.url, 'DELETE', `schema/Lead/fields/${name}`);
    }

    await admin(org.url, 'DELETE', 'requests');
    // REST whatever the org's size: the Bulk API import is measured on its own below.
    const rest = await measureImport(org, (core) =>
      core.handlers['settings:update']({ bulkImportThreshold: BULK_IMPORT_THRESHOLD_MAX }),
    );
    const { core } = rest;
    try {
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

      // The same SOQL, paged by a plain client twice (the org warms up too).
      const plainMs: number[] = [];
      for (let run = 0; run < 2; run += 1) {
        const start = performance.now();
        const records = await fetchAllPages(
          org.url,
          issued.access_token,
          `${importQuery.path}${importQuery.query}`,
        );
        plainMs.push(performance.now() - start);
        if (records !== LEADS) throw new Error(`the plain client saw ${records} records`);
      }
      const plain = (plainMs[0]! + plainMs[1]!) / 2;

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

      printFigures(
        `Node ${process.version}, ${os.availableParallelism()} cores, ${count} leads (figures of a loaded machine are indicative)`,
        [
          ['Lead fields synced', `${fieldCount} fields`, '20'],
          [
            'Plain client: fetch + json() per page',
            `${seconds(plain)} (runs: ${plainMs.map(seconds).join(', ')})`,
            '',
          ],
          ...importFigures('REST', LEADS, rest, plain),
          ...(await runBulkImportFigures({ orgUrl: org.url, leads: LEADS, plainMs: plain })),
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
        ],
      );
    } finally {
      core.dispose();
    }
  } finally {
    await orgProcess.stop();
  }
}

await main();
