// Near-real-time sync against the demo org's CometD endpoint. The core runs on a fake clock
// (its debounce and the 5-minute poll move only when the test says), while the streaming
// client talks to the org over real sockets: waits poll the log every 10 ms for at most 10 s of
// real time and move the fake clock by 100 ms a step, so at most 100 s: short of the poll's 5
// minutes, which could otherwise pass a test the stream failed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { createConnectedCore, secretsSignedInTo, syncNow } from '../../support/connected-core';
import { admin } from '../../support/demo-org-admin';
import { FakeClock } from '../../support/fake-clock';
import { createTestCore } from '../../support/test-core';
import { makeTempDirectory } from '../../support/temp-directory';
import { orgProxy, type OrgProxy } from '../../support/org-proxy';
import { refusingLeadChannel } from '../../support/refusing-lead-channel';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

let org: DemoOrgHandle;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  org = await startDemoOrg({ leads: 300, seed: 'stream-test' });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await org.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` holds, stepping the fake clock; fails after 10 s of real time. */
async function waitFor(what: string, clock: FakeClock, probe: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    clock.advance(100);
    await sleep(10);
  }
}

/** Lets real time pass (events would arrive) while the fake clock moves `fakeMs`. */
async function letTimePass(clock: FakeClock, fakeMs: number): Promise<void> {
  for (let moved = 0; moved < fakeMs; moved += 100) {
    clock.advance(100);
    await sleep(10);
  }
}

/** The org's admin API, as the demo page and benchmarks use it. */
function orgAdmin(path: string, method = 'POST'): Promise<unknown> {
  return admin(org.url, method, path);
}

async function lastReplayIdAtOrg(): Promise<number> {
  const { events } = (await orgAdmin('events', 'GET')) as { events: { replayId: number }[] };
  return Math.max(...events.map((event) => event.replayId));
}

const entries = (core: TestCore, kind: string) =>
  core.log.list({ limit: 1000, kinds: [kind] }).entries;
const changedLead = (core: TestCore, id: string, field: string) =>
  entries(core, 'lead.changed').some((e) => e.subject === id && e.details.field === field);

async function connectedAndLive() {
  const harness = await createConnectedCore(org);
  cleanups.push(() => harness.core.dispose());
  await syncNow(harness.core);
  await waitFor(
    'the stream to start',
    harness.clock,
    () => entries(harness.core, 'sync.streaming-started').length > 0,
  );
  return harness;
}

/** A core signed in to the org through `proxy`, which the session names as its instance. */
async function coreThrough(proxy: OrgProxy) {
  const issued = org.issueSession({ refreshToken: true });
  const secrets = await secretsSignedInTo(proxy.url, { ...issued, instance_url: proxy.url });
  const clock = new FakeClock();
  const core = await createTestCore({ secretStore: secrets, clock });
  cleanups.push(() => core.dispose());
  return { core, clock, issued };
}

async function liveThroughProxy() {
  const proxy = await orgProxy(org.url);
  cleanups.push(() => proxy.close());
  const { core, clock } = await coreThrough(proxy);
  await syncNow(core);
  await waitFor(
    'the stream to start',
    clock,
    () => entries(core, 'sync.streaming-started').length > 0,
  );
  return { core, clock, proxy };
}

/**
 * faye retries a failed request or handshake every 5 s on its own. The fake clock holds the
 * stream's own retry back, so any request from 1 s to 7 s after the close would come from a
 * closed client. (One that faye sent as it read the answer that closed it may still be on its
 * way during the first second: counting from the close made the test fail at random.)
 */
async function expectNoMoreCometdRequests(proxy: OrgProxy): Promise<void> {
  await sleep(1_000);
  const sent = proxy.cometdRequests();
  await sleep(6_000);
  expect(proxy.cometdRequests()).toBe(sent);
}

describe('near-real-time sync through Change Data Capture', () => {
  it('syncs an edit made in Salesforce without anyone clicking Sync now', async () => {
    const { core, clock } = await connectedAndLive();
    const [lead] = core.leads.search('', 1, 0).leads;
    const completedBefore = entries(core, 'sync.completed').length;

    org.updateRecord('Lead', lead!.id, { Status: 'Working - Contacted' });
    await waitFor('the edit in the log', clock, () => changedLead(core, lead!.id, 'Status'));

    const completed = entries(core, 'sync.completed');
    expect(completed.length).toBe(completedBefore + 1);
    expect(completed[0]!.details).toMatchObject({ trigger: 'change-event', apiCalls: 1 });
    expect(core.leads.timeline(lead!.id)!.lead.fields.Status).toBe('Working - Contacted');
    expect(core.sync.status().nextSyncAt).not.toBeNull();
  });

  it('coalesces a burst of edits into one sync', async () => {
    const { core, clock } = await connectedAndLive();
    const leads = core.leads.search('', 5, 0).leads;
    const completedBefore = entries(core, 'sync.completed').length;

    for (const lead of leads) org.updateRecord('Lead', lead.id, { Lead_Score__c: 42 });
    await waitFor('every edit in the log', clock, () =>
      leads.every((lead) => changedLead(core, lead.id, 'Lead_Score__c')),
    );
    await letTimePass(clock, 1_000);
    expect(entries(core, 'sync.completed').length).toBe(completedBefore + 1);
  });

  it('does not sync while paused, and catches up through replay on resume', async () => {
    const { core, clock } = await connectedAndLive();
    const [first, second] = core.leads.search('', 2, 0).leads;
    org.updateRecord('Lead', first!.id, { Status: 'Working - Contacted' });
    await waitFor('the first edit', clock, () => changedLead(core, first!.id, 'Status'));

    core.sync.pause();
    expect(entries(core, 'sync.streaming-stopped')[0]?.details).toEqual({ reason: 'paused' });
    org.updateRecord('Lead', second!.id, { Status: 'Closed - Not Converted' });
    await letTimePass(clock, 3_000);
    expect(changedLead(core, second!.id, 'Status')).toBe(false);

    // Resuming does not make the poll due (the last sync is seconds old): only the replayed
    // event can bring the edit in.
    core.sync.resume();
    await waitFor('the replayed edit', clock, () => changedLead(core, second!.id, 'Status'));
    expect(entries(core, 'sync.completed')[0]!.details).toMatchObject({
      trigger: 'change-event',
    });
  });

  it('resumes from the stored replay id after a restart', async () => {
    const data = makeTempDirectory('lb-stream');
    cleanups.push(() => data.remove());
    const clock = new FakeClock();
    const secrets = await secretsSignedInTo(org.url, org.issueSession({ refreshToken: true }));
    const first = await createTestCore({ secretStore: secrets, clock, dataDirectory: data.path });
    await syncNow(first);
    await waitFor(
      'the stream to start',
      clock,
      () => entries(first, 'sync.streaming-started').length > 0,
    );
    const [lead] = first.leads.search('', 1, 0).leads;
    org.updateRecord('Lead', lead!.id, { Lead_Score__c: 11 });
    await waitFor('the first edit', clock, () => changedLead(first, lead!.id, 'Lead_Score__c'));
    first.dispose();

    // Edited while Leadbridge is closed: the event is only in the org's retained stream.
    org.updateRecord('Lead', lead!.id, { Status: 'Working - Contacted' });
    const second = await createTestCore({ secretStore: secrets, clock, dataDirectory: data.path });
    cleanups.push(() => second.dispose());
    const started = () => entries(second, 'sync.streaming-started');
    await waitFor('the stream to start again', clock, () => started().length > 1);
    expect(started()[0]!.details.replayFrom).toEqual(expect.any(Number));
    expect(started()[0]!.details.replayFrom).not.toBe(-1);
    await waitFor('the replayed edit', clock, () => changedLead(second, lead!.id, 'Status'));
  });

  it('resubscribes from the stored replay id when the org drops the client, and logs it', async () => {
    const { core, clock } = await connectedAndLive();
    const [first, second] = core.leads.search('', 2, 0).leads;
    org.updateRecord('Lead', first!.id, { Lead_Score__c: 21 });
    await waitFor('the first edit', clock, () => changedLead(core, first!.id, 'Lead_Score__c'));
    const lastReplayId = await lastReplayIdAtOrg();

    expect(await orgAdmin('drop-stream-clients')).toEqual({ dropped: 1 });
    // Made while the org no longer knows the client: only a replay can bring it in.
    org.updateRecord('Lead', second!.id, { Lead_Score__c: 22 });

    await waitFor('the drop in the log', clock, () =>
      entries(core, 'sync.streaming-stopped').some((e) => e.details.reason === 'dropped'),
    );
    expect(entries(core, 'sync.streaming-stopped')[0]!.details.detail).toBe('403: Unknown client');
    await waitFor('the replayed edit', clock, () => changedLead(core, second!.id, 'Lead_Score__c'));
    expect(entries(core, 'sync.streaming-started')[0]!.details.replayFrom).toBe(lastReplayId);
  });

  it('after the org refused an expired replay id, subscribes afresh and syncs what was missed', async () => {
    const { core, clock } = await connectedAndLive();
    const [first, second, third] = core.leads.search('', 3, 0).leads;
    org.updateRecord('Lead', first!.id, { Lead_Score__c: 31 });
    await waitFor('the first edit', clock, () => changedLead(core, first!.id, 'Lead_Score__c'));
    const lastReplayId = await lastReplayIdAtOrg();

    // As if Leadbridge had been away past the 72-hour retention.
    await orgAdmin('expire-events');
    await orgAdmin('drop-stream-clients');
    org.updateRecord('Lead', second!.id, { Lead_Score__c: 32 });

    const expired = () => entries(core, 'sync.streaming-replay-expired');
    await waitFor('the refusal in the log', clock, () => expired().length > 0);
    expect(expired()[0]!.details).toMatchObject({ replayFrom: lastReplayId });
    expect(expired()[0]!.details.reason).toMatch(
      new RegExp(`The replayId \\{${lastReplayId}\\} you provided was invalid`),
    );
    await waitFor('the missed edit, through a sync', clock, () =>
      changedLead(core, second!.id, 'Lead_Score__c'),
    );
    expect(entries(core, 'sync.streaming-started')[0]!.details.replayFrom).toBe(-1);

    // And the fresh subscription carries new edits.
    org.updateRecord('Lead', third!.id, { Lead_Score__c: 33 });
    await waitFor('a new edit', clock, () => changedLead(core, third!.id, 'Lead_Score__c'));
  });

  it('logs once when the org refuses the channel, and keeps polling', async () => {
    const proxy = await refusingLeadChannel(org.url);
    cleanups.push(() => proxy.close());
    const { core, clock, issued } = await coreThrough(proxy);
    await syncNow(core);

    const unavailable = () => entries(core, 'sync.streaming-unavailable');
    await waitFor('the refusal', clock, () => unavailable().length > 0);
    expect(unavailable()[0]!.details.reason).toMatch(/does not exist/);
    expect(entries(core, 'sync.streaming-started')).toHaveLength(0);

    const [lead] = core.leads.search('', 1, 0).leads;
    org.updateRecord('Lead', lead!.id, { Status: 'Working - Contacted' });
    await letTimePass(clock, 2_000);
    expect(changedLead(core, lead!.id, 'Status')).toBe(false);
    clock.advance(5 * 60_000 + 15_000);
    await core.sync.idle();
    expect(changedLead(core, lead!.id, 'Status')).toBe(true);
    expect(entries(core, 'sync.completed')[0]!.details.trigger).toBe('schedule');
    expect(unavailable()).toHaveLength(1);
    expect(JSON.stringify(core.log.list({ limit: 1000 }).entries)).not.toContain(
      issued.access_token,
    );
  });

  it('leaves the org when it closes, so the org holds no client of it', async () => {
    const { core } = await connectedAndLive();
    core.close();
    await sleep(500);
    expect(await orgAdmin('drop-stream-clients')).toEqual({ dropped: 0 });
  });

  it('says the stream stopped when the org became unreachable, and sends nothing more from the client it closed', async () => {
    const { core, clock, proxy } = await liveThroughProxy();
    proxy.cutCometd();
    await waitFor('the stop in the log', clock, () =>
      entries(core, 'sync.streaming-stopped').some((e) => e.details.reason === 'network'),
    );
    await expectNoMoreCometdRequests(proxy);
  });

  it('sends nothing more from a client it closed when the org refuses its token', async () => {
    const { core, clock, proxy } = await liveThroughProxy();
    // A /meta/connect sent after the expiry would be refused for its token ('auth'), not
    // dropped: expire only while the org holds the long poll, which only a publish ends now.
    await waitFor('a long poll held at the org', clock, () => proxy.longPollHeldMs() >= 200);
    await orgAdmin('expire-sessions');
    // Forgotten, the client handshakes again with the expired token and is denied.
    await orgAdmin('drop-stream-clients');
    await waitFor('the drop in the log', clock, () =>
      entries(core, 'sync.streaming-stopped').some((e) => e.details.reason === 'dropped'),
    );
    await expectNoMoreCometdRequests(proxy);
  });
});
