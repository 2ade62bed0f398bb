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
    expect(status.message).not.toMatch(/failed/);
    const usage = core!.sync.status().apiUsage;
    expect(usage).toMatchObject({ max: 100_000 });
    expect(usage!.used).toBeGreaterThan(0);

    const again = await core!.handlers['connection:status']({});
    expect(again.message).not.toMatch(/failed/);
    expect(core!.sync.status().apiUsage!.used).toBeGreaterThan(usage!.used);
  });

  it("API usage is one figure: the latest call's, whichever screen made it, in the sync status at once", async () => {
    const { org, core } = await signIn({ demoUserViewsSetup: true });
    // No sync runs to refresh the sync status by the way.
    core.sync.pause();
    await core.sync.idle();
    const told: number[] = [];
    core.sync.onChange((status) => told.push(status.apiUsage?.used ?? 0));
    await fetch(`${org.url}/__admin/settings`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiUsage: 42_000 }),
    });
    // The Connection screen's call, not a sync, hears the new figure.
    await core.handlers['connection:status']({});
    expect(core.sync.status().apiUsage!.used).toBeGreaterThanOrEqual(42_000);
    expect(told.at(-1)).toBe(core.sync.status().apiUsage!.used);
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
