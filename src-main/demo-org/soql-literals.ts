// Turns the SOQL parser's literal strings into comparable values, including the relative date
// literals (TODAY, LAST_N_DAYS:n …) that Leadbridge's "changed in the last n days" rules use.
import { DAY_MS, formatDate, formatDateTime, startOfUtcDay } from './sf-datetime';

export function unquoteSoqlString(raw: string): string {
  const inner =
    raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2 ? raw.slice(1, -1) : raw;
  return inner.replace(/\\(.)/g, (_m, ch: string) => {
    switch (ch) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      // LIKE keeps \% and \_ escaped so the pattern compiler can tell them from wildcards.
      case '%':
      case '_':
        return `\\${ch}`;
      default:
        return ch;
    }
  });
}

export function likeToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === '\\' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern.charAt(i + 1));
      i++;
    } else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, 'i');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A half-open UTC range [start, end) in epoch ms. */
export interface MsRange {
  start: number;
  end: number;
}

function monthStart(year: number, month: number): number {
  return Date.UTC(year, month, 1);
}

/** Resolves a date literal such as TODAY or LAST_N_DAYS:7 relative to `nowMs`; null if unknown. */
export function dateLiteralRange(literal: string, nowMs: number): MsRange | null {
  const [name = '', nText] = literal.toUpperCase().split(':');
  const n = nText === undefined ? 0 : Number(nText);
  if (!Number.isInteger(n) || n < 0) return null;
  const today = startOfUtcDay(nowMs);
  const date = new Date(today);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const weekStart = today - date.getUTCDay() * DAY_MS;
  const quarterMonth = month - (month % 3);
  const days = (from: number, count: number): MsRange => ({
    start: from,
    end: from + count * DAY_MS,
  });
  switch (name) {
    case 'TODAY':
      return days(today, 1);
    case 'YESTERDAY':
      return days(today - DAY_MS, 1);
    case 'TOMORROW':
      return days(today + DAY_MS, 1);
    case 'LAST_WEEK':
      return days(weekStart - 7 * DAY_MS, 7);
    case 'THIS_WEEK':
      return days(weekStart, 7);
    case 'NEXT_WEEK':
      return days(weekStart + 7 * DAY_MS, 7);
    case 'LAST_MONTH':
      return { start: monthStart(year, month - 1), end: monthStart(year, month) };
    case 'THIS_MONTH':
      return { start: monthStart(year, month), end: monthStart(year, month + 1) };
    case 'NEXT_MONTH':
      return { start: monthStart(year, month + 1), end: monthStart(year, month + 2) };
    case 'LAST_90_DAYS':
      return { start: today - 90 * DAY_MS, end: today + DAY_MS };
    case 'NEXT_90_DAYS':
      return days(today + DAY_MS, 90);
    case 'THIS_QUARTER':
      return { start: monthStart(year, quarterMonth), end: monthStart(year, quarterMonth + 3) };
    case 'LAST_QUARTER':
      return { start: monthStart(year, quarterMonth - 3), end: monthStart(year, quarterMonth) };
    case 'NEXT_QUARTER':
      return { start: monthStart(year, quarterMonth + 3), end: monthStart(year, quarterMonth + 6) };
    case 'THIS_YEAR':
      return { start: monthStart(year, 0), end: monthStart(year + 1, 0) };
    case 'LAST_YEAR':
      return { start: monthStart(year - 1, 0), end: monthStart(year, 0) };
    case 'NEXT_YEAR':
      return { start: monthStart(year + 1, 0), end: monthStart(year + 2, 0) };
    case 'LAST_N_DAYS':
      return { start: today - n * DAY_MS, end: today + DAY_MS };
    case 'NEXT_N_DAYS':
      return days(today + DAY_MS, n);
    case 'N_DAYS_AGO':
      return days(today - n * DAY_MS, 1);
    case 'LAST_N_WEEKS':
      return { start: weekStart - 7 * n * DAY_MS, end: weekStart };
    case 'NEXT_N_WEEKS':
      return days(weekStart + 7 * DAY_MS, 7 * n);
    case 'LAST_N_MONTHS':
      return { start: monthStart(year, month - n), end: monthStart(year, month) };
    case 'NEXT_N_MONTHS':
      return { start: monthStart(year, month + 1), end: monthStart(year, month + 1 + n) };
    case 'LAST_N_YEARS':
      return { start: monthStart(year - n, 0), end: monthStart(year, 0) };
    case 'NEXT_N_YEARS':
      return { start: monthStart(year + 1, 0), end: monthStart(year + 1 + n, 0) };
    default:
      return null;
  }
}

/** The range's bounds in the stored string form of a date or datetime field. */
export function rangeAsStored(
  range: MsRange,
  kind: 'date' | 'datetime',
): { start: string; end: string } {
  const format = kind === 'date' ? formatDate : formatDateTime;
  return { start: format(range.start), end: format(range.end) };
}
