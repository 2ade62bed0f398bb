// The `t=<unix>,v1=<hex>` signature Calendly (Calendly-Webhook-Signature) and Leadbridge
// (Leadbridge-Signature) share: HMAC-SHA256 of "<t>.<raw body>" with the shared secret.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signBody(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks a signature header against the raw body, refusing one older (or newer) than the tolerance. */
export function checkSignature(
  header: string | undefined,
  body: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'no signature header' };
  const fields = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const key = part.slice(0, at).trim();
    fields.set(key, [...(fields.get(key) ?? []), part.slice(at + 1).trim()]);
  }
  const t = Number(fields.get('t')?.[0]);
  if (!Number.isInteger(t)) return { ok: false, reason: 'no timestamp in the signature' };
  if (Math.abs(nowSeconds - t) > toleranceSeconds)
    return { ok: false, reason: 'the signature timestamp is too old or in the future' };
  const expected = Buffer.from(signBody(secret, body, t).split('v1=')[1]!, 'hex');
  const matches = (fields.get('v1') ?? []).some((hex) => {
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'the signature does not match' };
}
