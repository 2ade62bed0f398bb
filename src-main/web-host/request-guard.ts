import { timingSafeEqual } from 'node:crypto';

/**
 * DNS-rebinding guard: a page on evil.example that resolves to 127.0.0.1 still sends its
 * own name in Host, so only our loopback names with our port are let in.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (hostHeader === undefined) return false;
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/** Constant-time check of `Authorization: Bearer <token>`. */
export function hasValidToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer (\S+)$/.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
