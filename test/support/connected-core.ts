import type { CoreDependencies } from '../../src-main/core/leadbridge-core';
import type { DemoOrgHandle, IssuedSession } from '../../src-main/demo-org';
import type { StoredSession } from '../../src-main/core/salesforce/session-vault';
import { FakeClock } from './fake-clock';
import { createTestCore, memorySecretStore } from './test-core';

/**
 * A core already signed in to a demo org (a session sealed as a real sign-in would leave
 * it), on a fake clock so that nothing syncs until the test says so.
 */
export async function createConnectedCore(
  org: DemoOrgHandle,
  clock = new FakeClock(),
  overrides: Partial<CoreDependencies> = {},
) {
  const secrets = await secretsSignedInTo(org.url, org.issueSession({ refreshToken: true }));
  const core = await createTestCore({ secretStore: secrets, clock, ...overrides });
  return { core, clock, secrets };
}

/** Secrets holding the session a sign-in to `loginUrl` would have sealed. */
export async function secretsSignedInTo(loginUrl: string, issued: IssuedSession) {
  const session: StoredSession = {
    orgKind: 'my-domain',
    loginUrl,
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
  return secrets;
}

/** Runs "Sync now" and waits for it (and any follow-up) to finish. */
export async function syncNow(core: Awaited<ReturnType<typeof createTestCore>>) {
  core.sync.requestSync();
  await core.sync.idle();
  return core.sync.status();
}
