import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `t=<unix>,v1=<hex>` signature Calendly sends (Calendly-Webhook-Signature) and Leadbridge
 * uses for its own events both ways (Leadbridge-Signature): HMAC-SHA256 of "<t>.<raw body>".
 * The timestamp is signed with the body, so an old request replayed later is refused.
 */

/** Calendly's documented default; a replay window wider than the platforms' retries buys nothing. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type SignatureCheck =
  { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

function hmacHex(secret: string, body: Buffer | string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The header value for `body` signed at `timestampSeconds`. */
export function sign(secret: string, body: Buffer | string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmacHex(secret, body, timestampSeconds)}`;
}

/**
 * Checks a signature header against the raw body. Any `v1` in the header may match (a sender
 * rotating its key sends two); the timestamp must be within `toleranceSeconds` of `nowMs`.
 */
export function verify(
  header: string | undefined,
  body: Buffer | string,
  secret: string,
  nowMs: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing' };
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (rest.length > 0 || value === undefined) return { ok: false, reason: 'malformed' };
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (timestamp === undefined || candidates.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds)
    return { ok: false, reason: 'expired' };
  const expected = hmacHex(secret, body, timestamp);
  return candidates.some((candidate) => sameSecret(candidate, expected))
    ? { ok: true }
    : { ok: false, reason: 'mismatch' };
}

/**
 * Compares two secrets without leaking, through the time taken, how much of a guess was right.
 * Both are hashed first so that inputs of different lengths take the same path.
 */
export function sameSecret(received: string, expected: string): boolean {
  const digest = (value: string) =>
    createHmac('sha256', 'leadbridge-compare').update(value).digest();
  return timingSafeEqual(digest(received), digest(expected));
}
