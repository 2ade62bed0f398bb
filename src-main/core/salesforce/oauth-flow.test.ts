import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock';
import { FLOW_LIFETIME_MS, OAuthFlowRegistry } from './oauth-flow';
import { pkceChallenge } from './pkce';

const request = {
  orgKind: 'production' as const,
  loginUrl: 'https://login.salesforce.com',
  clientId: 'client-id',
  redirectUri: 'leadbridge://oauth/callback',
  scopes: ['api', 'refresh_token'],
};

function registry() {
  const clock = new FakeClock(1_000_000);
  return { clock, flows: new OAuthFlowRegistry(clock) };
}

describe('OAuthFlowRegistry', () => {
  it('builds an authorize URL with PKCE S256, state, scopes and the redirect URI', () => {
    const { flows } = registry();
    const flow = flows.begin(request);
    const url = new URL(flow.authorizeUrl);
    expect(url.origin + url.pathname).toBe(
      'https://login.salesforce.com/services/oauth2/authorize',
    );
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'client-id',
      redirect_uri: 'leadbridge://oauth/callback',
      scope: 'api refresh_token',
      state: flow.state,
      code_challenge: pkceChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    expect(flow.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('accepts its state once, then never again', () => {
    const { flows } = registry();
    const flow = flows.begin(request);
    expect(flows.claim(flow.state)).toBe(flow);
    expect(() => flows.claim(flow.state)).toThrowError(
      expect.objectContaining({ code: 'OAUTH_UNKNOWN_STATE' }),
    );
  });

  it('forgets the old flow when a new Connect starts', () => {
    const { flows } = registry();
    const old = flows.begin(request);
    const current = flows.begin(request);
    expect(current.state).not.toBe(old.state);
    expect(() => flows.claim(old.state)).toThrowError(
      expect.objectContaining({ code: 'OAUTH_UNKNOWN_STATE' }),
    );
    expect(flows.claim(current.state)).toBe(current);
  });

  it('expires a flow after ten minutes', () => {
    const { flows, clock } = registry();
    const flow = flows.begin(request);
    clock.time += FLOW_LIFETIME_MS + 1;
    expect(flows.pending()).toBeUndefined();
    expect(() => flows.claim(flow.state)).toThrowError(
      expect.objectContaining({ code: 'OAUTH_FLOW_EXPIRED' }),
    );
  });

  it('rejects unknown, missing and cancelled states', () => {
    const { flows } = registry();
    const flow = flows.begin(request);
    expect(() => flows.claim('forged')).toThrow();
    expect(() => flows.claim(null)).toThrow();
    expect(flows.cancel()).toBe(true);
    expect(() => flows.claim(flow.state)).toThrow();
  });
});
