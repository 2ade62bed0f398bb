import { afterEach, describe, expect, it } from 'vitest';
import { ExternalDemoOrg } from '../../../src-main/demo-org-launchers';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { answerConsent } from '../../support/demo-consent';
import { createTestCore } from '../../support/test-core';

// Answers real orgs give that an admin's test org does not: an ordinary user may not read
// /limits, and the identity service says "expired" with a 403 instead of a 401.
let org: DemoOrgHandle | undefined;
let core: Awaited<ReturnType<typeof createTestCore>> | undefined;

afterEach(async () => {
  core?.dispose();
  await org?.close();
  core = undefined;
  org = undefined;
});

async function signIn(options: { demoUserViewsSetup: boolean }) {
  org = await startDemoOrg({ leads: 5, ...options });
  core = await createTestCore({ demoOrg: new ExternalDemoOrg(org.url) });
  const { authorizeUrl } = await core.handlers['connection:connect']({ org: 'demo' });
  const status = await core.connection.handleCallback(await answerConsent(authorizeUrl, 'allow'));
  return { org, core, status };
}

const calls = (fragment: string) =>
  org!.requests().filter((request) => request.path.endsWith(fragment));

describe('answers of a real org', () => {
  it('a user without "View Setup and Configuration" signs in, with API usage from Sforce-Limit-Info', async () => {
    const { status } = await signIn({ demoUserViewsSetup: false });
    expect(calls('/limits').map((request) => request.status)).toEqual([403]);
    expect(status.state).toBe('connected');
    expect(status.problem).toBeNull();
    expect(status.org?.displayName).toBe('Dana Demo');
    expect(status.apiUsage).toMatchObject({ max: 100_000 });
    expect(status.apiUsage!.used).toBeGreaterThan(0);
    expect(status.message).not.toMatch(/failed/);

    const again = await core!.handlers['connection:status']({});
    expect(again.message).not.toMatch(/failed/);
    expect(again.apiUsage!.used).toBeGreaterThan(status.apiUsage!.used);
  });

  it('userinfo refusing an expired token with 403 Bad_OAuth_Token: refreshed and asked again', async () => {
    const { org } = await signIn({ demoUserViewsSetup: true });
    org.expireSessions();
    org.clearRequests();
    const status = await core!.handlers['connection:status']({});
    expect(calls('/userinfo').map((request) => request.status)).toEqual([403, 200]);
    expect(calls('/oauth2/token')).toHaveLength(1);
    expect(status.state).toBe('connected');
    expect(status.message).not.toMatch(/failed/);
    expect(status.token?.lastRefreshedAt).not.toBeNull();
  });
});
