import { describe, expect, it } from 'vitest';
import { admin } from '../../support/demo-org-admin';
import { channelCause, key, useConnectedOutbox } from '../../support/outbox-fixture';

const setup = useConnectedOutbox({ leads: 20, seed: 'owner-routing' });
const core = () => setup.harness.core;

const ALEX = 'alex.host@leadbridge.demo';
const SAM = 'sam.host@leadbridge.demo';
const INACTIVE = 'jordan.left@leadbridge.demo';
const SHARED = 'casey.twin@leadbridge.demo';

function leadIds(count: number): string[] {
  return core()
    .leads.search('', 100, 0)
    .leads.filter((lead) => !lead.isConverted)
    .map((lead) => lead.id)
    .sort()
    .slice(0, count);
}

/** "OwnerId := the host's User", as an Update channel queues it. */
function routeTo(leadId: string, hostEmail: string, more: Record<string, unknown> = {}) {
  return (outbox: Parameters<Parameters<typeof setup.queue.queue>[0]>[0]) => {
    const cached = core().leads.timeline(leadId)!.lead.fields;
    return outbox.enqueueLeadUpdate({
      leadId,
      values: { OwnerId: null, ...more },
      hostUsers: { OwnerId: hostEmail },
      basis: Object.fromEntries(
        ['OwnerId', ...Object.keys(more)].map((field) => [field, cached[field] ?? null]),
      ),
      cause: channelCause,
      instanceId: null,
      idempotencyKey: key('owner'),
    });
  };
}

/** The Id of the User with this (unshared) email, as the API answers it. */
async function userId(email: string): Promise<string> {
  const soql = `SELECT Id FROM User WHERE Email = '${email}'`;
  const response = await fetch(
    `${setup.org.url}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
    {
      headers: { Authorization: `Bearer ${setup.org.issueSession().access_token}` },
    },
  );
  const { records } = (await response.json()) as { records: { Id: string }[] };
  return records[0]!.Id;
}

const userQueries = () =>
  setup.org
    .requests()
    .filter((r) => r.path.endsWith('/query') && /FROM\+User|FROM%20User/.test(r.query));
const patches = () => setup.org.requests().filter((r) => r.method === 'PATCH');

describe('owner routing', () => {
  it('sets OwnerId to the host’s one active User, with Sforce-Auto-Assign: FALSE, looking Users up once per batch and then from the cache', async () => {
    const [a, b, c] = leadIds(3);
    await setup.queue.queue((outbox) => {
      routeTo(a!, ALEX)(outbox);
      routeTo(b!, SAM)(outbox);
    });
    const alex = setup.org.getRecord('Lead', a!)!.OwnerId as string;
    expect(String(setup.org.getRecord('User', alex)!.Email)).toBe(ALEX);
    expect(
      String(
        setup.org.getRecord('User', setup.org.getRecord('Lead', b!)!.OwnerId as string)!.Email,
      ),
    ).toBe(SAM);
    expect(userQueries()).toHaveLength(1);
    expect(patches()).toEqual([expect.objectContaining({ autoAssign: 'FALSE' })]);

    await setup.queue.queue(routeTo(c!, ALEX.toUpperCase()));
    expect(setup.org.getRecord('Lead', c!)!.OwnerId).toBe(alex);
    expect(userQueries()).toHaveLength(1);
  });

  it('keeps the org’s active assignment rule from reassigning a Lead it writes, owner or not', async () => {
    const [a, b] = leadIds(2);
    const marcus = await userId('marcus.reyes@leadbridge-demo.example');
    await admin(setup.org.url, 'PUT', 'assignment-rule', { ownerId: marcus });
    const ownerOfB = setup.org.getRecord('Lead', b!)!.OwnerId;
    await setup.queue.queue((outbox) => {
      routeTo(a!, ALEX)(outbox);
      outbox.enqueueLeadUpdate({
        leadId: b!,
        values: { Rating: 'Hot' },
        basis: { Rating: core().leads.timeline(b!)!.lead.fields.Rating ?? null },
        cause: channelCause,
        instanceId: null,
        idempotencyKey: key(),
      });
    });
    expect(setup.org.getRecord('Lead', a!)!.OwnerId).toBe(await userId(ALEX));
    expect(setup.org.getRecord('Lead', b!)).toMatchObject({ Rating: 'Hot', OwnerId: ownerOfB });
    expect(patches()).toEqual([expect.objectContaining({ autoAssign: 'FALSE' })]);
  });

  it('stops the item with a reason when no active User, or two, have the host’s email, and still writes its other fields', async () => {
    const [a, b, c] = leadIds(3);
    const owners = [a, b, c].map((id) => setup.org.getRecord('Lead', id!)!.OwnerId);
    const ids = await setup.queue.queue((outbox) => [
      routeTo(a!, INACTIVE, { Rating: 'Warm' })(outbox),
      routeTo(b!, SHARED)(outbox),
      routeTo(c!, 'nobody@leadbridge.demo')(outbox),
    ]);
    expect(ids.map((id) => [setup.queue.row(id).state, setup.queue.row(id).error_code])).toEqual([
      ['failed', 'HOST_USER_NOT_FOUND'],
      ['failed', 'HOST_USER_AMBIGUOUS'],
      ['failed', 'HOST_USER_NOT_FOUND'],
    ]);
    expect(String(setup.queue.row(ids[1]!).error_message)).toMatch(
      /^2 active Salesforce Users have the email casey\.twin@leadbridge\.demo/,
    );
    expect([a, b, c].map((id) => setup.org.getRecord('Lead', id!)!.OwnerId)).toEqual(owners);
    expect(setup.org.getRecord('Lead', a!)).toMatchObject({ Rating: 'Warm' });
    const failed = core().log.list({ limit: 10, kinds: ['writeback.failed'] }).entries;
    expect(failed.map((entry) => entry.subject).sort()).toEqual([a, b, c].sort());
  });

  it('fails a fixed owner who is an inactive User with Salesforce’s INACTIVE_OWNER_OR_USER and what to do', async () => {
    const [a] = leadIds(1);
    const inactive = await userId(INACTIVE);
    const id = await setup.queue.queue((outbox) =>
      outbox.enqueueLeadUpdate({
        leadId: a!,
        values: { OwnerId: inactive },
        basis: { OwnerId: core().leads.timeline(a!)!.lead.fields.OwnerId ?? null },
        cause: channelCause,
        instanceId: null,
        idempotencyKey: key(),
      }),
    );
    expect(setup.queue.row(id)).toMatchObject({
      state: 'failed',
      error_code: 'INACTIVE_OWNER_OR_USER',
    });
    expect(String(setup.queue.row(id).error_message)).toMatch(
      /activate them or change the meeting type’s host/,
    );
  });
});
