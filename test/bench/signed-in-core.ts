import type { IssuedSession } from '../../src-main/demo-org';
import { systemClock } from '../../src-main/core/ports';
import { secretsSignedInTo } from '../support/connected-core';
import { admin } from '../support/demo-org-admin';
import { createTestCore } from '../support/test-core';

/**
 * A core signed in to the demo org process at `orgUrl`, on the system clock: the outbox worker
 * and its kicks run on the core's own timers. With it, the session it was signed in with.
 */
export async function signedInCore(orgUrl: string) {
  const issued = (await admin(orgUrl, 'POST', 'sessions', { refreshToken: true })) as IssuedSession;
  const core = await createTestCore({
    secretStore: await secretsSignedInTo(orgUrl, issued),
    clock: systemClock,
  });
  return { core, issued };
}
