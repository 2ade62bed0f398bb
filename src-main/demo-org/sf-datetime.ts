// Salesforce's wire format for datetimes is ISO 8601 with milliseconds and a "+0000" offset.
// Because every stored datetime uses that one canonical UTC form, string order equals time order,
// which lets the SOQL engine compare datetimes as plain strings.

export function formatDateTime(ms: number): string {
  // Salesforce keeps datetimes to the second: the milliseconds are always ".000".
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('Z', '+0000');
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses the ISO forms Salesforce accepts for datetimes; returns epoch ms or null. */
export function parseDateTime(text: string): number | null {
  const m = DATETIME.exec(text);
  if (!m) return null;
  const offset = m[8] ?? 'Z';
  const normalisedOffset =
    offset === 'Z'
      ? 'Z'
      : offset.length === 5
        ? `${offset.slice(0, 3)}:${offset.slice(3)}`
        : offset;
  const ms = (m[7] ?? '.000').padEnd(4, '0');
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${ms}${normalisedOffset}`;
  const value = Date.parse(iso);
  return Number.isNaN(value) ? null : value;
}

export function parseDate(text: string): number | null {
  if (!DATE.test(text)) return null;
  const value = Date.parse(`${text}T00:00:00.000Z`);
  return Number.isNaN(value) ? null : value;
}

/** Canonical datetime string for anything Salesforce would accept, or null. */
export function canonicalDateTime(text: string): string | null {
  const ms = parseDateTime(text);
  return ms === null ? null : formatDateTime(ms);
}

export const DAY_MS = 86_400_000;

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
