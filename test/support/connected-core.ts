import type { DemoOrgHandle } from '../../src-main/demo-org';
import type { StoredSession } from '../../src-main/core/salesforce/session-vault';
import { FakeClock } from './fake-clock';
import { createTestCore, memorySecretStore } from './test-core';

/**
 * A core already signed in to a demo org (a session sealed as a real sign-in would leave
 * it), on a fake clock so that nothing syncs until the test says so.
 */
export async function createConnectedCore(org: DemoOrgHandle, clock = new FakeClock()) {
  const issued = org.issueSession({ refreshToken: true });
  const session: StoredSession = {
    orgKind: 'my-domain',
    loginUrl: org.url,
    clientId: 'leadbridge-test',
    instanceUrl: issued.instance_url,
    identityUrl: issued.id,
    accessToken: issued.access_token,
    refreshToken: issued.refresh_token ?? null,
    scope: issued.scope,
    issuedAt: issued.issued_at,
    lastRefreshedAt: null,
  };
  const secrets = memorySecretStore();
  await secrets.set('salesforce.session', JSON.stringify(session));
  const core = await createTestCore({ secretStore: secrets, clock });
  return { core, clock, secrets };
}

/** Runs "Sync now" and waits for it (and any follow-up) to finish. */
export async function syncNow(core: Awaited<ReturnType<typeof createTestCore>>) {
  core.sync.requestSync();
  await core.sync.idle();
  return core.sync.status();
}
