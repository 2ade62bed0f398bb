import type { LogEntry } from '../../../src-preload/contract';

const HEADER = ['id', 'time', 'kind', 'subject', 'details'];

/** RFC 4180 CSV of log entries; a leading =,+,-,@ is neutralised so spreadsheets show text, not formulas. */
export function logEntriesToCsv(entries: Iterable<LogEntry>): { csv: string; rows: number } {
  const lines = [HEADER.join(',')];
  let rows = 0;
  for (const entry of entries) {
    lines.push(
      [String(entry.id), entry.time, entry.kind, entry.subject ?? '', JSON.stringify(entry.details)]
        .map(csvCell)
        .join(','),
    );
    rows += 1;
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rows };
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
