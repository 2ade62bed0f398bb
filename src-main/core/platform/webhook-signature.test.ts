import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sameSecret, sign, verify } from './webhook-signature';

const secret = 'whsec_test_0123456789';
const body = Buffer.from('{"id":"evt-1","type":"booking.created"}');
const t = 1_764_500_000;
const nowMs = t * 1000;

describe('webhook signature', () => {
  it('signs HMAC-SHA256 of "<t>.<raw body>" as t=<unix>,v1=<hex>, as Calendly documents', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body.toString()}`).digest('hex');
    expect(sign(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('accepts its own signature, also with a second v1 from a key being rotated', () => {
    const header = sign(secret, body, t);
    expect(verify(header, body, secret, nowMs)).toEqual({ ok: true });
    const rotated = `${header.split(',')[0]},v1=${'0'.repeat(64)},${header.split(',')[1]}`;
    expect(verify(rotated, body, secret, nowMs)).toEqual({ ok: true });
  });

  it('refuses a body changed by one byte, another secret, or a missing or malformed header', () => {
    const header = sign(secret, body, t);
    const tampered = Buffer.from(body.toString().replace('evt-1', 'evt-2'));
    expect(verify(header, tampered, secret, nowMs)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(header, body, 'another-secret', nowMs)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verify(undefined, body, secret, nowMs)).toEqual({ ok: false, reason: 'missing' });
    expect(verify('  ', body, secret, nowMs)).toEqual({ ok: false, reason: 'missing' });
    for (const malformed of ['v1=abc', `t=${t}`, `t=x,v1=${'a'.repeat(64)}`, 't==1,v1=2', 'junk']) {
      expect(verify(malformed, body, secret, nowMs)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses a timestamp outside the tolerance either way (a replayed request), and accepts one at its edge', () => {
    const header = sign(secret, body, t);
    expect(verify(header, body, secret, nowMs + 300_000)).toEqual({ ok: true });
    expect(verify(header, body, secret, nowMs + 301_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verify(header, body, secret, nowMs - 301_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verify(header, body, secret, nowMs + 60_000, 30)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('compares tokens exactly, whatever their lengths', () => {
    expect(sameSecret('token-abc', 'token-abc')).toBe(true);
    expect(sameSecret('token-abd', 'token-abc')).toBe(false);
    expect(sameSecret('token-ab', 'token-abc')).toBe(false);
    expect(sameSecret('', 'token-abc')).toBe(false);
  });
});
