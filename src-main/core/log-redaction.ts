/**
 * The diagnostic log's last line of defence. Callers already pass parameter names and
 * non-secret facts only (see Logger); this keeps a slip from putting a token in a file
 * that a user may attach to a support ticket.
 */
const SECRET_KEY = /token|secret|password|passphrase|authorization|cookie|verifier|signature/i;
/** `?name=value&…` in any text: the names stay (they say what was asked), the values go. */
const QUERY = /([?&])([^=&#\s"']+)=[^&#\s"']*/g;
const BEARER = /\b(Bearer|OAuth)\s+[^\s"',]+/gi;
/** A Salesforce session id (access token): the org id, `!`, then the opaque part. */
const SESSION_ID = /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g;
const MAX_DEPTH = 4;

export const REDACTED = '[redacted]';

export function redactText(text: string): string {
  return text
    .replace(QUERY, '$1$2')
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(SESSION_ID, REDACTED);
}

export function redactFacts(facts: Record<string, unknown>): Record<string, unknown> {
  return redactRecord(facts, 0);
}

function redactRecord(record: Record<string, unknown>, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    result[key] = SECRET_KEY.test(key) && value != null ? REDACTED : redactValue(value, depth + 1);
  }
  return result;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Error) return redactText(String(value));
  return redactRecord(value as Record<string, unknown>, depth);
}
