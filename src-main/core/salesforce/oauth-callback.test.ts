import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOAuthCallback } from './oauth-callback';

const redirect = 'leadbridge://oauth/callback';

describe('parseOAuthCallback', () => {
  it('reads code and state', () => {
    expect(parseOAuthCallback(`${redirect}?code=abc%3D%3D&state=s1`, redirect)).toEqual({
      kind: 'code',
      code: 'abc==',
      state: 's1',
    });
  });

  it('reads a denial', () => {
    expect(
      parseOAuthCallback(
        `${redirect}?error=access_denied&error_description=end-user+denied&state=s1`,
        redirect,
      ),
    ).toEqual({
      kind: 'denied',
      error: 'access_denied',
      description: 'end-user denied',
      state: 's1',
    });
  });

  it.each([
    ['no code', `${redirect}?state=s1`],
    ['no state', `${redirect}?code=c`],
    ['repeated code', `${redirect}?code=a&code=b&state=s`],
    ['another path', 'leadbridge://oauth/elsewhere?code=c&state=s'],
    ['another scheme', 'https://oauth/callback?code=c&state=s'],
    ['garbage', 'not a url'],
  ])('rejects a callback with %s', (_name, raw) => {
    expect(parseOAuthCallback(raw, redirect).kind).toBe('invalid');
  });

  it('matches the headless redirect on its own host and port only', () => {
    const local = 'http://localhost:4780/oauth/callback';
    expect(parseOAuthCallback(`${local}?code=c&state=s`, local).kind).toBe('code');
    expect(
      parseOAuthCallback('http://localhost:9999/oauth/callback?code=c&state=s', local).kind,
    ).toBe('invalid');
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.string().map((s) => `${redirect}?${s}`),
        ),
        (raw) => {
          const result = parseOAuthCallback(raw, redirect);
          expect(['code', 'denied', 'invalid']).toContain(result.kind);
        },
      ),
      { numRuns: 500 },
    );
  });
});
