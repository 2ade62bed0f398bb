import type { LogEntry } from '../../../src-preload/contract';
import { detailKeyWords, detailValueWords, logKindLabel } from '../../../src-preload/log-words';

/**
 * The details a spreadsheet filters and sorts by get a column each; the rest share one cell
 * in words. `reason` is the message of the kinds that have no `message`.
 */
const COLUMNS = [
  ['Field', (details) => details.field],
  ['Old value', (details) => details.from],
  ['New value', (details) => details.to],
  ['Message', (details) => details.message ?? details.reason],
  ['Code', (details) => details.code],
] as const satisfies readonly (readonly [string, (details: Record<string, unknown>) => unknown])[];
const IN_COLUMNS = new Set(['field', 'from', 'to', 'message', 'code']);
/**
 * A Lead's Id (key prefix 00Q): the Lead column gets the name its entry carries, else the name
 * the Lead is cached under now (`leadName`), as the screen shows it.
 */
const LEAD_ID = /^00Q[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/;

/**
 * RFC 4180 CSV of log entries as an admin reads them: the time in their zone, what happened in
 * words, the Lead, a column per detail that matters, and the kind's name last for a support
 * question. A leading =,+,-,@ is neutralised so spreadsheets show text, not formulas.
 */
export function logEntriesToCsv(
  entries: Iterable<LogEntry>,
  timeZone = 'UTC',
): { csv: string; rows: number } {
  const time = wallClock(timeZone);
  const header = [
    `Time (${timeZone})`,
    'What happened',
    'Lead',
    'Subject',
    ...COLUMNS.map(([name]) => name),
    'Other details',
    'Kind',
  ];
  const lines = [header.map(csvCell).join(',')];
  let rows = 0;
  for (const entry of entries) {
    const { details } = entry;
    const words = (value: unknown) =>
      value === null || value === undefined ? '' : detailValueWords(value, time);
    const lead =
      entry.subject !== null && LEAD_ID.test(entry.subject)
        ? typeof details.name === 'string'
          ? details.name
          : (entry.leadName ?? '')
        : '';
    const shown = (key: string) =>
      IN_COLUMNS.has(key) ||
      (key === 'reason' && details.message === undefined) ||
      (key === 'name' && lead !== '');
    const others = Object.entries(details)
      .filter(([key]) => !shown(key))
      .map(([key, value]) => `${detailKeyWords(key)}: ${words(value)}`);
    lines.push(
      [
        time(entry.time),
        logKindLabel(entry.kind),
        lead,
        entry.subject ?? '',
        ...COLUMNS.map(([, read]) => words(read(details))),
        others.join('; '),
        entry.kind,
      ]
        .map(csvCell)
        .join(','),
    );
    rows += 1;
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rows };
}

/** `2026-11-20 10:00:00` in the zone: what a spreadsheet reads as a date and time. */
function wallClock(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (iso) => {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    const part = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
    return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
  };
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
