// Benchmark: the hot paths a user sees with a big cache. Run with `npm run bench:ui`
// (`-- --leads N --log N` for other sizes). Fills a data directory with 1,000,000 Leads and
// 100,000 log entries in SQL, starts the built headless host on it, and prints: how long the
// host takes to print its UI line, `leads:search` and the log's search as the renderer calls
// them (over HTTP, p50/p95), and the live log's first render in Chromium. Not a timed test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import type { HeadlessProcess } from '../support/headless-process';
import { ensureHeadlessBuild, spawnHeadless } from '../support/headless-process';
import { makeTempDirectory } from '../support/temp-directory';
import { printFigures } from './figure-table';
import { measureLogFirstRender } from './log-first-render';
import { benchLeadId, fillBenchCache } from './ui-bench-cache';

const { values } = parseArgs({
  options: {
    leads: { type: 'string', default: '1000000' },
    log: { type: 'string', default: '100000' },
  },
});
const LEADS = Number(values.leads);
const LOG_ENTRIES = Number(values.log);
const STARTS = 5;
const QUERIES_PER_KIND = 40;
const RENDERS = 5;

const ms = (value: number) => `${value.toFixed(1)} ms`;
const median = (samples: number[]) => percentile(samples, 50);
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface SampleLead {
  id: string;
  name: string;
  email: string;
  company: string;
}

/** Live Leads spread over the cache (the fill deletes every 200th), as the user would look them up. */
function sampleLeads(file: string, pick: (k: number) => number): SampleLead[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const read = db.prepare(
      'SELECT id, name, email, company FROM leads WHERE id = ? AND is_deleted = 0',
    );
    return Array.from({ length: QUERIES_PER_KIND }, (_, k) => read.get(benchLeadId(pick(k))))
      .filter((row): row is SampleLead => row !== undefined)
      .filter((row) => row.name !== null);
  } finally {
    db.close();
  }
}

/** Times each call of `method` with each input, after two warm-up calls. */
async function timeCalls(host: HeadlessProcess, method: string, inputs: unknown[]) {
  for (const input of inputs.slice(0, 2)) await host.call(method, input);
  const times: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await host.call(method, input);
    times.push(performance.now() - started);
  }
  return times;
}

async function main(): Promise<void> {
  ensureHeadlessBuild();
  const temp = makeTempDirectory('lb-ui-bench');
  const dataDirectory = path.join(temp.path, 'data');
  const file = path.join(dataDirectory, 'leadbridge.db');
  const launch = {
    dataDirectory,
    secretsKeyFile: path.join(temp.path, 'secrets.key'),
    token: 'ui-bench-token-0123456789',
  };
  let host: HeadlessProcess | undefined;
  try {
    process.stdout.write(
      `Filling a cache with ${LEADS.toLocaleString('en-US')} Leads and ${LOG_ENTRIES.toLocaleString('en-US')} log entries…\n`,
    );
    fs.mkdirSync(dataDirectory, { recursive: true });
    const fillStarted = performance.now();
    const { indexMs } = fillBenchCache(file, LEADS, LOG_ENTRIES);
    const fillMs = performance.now() - fillStarted;

    const step = Math.floor(LEADS / QUERIES_PER_KIND);
    const leads = sampleLeads(file, (k) => k * step + (k % 7));
    // Leads the log names (the fill's entries name Lead i * 7919 mod the cache size).
    const logged = sampleLeads(file, (k) => ((k * 4 + 1) * 7919) % LEADS);

    process.stdout.write(`Starting the headless host ${STARTS} times…\n`);
    const starts: number[] = [];
    for (let round = 0; round < STARTS; round += 1) {
      const started = performance.now();
      const spawned = await spawnHeadless(launch);
      starts.push(performance.now() - started);
      if (round < STARTS - 1) await spawned.kill('SIGTERM');
      else host = spawned;
    }
    if (!host) throw new Error('the host did not start');

    process.stdout.write('Searching…\n');
    const search = (query: (lead: SampleLead) => string) =>
      timeCalls(
        host!,
        'leads:search',
        leads.map((lead) => ({ query: query(lead), limit: 100 })),
      );
    const byName = await search((lead) => lead.name);
    const byEmail = await search((lead) => lead.email);
    const byCompany = await search((lead) => lead.company);
    const byId = await search((lead) => lead.id);
    const all = [...byName, ...byEmail, ...byCompany, ...byId];
    const newest = await timeCalls(
      host,
      'leads:search',
      leads.map(() => ({ query: '', limit: 100 })),
    );
    const broad = await search((lead) => lead.name.split(' ')[1]!);
    const logFirstPage = await timeCalls(
      host,
      'log:list',
      leads.map(() => ({ limit: 200 })),
    );
    const logByEmail = await timeCalls(
      host,
      'log:list',
      logged.map((lead) => ({ limit: 200, search: lead.email })),
    );

    process.stdout.write('Rendering the live log in Chromium…\n');
    const renders = await measureLogFirstRender(`${host.origin}/#token=${launch.token}`, RENDERS);

    printFigures(
      `UI hot paths — ${LEADS.toLocaleString('en-US')} cached Leads, ${LOG_ENTRIES.toLocaleString('en-US')} log entries, ${os.availableParallelism()} cores`,
      [
        ['cache filled in SQL (not a sync)', ms(fillMs), ''],
        ['word index built over the filled cache (migration 15)', ms(indexMs), ''],
        ['host ready: spawn to UI line, median of 5', ms(median(starts)), '≤ 500 ms'],
        ['host ready: slowest of 5', ms(Math.max(...starts)), ''],
        ['leads:search p50, by name/email/company/Id', ms(median(all)), ''],
        ['leads:search p95, by name/email/company/Id', ms(percentile(all, 95)), '≤ 50 ms'],
        ['leads:search p95 by full name', ms(percentile(byName, 95)), ''],
        ['leads:search p95 by email', ms(percentile(byEmail, 95)), ''],
        ['leads:search p95 by company', ms(percentile(byCompany, 95)), ''],
        ['leads:search p95 by Lead Id', ms(percentile(byId, 95)), ''],
        ['leads:search p50, no query (Leads screen opens)', ms(median(newest)), ''],
        ['leads:search p50, a last name alone (many matches)', ms(median(broad)), ''],
        ['log:list first page p50', ms(median(logFirstPage)), ''],
        ['log search by a Lead’s email p50', ms(median(logByEmail)), ''],
        ['log search by a Lead’s email p95', ms(percentile(logByEmail, 95)), '≤ 50 ms'],
        [
          'live log first render, back from Leads: click to first row',
          ms(median(renders.back)),
          '≤ 150 ms',
        ],
        [
          'live log first render, opening the UI on it: page load to first row',
          ms(median(renders.open)),
          '',
        ],
      ],
    );
  } finally {
    await host?.kill('SIGTERM');
    temp.remove();
  }
}

await main();
