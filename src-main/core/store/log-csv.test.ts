import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src-preload/contract';
import { logEntriesToCsv } from './log-csv';

const LEAD = '00Q000000000001AAA';
const HEADER =
  'Time (UTC),What happened,Lead,Subject,Field,Old value,New value,Message,Code,Other details,Kind';

const entry = (subject: string | null, details: Record<string, unknown>, kind = 'lead.changed') =>
  ({ id: 7, time: '2026-11-20T09:00:00.000Z', kind, subject, details }) satisfies LogEntry;

/** The rows of an RFC 4180 text, cells unquoted: how a spreadsheet reads it. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < csv.length; index += 1) {
    const char = csv[index]!;
    if (quoted) {
      if (char === '"' && csv[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && csv[index + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      index += 1;
    } else cell += char;
  }
  return rows;
}

/** The cells of the first row, by header name. */
function firstRow(csv: string): Record<string, string> {
  const [header, row] = parseCsv(csv);
  return Object.fromEntries(header!.map((name, index) => [name, row![index] ?? '']));
}

describe('log export as CSV', () => {
  it('writes a header and one CRLF-ended row per entry, counting them', () => {
    const { csv, rows } = logEntriesToCsv([
      entry(LEAD, { name: 'Ada Lovelace', field: 'Status', from: 'Open', to: 'Working' }),
      entry(null, {}, 'sync.paused'),
    ]);
    expect(rows).toBe(2);
    expect(csv).toBe(
      `${HEADER}\r\n` +
        `2026-11-20 09:00:00,Field changed,Ada Lovelace,${LEAD},Status,Open,Working,,,,lead.changed\r\n` +
        '2026-11-20 09:00:00,Sync paused,,,,,,,,,sync.paused\r\n',
    );
  });

  it('is only a header for no entries', () => {
    expect(logEntriesToCsv([])).toEqual({ csv: `${HEADER}\r\n`, rows: 0 });
  });

  it('writes the times in the reader’s zone, named in the header', () => {
    const { csv } = logEntriesToCsv([entry(null, {}, 'app.started')], 'Asia/Tokyo');
    expect(csv.startsWith('Time (Asia/Tokyo),')).toBe(true);
    expect(firstRow(csv)['Time (Asia/Tokyo)']).toBe('2026-11-20 18:00:00');
  });

  it('gives the message and the error code columns of their own, the rest in words, never JSON', () => {
    const { csv } = logEntriesToCsv([
      entry(
        LEAD,
        {
          itemId: 12,
          retryAt: '2026-11-20T09:05:00.000Z',
          code: 'HOOK_REFUSED',
          message: 'The meeting platform answered 503',
          cause: { kind: 'channel', name: 'Intro' },
        },
        'outbound.retrying',
      ),
    ]);
    const row = firstRow(csv);
    expect(row['What happened']).toBe('Platform event will retry');
    expect(row.Message).toBe('The meeting platform answered 503');
    expect(row.Code).toBe('HOOK_REFUSED');
    expect(row['Other details']).toBe(
      'item ID: 12; retry at: 2026-11-20 09:05:00; cause: (kind channel, name Intro)',
    );
    expect(csv).not.toMatch(/[{}]/);
  });

  it('reads a reason as the message of a kind that has none, and keeps a non-Lead name', () => {
    const row = firstRow(
      logEntriesToCsv([entry(null, { reason: 'Paused by you' }, 'sync.skipped')]).csv,
    );
    expect(row.Message).toBe('Paused by you');
    expect(row['Other details']).toBe('');
    const secret = firstRow(
      logEntriesToCsv([entry(null, { name: 'webhook', generated: true }, 'platform.secret-set')])
        .csv,
    );
    expect(secret.Lead).toBe('');
    expect(secret['Other details']).toBe('name: webhook; generated: yes');
  });

  it('names a Lead by its cached name when its entry carries none, as the screen does', () => {
    const lead = '00Q000000000009AAA';
    const row = firstRow(
      logEntriesToCsv([
        { ...entry(lead, { bookingId: 1 }, 'booking.posted'), leadName: 'Mika Newguest' },
      ]).csv,
    );
    expect(row.Lead).toBe('Mika Newguest');
  });

  it('quotes cells holding commas, quotes or line breaks, doubling the quotes (RFC 4180)', () => {
    const { csv } = logEntriesToCsv([entry('a,b', { message: 'say "hi"\nthen\rgo' })]);
    expect(csv).toContain(',"a,b",,,,"say ""hi""\nthen\rgo",,,lead.changed\r\n');
    expect(firstRow(csv)).toMatchObject({ Subject: 'a,b', Message: 'say "hi"\nthen\rgo' });
  });

  it.each([
    ['=SUM(A1)', ",'=SUM(A1),"],
    ['+1', ",'+1,"],
    ['-1', ",'-1,"],
    ['@cmd', ",'@cmd,"],
    ['\tx', ",'\tx,"],
    ['\rx', ',"\'\rx",'],
  ])('neutralises a cell starting %j so a spreadsheet shows text, not a formula', (value, cell) => {
    const { csv } = logEntriesToCsv([entry(value, { field: 'Status', to: value })]);
    expect(csv).toContain(`Field changed,${cell}Status,`);
    expect(csv).toContain(`Status,${cell}`);
  });

  it('leaves ordinary text as it is', () => {
    expect(firstRow(logEntriesToCsv([entry('Ada Lovelace', {})]).csv).Subject).toBe('Ada Lovelace');
  });
});
