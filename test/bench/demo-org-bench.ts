// Benchmark: how fast the demo org serves a full Lead sync, and what 100,000 leads cost in memory.
// Run with `npm run bench:demo-org`. Prints figures; it is not a timed test.
import { Agent, request } from 'node:http';
import v8 from 'node:v8';
import { startDemoOrg } from '../../src-main/demo-org/index';

const LEADS = 100_000;
const FIELDS = [
  'Id',
  'FirstName',
  'LastName',
  'Name',
  'Company',
  'Title',
  'Email',
  'Phone',
  'City',
  'State',
  'Country',
  'LeadSource',
  'Status',
  'Industry',
  'Rating',
  'OwnerId',
  'Lead_Score__c',
  'Meeting_Status__c',
  'Last_Meeting_Date__c',
  'SystemModstamp',
];

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 400)
          reject(new Error(`${res.statusCode}: ${text.slice(0, 200)}`));
        else resolve(text);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return v8.getHeapStatistics().used_heap_size / 1024 / 1024;
}

/**
 * Pages through every lead. With `parse`, each page is JSON.parse'd as a real client would; without
 * it, the client only finds nextRecordsUrl and counts records, so the figure is closer to what the
 * emulator alone can serve (client and emulator share this process's one JS thread).
 */
async function syncAll(
  base: string,
  token: string,
  parse: boolean,
): Promise<{ rows: number; pages: number; ms: number; bytes: number }> {
  const soql = `SELECT ${FIELDS.join(', ')} FROM Lead`;
  const started = performance.now();
  let next: string | undefined = `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;
  let rows = 0;
  let pages = 0;
  let bytes = 0;
  while (next) {
    const text = await get(base + next, token);
    bytes += text.length;
    if (parse) {
      const page = JSON.parse(text) as { records: unknown[]; nextRecordsUrl?: string };
      rows += page.records.length;
      next = page.nextRecordsUrl;
    } else {
      rows += text.split('{"attributes":').length - 1;
      next = /"nextRecordsUrl":"([^"]+)"/.exec(text.slice(0, 300))?.[1];
    }
    pages++;
  }
  return { rows, pages, ms: performance.now() - started, bytes };
}

async function main(): Promise<void> {
  const gcNote = (globalThis as { gc?: unknown }).gc
    ? ''
    : ' (no --expose-gc: figures include garbage)';
  const before = heapMb();
  const org = await startDemoOrg();
  const emptyOrg = heapMb();
  const seedStart = performance.now();
  org.seedLeads(LEADS, 'bench');
  const seedMs = performance.now() - seedStart;
  const seeded = heapMb();
  const token = org.issueSession().access_token;

  console.log(
    `demo-org benchmark — ${LEADS.toLocaleString('en-US')} leads, ${FIELDS.length} fields, Node ${process.version}`,
  );
  console.log(`seeding: ${seedMs.toFixed(0)} ms`);
  console.log(
    `heap used: before ${before.toFixed(1)} MB, empty org ${emptyOrg.toFixed(1)} MB, after seeding ${seeded.toFixed(1)} MB → ${(seeded - emptyOrg).toFixed(1)} MB for the leads (${(((seeded - emptyOrg) * 1024 * 1024) / LEADS).toFixed(0)} bytes/lead)${gcNote}`,
  );
  for (const [run, parse] of [
    [1, true],
    [2, true],
    [3, false],
    [4, false],
  ] as const) {
    const r = await syncAll(org.url, token, parse);
    console.log(
      `run ${run} (${parse ? 'client parses JSON' : 'client counts only'}): ${r.rows.toLocaleString('en-US')} leads in ${r.pages} pages, ${r.ms.toFixed(0)} ms → ${Math.round((r.rows / r.ms) * 1000).toLocaleString('en-US')} leads/s (${(r.bytes / 1024 / 1024).toFixed(1)} MB of JSON)`,
    );
  }
  agent.destroy();
  await org.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
