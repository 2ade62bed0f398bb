const MAX_VALUE_LENGTH = 80;

/**
 * One line for a log row: `key: value · key: value`, in the order the host wrote them.
 * Nested values are shown as compact JSON so nothing is hidden, only shortened.
 */
export function summarizeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${shorten(formatValue(value))}`)
    .join(' · ');
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.length === 0 ? '(none)' : value.join(', ');
  }
  return JSON.stringify(value);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > MAX_VALUE_LENGTH ? `${oneLine.slice(0, MAX_VALUE_LENGTH - 1)}…` : oneLine;
}
