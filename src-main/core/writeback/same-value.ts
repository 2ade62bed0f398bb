/** ISO 8601 date-times as Salesforce and JavaScript write them (`Z`, `+0000`, `+00:00`). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Whether two field values mean the same in Salesforce: it stores an empty text as null, and
 * answers a date-time in its own notation (`…000+0000`) whatever notation was written.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  const left = a === '' || a === undefined ? null : a;
  const right = b === '' || b === undefined ? null : b;
  if (left === right) return true;
  if (typeof left === 'string' && typeof right === 'string') {
    if (DATE_TIME.test(left) && DATE_TIME.test(right)) {
      return Date.parse(normalizeOffset(left)) === Date.parse(normalizeOffset(right));
    }
    return false;
  }
  if (typeof left === 'number' || typeof right === 'number')
    return Number(left) === Number(right) && left !== null && right !== null;
  return false;
}

/** `+0000` → `+00:00`: Date.parse reads only the latter. */
function normalizeOffset(text: string): string {
  return text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

/**
 * A value as Salesforce will answer it once written: a date-time to the second, in its
 * `…000+0000` notation. The sync compares the echo of our write with what we expect in that form.
 */
export function inSalesforceNotation(value: unknown): unknown {
  if (typeof value !== 'string' || !DATE_TIME.test(value)) return value;
  const ms = Date.parse(normalizeOffset(value));
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('Z', '+0000');
}
