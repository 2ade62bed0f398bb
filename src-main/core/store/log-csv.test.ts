import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src-preload/contract';
import { logEntriesToCsv } from './log-csv';

const entry = (subject: string | null, details: Record<string, unknown>, kind = 'lead.changed') =>
  ({ id: 7, time: '2026-11-20T09:00:00.000Z', kind, subject, details }) satisfies LogEntry;

describe('log export as CSV', () => {
  it('writes a header and one CRLF-ended row per entry, counting them', () => {
    const { csv, rows } = logEntriesToCsv([entry('00Q1', { n: 1 }), entry(null, {})]);
    expect(rows).toBe(2);
    expect(csv).toBe(
      'id,time,kind,subject,details\r\n' +
        '7,2026-11-20T09:00:00.000Z,lead.changed,00Q1,"{""n"":1}"\r\n' +
        '7,2026-11-20T09:00:00.000Z,lead.changed,,{}\r\n',
    );
  });

  it('is only a header for no entries', () => {
    expect(logEntriesToCsv([])).toEqual({ csv: 'id,time,kind,subject,details\r\n', rows: 0 });
  });

  it('quotes cells holding commas, quotes or line breaks, doubling the quotes (RFC 4180)', () => {
    const { csv } = logEntriesToCsv([entry('a,b', { to: 'say "hi"\nthen\rgo' })]);
    expect(csv.split('\r\n')[1]).toBe(
      '7,2026-11-20T09:00:00.000Z,lead.changed,"a,b","{""to"":""say \\""hi\\""\\nthen\\rgo""}"',
    );
  });

  it.each([
    ['=SUM(A1)', ",'=SUM(A1),"],
    ['+1', ",'+1,"],
    ['-1', ",'-1,"],
    ['@cmd', ",'@cmd,"],
    ['\tx', ",'\tx,"],
    ['\rx', ',"\'\rx",'],
  ])(
    'neutralises a cell starting %j so a spreadsheet shows text, not a formula',
    (subject, cell) => {
      expect(logEntriesToCsv([entry(subject, {})]).csv).toContain(`lead.changed${cell}{}`);
    },
  );

  it('leaves ordinary text as it is', () => {
    const cell = logEntriesToCsv([entry('Ada Lovelace', {})])
      .csv.split('\r\n')[1]!
      .split(',')[3];
    expect(cell).toBe('Ada Lovelace');
  });
});
