import { afterEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import { FakeClock } from '../../support/fake-clock';

// A large backlog: Salesforce stops the incremental query as too long (QUERY_TIMEOUT). Asking
// the same again fails the same way for ever; Leadbridge asks for smaller SystemModstamp
// windows instead and catches up within the same sync.
const HOUR = 3_600_000;

let org: DemoOrgHandle | undefined;
let harness: Awaited<ReturnType<typeof createConnectedCore>> | undefined;

afterEach(async () => {
  harness?.core.dispose();
  await org?.close();
  harness = undefined;
  org = undefined;
});

/** An imported cache, then one edit an hour for six hours while Leadbridge was away. */
async function backlog() {
  const clock = new FakeClock();
  org = await startDemoOrg({ leads: 60, seed: 'query-timeout', now: () => clock.now() });
  harness = await createConnectedCore(org, clock);
  expect((await syncNow(harness.core)).state).toBe('idle');
  const ids = harness.core.leads.search('', 6, 0).leads.map((lead) => lead.id);
  for (const [hour, id] of ids.entries()) {
    // Moved by hand: advancing would fire the scheduler's timers.
    clock.time += HOUR;
    org.updateRecord('Lead', id, { Title: `Backlog edit ${hour}` });
  }
  org.clearRequests();
  return { core: harness.core, edits: ids.length };
}

const logOf = (core: Awaited<ReturnType<typeof backlog>>['core'], kind: string) =>
  core.log.list({ kinds: [kind], limit: 50 }).entries;

const incrementalQueries = () =>
  org!
    .requests()
    .filter((r) => r.path.endsWith('/queryAll') && r.query.includes('ORDER%20BY%20SystemModstamp'))
    .map((r) => ({ status: r.status, soql: decodeURIComponent(r.query) }));

describe('QUERY_TIMEOUT on an incremental sync', () => {
  it('asks for narrower SystemModstamp windows and catches up in the same sync', async () => {
    const { core, edits } = await backlog();
    org!.injectFault('query-timeout', { times: 2, match: '/queryAll' });
    const status = await syncNow(core);
    expect(status.state).toBe('idle');
    // (The change events of the edits may queue a second, empty sync: count the log.)
    expect(core.log.list({ kinds: ['lead.changed'], limit: 50 }).total).toBe(edits);
    const [, firstIncremental] = logOf(core, 'sync.completed').reverse();
    expect(firstIncremental?.details).toMatchObject({ changes: edits });
    const queries = incrementalQueries();
    expect(queries.slice(0, 2).map((q) => q.status)).toEqual([400, 400]);
    expect(queries[0]!.soql).not.toMatch(/SystemModstamp <=/);
    // Each retry asks for a window half as wide; the last window stays open to now.
    const widths = queries.slice(1, 3).map((q) => {
      const [from, to] = [...q.soql.matchAll(/SystemModstamp [<>]=? (\S+Z)/g)].map((m) =>
        Date.parse(m[1]!),
      );
      return to! - from!;
    });
    expect(Math.abs(widths[1]! - widths[0]! / 2)).toBeLessThanOrEqual(1000);
    expect(queries.at(-1)!.soql).not.toMatch(/SystemModstamp <=/);
    // The log says how wide the windows became, as each narrowing happened.
    expect(
      logOf(core, 'sync.query-narrowed')
        .reverse()
        .map((entry) => entry.details.windowSeconds),
    ).toEqual(widths.map((width) => width / 1000));
  });

  it('fails at once on any other query error, without narrowing the window', async () => {
    const { core } = await backlog();
    org!.injectFault('request-limit-exceeded', { times: 1, match: '/queryAll' });
    await syncNow(core);
    // (A sync the edits' change events queue may follow and succeed: read the log.)
    expect(logOf(core, 'sync.failed')).toHaveLength(1);
    expect(logOf(core, 'sync.query-narrowed')).toEqual([]);
  });

  it('when even a one-second window times out, the sync fails with the reason and a retry time', async () => {
    const { core } = await backlog();
    org!.injectFault('query-timeout', { ratio: 1, match: '/queryAll' });
    const status = await syncNow(core);
    expect(status.state).toBe('error');
    expect(status.message).toMatch(/ran too long \(QUERY_TIMEOUT\).*tries again in \d+ minutes?/);
    expect(status.nextSyncAt).not.toBeNull();
    // Halving six hours down to a second takes ~15 queries; the edits' change events may
    // queue a second sync. Not a query for ever.
    expect(incrementalQueries().length).toBeLessThan(40);
  });
});
