// The data directory `npm run bench:ui` starts the headless host on: a cache of Leads and an
// activity log written straight in SQL (a sync of 1,000,000 Leads would take minutes), with
// rows shaped as the sync stores them: 20 Lead fields, names, emails and companies that
// repeat as they do in a real org (many Smiths, a few hundred Leads per big company).
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../src-main/core/store/database';
import { migrations } from '../../src-main/core/store/schema';

const FIRST = `James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David
  Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Chen Aiko Lars Ines Priya
  Mateo Sofia Noah Emma Olivia Liam Ava Lucas Mia Ethan Zoe Amara Kenji Freya Tomasz`.split(/\s+/);
const LAST_START = `Smith John Will Brown Jones Garcia Mill Davis Rodri Martin Hernan Lop Gonzal
  Wil Ander Thom Tay Moore Jack White Harr Clark Lew Rob Walk Young All King Wright Scott Green
  Bak Ad Nel Hill Camp Mitch Rob Cart Phill`.split(/\s+/);
const LAST_END = `son ez er s ton ley field man ford wood berg ski`.split(/\s+/);
const COMPANY = `Acme Globex Initech Umbrella Stark Wayne Wonka Hooli Vandelay Soylent Tyrell
  Cyberdyne Aperture Oscorp Gringotts Pied Dunder Prestige Monarch Sterling Northwind Contoso
  Fabrikam Adventure Litware Proseware Tailspin Wingtip Woodgrove Lucerne`.split(/\s+/);
const COMPANY_KIND = `Corp Industries Labs Systems Holdings Group Partners Logistics Foods Media
  Health Energy Capital Robotics Analytics`.split(/\s+/);
const STATUS = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Qualified'];

/** An 18-character Lead Id for row `i` (the sync stores what Salesforce sends). */
export const benchLeadId = (i: number) => `00Q5g00000${String(i).padStart(8, '0')}`;

/**
 * Creates `file` with the app's schema and fills it: `leads` Leads, one in 200 deleted, and
 * `logEntries` log entries naming Leads. Returns how long the word index took to build over
 * them (migration 15 on a filled cache: the rows are written before it, as an upgrade finds them).
 */
export function fillBenchCache(
  file: string,
  leads: number,
  logEntries: number,
): { indexMs: number } {
  const before = openDatabase(file, migrations.slice(0, 14)).db;
  try {
    fillLeads(before, leads);
    fillLog(before, logEntries, leads);
  } finally {
    before.close();
  }
  const started = performance.now();
  openDatabase(file).db.close();
  return { indexMs: performance.now() - started };
}

function fillLeads(db: Database, count: number): void {
  const words = (list: string[]) => JSON.stringify(list);
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < CAST(@count AS INTEGER)),
     row AS (
       SELECT i,
         '00Q5g00000' || printf('%08d', i) AS id,
         strftime('%Y-%m-%dT%H:%M:%S.000+0000', 1700000000 + i * 29 % 31536000, 'unixepoch') AS stamp,
         json_extract(@first, '$[' || (i * 7 % json_array_length(@first)) || ']') AS first,
         json_extract(@lastStart, '$[' || (i * 13 % json_array_length(@lastStart)) || ']')
           || json_extract(@lastEnd, '$[' || (i / 3 % json_array_length(@lastEnd)) || ']') AS last,
         json_extract(@company, '$[' || (i * 11 % json_array_length(@company)) || ']') || ' '
           || json_extract(@kind, '$[' || (i / 7 % json_array_length(@kind)) || ']') || ' '
           || (i * 31 % 97) AS company,
         json_extract(@status, '$[' || (i % 4) || ']') AS status,
         i % 200 = 199 AS deleted
       FROM n
     )
     INSERT INTO leads (id, system_modstamp, is_deleted, is_converted, name, email, company, status, fields)
     SELECT id, stamp, deleted, status = 'Closed - Converted', first || ' ' || last,
       lower(first || '.' || last || i || '@' || replace(company, ' ', '') || '.example.com'),
       company, status,
       json_object('Id', id, 'IsDeleted', json(iif(deleted, 'true', 'false')),
         'CreatedDate', stamp, 'LastModifiedDate', stamp, 'SystemModstamp', stamp,
         'FirstName', first, 'LastName', last, 'Name', first || ' ' || last, 'Company', company,
         'Title', 'Head of Operations',
         'Email', lower(first || '.' || last || i || '@' || replace(company, ' ', '') || '.example.com'),
         'Phone', '+1 415 555 ' || printf('%04d', i % 10000), 'City', 'San Francisco',
         'State', 'CA', 'LeadSource', 'Web', 'Status', status, 'Industry', 'Technology',
         'Rating', 'Warm', 'OwnerId', '0055g000000AbCdAAK', 'Lead_Score__c', i % 100)
     FROM row`,
  ).run({
    count,
    first: words(FIRST),
    lastStart: words(LAST_START),
    lastEnd: words(LAST_END),
    company: words(COMPANY),
    kind: words(COMPANY_KIND),
    status: words(STATUS),
  });
}

/** Log entries as the sync, the channels and the write-back append them, oldest first. */
function fillLog(db: Database, count: number, leads: number): void {
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < CAST(@count AS INTEGER)),
     entry AS (
       SELECT i, i % 4 AS kind, '00Q5g00000' || printf('%08d', i * 7919 % CAST(@leads AS INTEGER)) AS lead FROM n
     )
     INSERT INTO log (time, kind, subject, details)
     SELECT strftime('%Y-%m-%dT%H:%M:%S.000Z', 1790000000 + i * 20, 'unixepoch'),
       CASE kind WHEN 0 THEN 'lead.changed' WHEN 1 THEN 'channel.fired'
         WHEN 2 THEN 'writeback.sent' ELSE 'sync.completed' END,
       iif(kind = 3, NULL, lead),
       CASE kind
         WHEN 0 THEN json_object('name', name, 'field', 'Status', 'from', 'Open - Not Contacted',
           'to', 'Working - Contacted')
         WHEN 1 THEN json_object('name', name, 'channel', 'Working leads', 'channelId', 3,
           'meetingType', 'Intro call')
         WHEN 2 THEN json_object('name', name, 'kind', 'lead_update', 'itemId', i,
           'values', json_object('Status', 'Meeting Booked'))
         ELSE json_object('trigger', 'schedule', 'phase', 'incremental', 'records', i % 40,
           'changes', i % 7, 'apiCalls', 2, 'durationMs', 800 + i % 500) END
     FROM entry LEFT JOIN leads ON leads.id = entry.lead`,
  ).run({ count, leads });
}
