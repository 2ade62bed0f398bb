import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from 'jsforce';
import { AppError } from '../../../src-main/core/errors';
import { SALESFORCE_API_VERSION } from '../../../src-main/core/salesforce/api-version';
import type { CallLimits } from '../../../src-main/core/salesforce/call-limits';
import { SalesforceConnection } from '../../../src-main/core/salesforce/salesforce-connection';
import { SessionRefresher } from '../../../src-main/core/salesforce/session-refresher';
import { SessionVault } from '../../../src-main/core/salesforce/session-vault';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { FAULT_KINDS, type FaultKind } from '../../../src-main/demo-org/faults';
import { secretsSignedInTo } from '../../support/connected-core';
import { FakeClock } from '../../support/fake-clock';

// Every call Leadbridge makes, against every fault the demo org offers, on a connection with
// short limits: each call ends in a result or an AppError that says what happened, within the
// bound its limits give (attempts × timeout, plus a refresh's own timeout).
const LIMITS: CallLimits = { timeoutMs: 300, attempts: 2, retryDelayMs: 10 };
const BOUND_MS = 2_500;
const DATA = `/services/data/v${SALESFORCE_API_VERSION}`;

let org: DemoOrgHandle;
let leadIds: string[];

beforeAll(async () => {
  org = await startDemoOrg({ leads: 30, seed: 'call-faults' });
  leadIds = org.seedLeads(2, 'call-faults-extra');
});
afterAll(async () => org.close());
beforeEach(() => org.clearFaults());

async function signedIn(): Promise<SalesforceConnection> {
  const vault = new SessionVault(
    await secretsSignedInTo(org.url, org.issueSession({ refreshToken: true })),
  );
  const clock = new FakeClock();
  return new SalesforceConnection(vault, new SessionRefresher(vault, clock, LIMITS), clock, LIMITS);
}

type Run = (connection: Connection) => Promise<unknown>;
const soql = (text: string) => `?q=${encodeURIComponent(text)}`;

const CALLS: Record<string, { match: string; run: Run; expireFirst?: boolean }> = {
  userinfo: {
    match: '/services/oauth2/userinfo',
    run: (c) => c.request('/services/oauth2/userinfo'),
  },
  limits: { match: '/limits', run: (c) => c.limits() },
  describe: {
    match: '/sobjects/Lead/describe',
    run: (c) => c.request(`${DATA}/sobjects/Lead/describe`),
  },
  query: {
    match: `${DATA}/query`,
    run: (c) => c.request(`${DATA}/query${soql('SELECT Id FROM Lead')}`),
  },
  queryAll: {
    match: '/queryAll',
    run: (c) => c.request(`${DATA}/queryAll${soql('SELECT Id FROM Lead')}`),
  },
  composite: {
    match: '/composite/sobjects',
    run: (c) =>
      c.sobject('Lead').update(
        leadIds.map((Id) => ({ Id, Title: 'Head of Faults' })),
        { allOrNone: false },
      ),
  },
  // The token endpoint is met on a refresh: the session ends first.
  token: { match: '/services/oauth2/token', run: (c) => c.limits(), expireFirst: true },
};

const cases = Object.entries(CALLS).flatMap(([call, spec]) =>
  FAULT_KINDS.map((kind) => ({ call, kind, spec })),
);

async function settle(salesforce: SalesforceConnection, run: Run) {
  const started = Date.now();
  const outcome = await salesforce.call(run).then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return { outcome, ms: Date.now() - started };
}

describe('every Salesforce call under every fault the demo org offers', () => {
  it.each(cases)(
    '$call meeting $kind (every time) ends within the bound, with a result or a clear error',
    async ({ kind, spec }) => {
      const salesforce = await signedIn();
      if (spec.expireFirst) org.expireSessions();
      org.injectFault(kind as FaultKind, { ratio: 1, ms: 100, match: spec.match });
      const { outcome, ms } = await settle(salesforce, spec.run);
      expect(ms).toBeLessThan(BOUND_MS);
      if (!outcome.ok) {
        expect(outcome.error).toBeInstanceOf(AppError);
        const { code, message } = outcome.error as AppError;
        expect(code).toMatch(/^[A-Z_]+$/);
        expect(message).not.toMatch(/<[a-z!]/i);
        expect(message.length).toBeGreaterThan(20);
      }
    },
  );
});

describe('what a call says about each failure', () => {
  const failWith = async (kind: FaultKind, call: keyof typeof CALLS) => {
    const salesforce = await signedIn();
    const spec = CALLS[call]!;
    if (spec.expireFirst) org.expireSessions();
    org.injectFault(kind, { ratio: 1, match: spec.match });
    const { outcome } = await settle(salesforce, spec.run);
    if (outcome.ok) throw new Error(`${call} under ${kind} succeeded`);
    return outcome.error as AppError;
  };

  it('a body that stalls after its headers is a timeout, not a hang', async () => {
    expect(await failWith('stall', 'describe')).toMatchObject({ code: 'SALESFORCE_TIMEOUT' });
    expect(await failWith('stall', 'userinfo')).toMatchObject({ code: 'SALESFORCE_TIMEOUT' });
  });

  it('a connection dropped mid-body is a dropped connection, after the GET was asked again', async () => {
    org.clearRequests();
    expect(await failWith('reset', 'limits')).toMatchObject({ code: 'SALESFORCE_UNREACHABLE' });
    expect(org.requests().filter((r) => r.path.endsWith('/limits'))).toHaveLength(2);
  });

  it('a GET asked again says so before it is sent again: what failed and which attempt comes next', async () => {
    const salesforce = await signedIn();
    const retries: unknown[] = [];
    salesforce.onRetry((retry) => retries.push(retry));
    org.injectFault('503', { times: 1, match: '/limits' });
    await salesforce.call((connection) => connection.limits());
    org.injectFault('reset', { ratio: 1, match: '/limits' });
    await settle(salesforce, (connection) => connection.limits());
    expect(retries).toEqual([
      { attempt: 2, attempts: 2, delayMs: LIMITS.retryDelayMs, failure: 'HTTP 503' },
      { attempt: 2, attempts: 2, delayMs: LIMITS.retryDelayMs, failure: 'the connection dropped' },
    ]);
  });

  it('a 503 maintenance page is a readable "temporarily unavailable"', async () => {
    const error = await failWith('503-html', 'query');
    expect(error.code).toBe('SALESFORCE_UNAVAILABLE');
    expect(error.message).toMatch(/temporarily unavailable \(HTTP 503\)/);
  });

  it.each([
    ['invalid-grant-expired', 'RECONNECT_NEEDED', /expired or was revoked.*connect again/],
    ['invalid-grant-ip-or-hours', 'OAUTH_LOGIN_RESTRICTED', /IP ranges or login hours/],
    ['invalid-grant-inactive-user', 'RECONNECT_NEEDED', /inactive.*reactivate/],
  ] as const)('a refresh refused with %s says why and what to do', async (kind, code, text) => {
    const error = await failWith(kind, 'token');
    expect(error.code).toBe(code);
    expect(error.message).toMatch(text);
  });
});
