import { formatLogTime } from './format-log-time';

const MAX_VALUE_LENGTH = 80;
/** An instant as the host writes it; shown as a local time. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * One line for a log row whose kind has no sentence of its own: the message first, then
 * `retry at: 09:05:00 · …` in the order the host wrote them, the error code last. Nothing is
 * hidden, only shortened; names read as words, instants as local times.
 */
export function summarizeDetails(details: Record<string, unknown>): string {
  const { message, code, ...rest } = details;
  const parts = [
    typeof message === 'string' && message !== '' ? shorten(message) : null,
    ...Object.entries(rest).map(
      ([key, value]) => `${keyWords(key)}: ${shorten(formatValue(value))}`,
    ),
    typeof code === 'string' && code !== '' ? `(${code})` : null,
  ];
  return parts.filter((part) => part !== null).join(' · ');
}

/** `retryAt` → `retry at`; `apiCalls` → `API calls`; `itemIds` → `item IDs`. */
function keyWords(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bapi\b/g, 'API')
    .replace(/\bids?\b/g, (id) => (id === 'id' ? 'ID' : 'IDs'));
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatLogTime(value) : value;
  if (typeof value === 'number') return value.toLocaleString();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value))
    return value.length === 0 ? '(none)' : value.map(formatValue).join(', ');
  const entries = Object.entries(value as Record<string, unknown>);
  return `(${entries.map(([key, inner]) => `${keyWords(key)} ${formatValue(inner)}`).join(', ')})`;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > MAX_VALUE_LENGTH ? `${oneLine.slice(0, MAX_VALUE_LENGTH - 1)}…` : oneLine;
}
