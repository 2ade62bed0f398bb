import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import type { EventMessage } from '../../../src-preload/contract';
import { AppError } from '../../../src-main/core/errors';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import { all, decisionsOf, enabledChannel, WORKING } from '../../support/channel-fixture';
import { makeTempDirectory } from '../../support/temp-directory';

let org: DemoOrgHandle;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
const core = () => harness.core;

beforeEach(async () => {
  org = await startDemoOrg({ leads: 300, seed: 'channel-runner' });
  harness = await createConnectedCore(org);
  await syncNow(core());
});
afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

/** A cached Lead that is not yet Working - Contacted and not converted. */
function openLead(index = 0) {
  const leads = core()
    .leads.search('', 300, 0)
    .leads.filter((lead) => lead.status !== WORKING && !lead.isConverted);
  return leads[index]!;
}

const statusTo = (status: string) =>
  all({ field: 'Status', operator: 'changed_to', value: status });
const openInstances = (leadId: string) => core().instances.openOf(leadId);

describe('channel runner against the demo org', () => {
  it('turns an edit on the org into a fired decision, an activated instance and a channel.fired entry', async () => {
    const { type, channel } = enabledChannel(core(), {
      name: 'Status changed to Working',
      conditions: statusTo(WORKING),
    });
    const lead = openLead();
    org.updateRecord('Lead', lead.id, { Status: WORKING });
    await syncNow(core());

    const decisions = await decisionsOf(core(), lead.id);
    expect(decisions).toEqual([
      expect.objectContaining({
        channelId: channel.id,
        channelVersion: 1,
        matched: true,
        fired: true,
        effect: 'activated',
        replay: false,
      }),
    ]);
    expect(openInstances(lead.id)).toEqual([
      expect.objectContaining({
        status: 'activated',
        meetingType: { id: type.id, name: type.name },
      }),
    ]);
    const [fired] = core().log.list({ limit: 10, kinds: ['channel.fired'] }).entries;
    expect(fired).toMatchObject({
      subject: lead.id,
      details: { channel: channel.name, meetingType: 'Intro call', effect: 'activated' },
    });
    expect(core().channels.list()[0]).toMatchObject({ fireCount: 1 });
  });

  it('records one decision per enabled channel for every change, fired or not', async () => {
    enabledChannel(core(), { name: 'Working', conditions: statusTo(WORKING) });
    enabledChannel(core(), { name: 'Closed', conditions: statusTo('Closed - Not Converted') });
    const [a, b] = [openLead(0), openLead(1)];
    org.updateRecord('Lead', a.id, { Status: WORKING });
    org.updateRecord('Lead', b.id, { Title: 'CTO' });
    await syncNow(core());
    const byChannel = (await decisionsOf(core(), a.id)).map((d) => [d.channelName, d.fired]);
    expect(byChannel.sort()).toEqual([
      ['Closed', false],
      ['Working', true],
    ]);
    expect((await decisionsOf(core(), b.id)).map((d) => d.fired)).toEqual([false, false]);
  });

  it('fires "becomes true" once while the conditions stay true, and "every time" on each change', async () => {
    const rising = enabledChannel(core(), {
      name: 'Hot',
      conditions: all({ field: 'Rating', operator: 'is', value: 'Hot' }),
    }).channel;
    const always = enabledChannel(core(), {
      name: 'Hot every time',
      meetingType: 'Follow-up',
      action: 'initialize',
      trigger: 'every_time',
      conditions: all({ field: 'Rating', operator: 'is', value: 'Hot' }),
    }).channel;
    const lead = openLead();
    org.updateRecord('Lead', lead.id, { Rating: 'Warm' });
    await syncNow(core());
    org.updateRecord('Lead', lead.id, { Rating: 'Hot' });
    await syncNow(core());
    org.updateRecord('Lead', lead.id, { Title: 'Head of Ops' });
    await syncNow(core());

    const fired = (await decisionsOf(core(), lead.id)).filter((d) => d.fired);
    expect(fired.filter((d) => d.channelId === rising.id)).toHaveLength(1);
    expect(fired.filter((d) => d.channelId === always.id).map((d) => d.effect)).toEqual([
      'initialized',
      'already_open',
    ]);
  });

  it('judges a save of several fields as one change: one decision per channel', async () => {
    enabledChannel(core(), {
      name: 'Working in the US',
      conditions: all(
        { field: 'Status', operator: 'is', value: WORKING },
        { field: 'Country', operator: 'is', value: 'US' },
      ),
    });
    const lead = openLead();
    org.updateRecord('Lead', lead.id, { Country: 'DE' });
    await syncNow(core());
    org.updateRecord('Lead', lead.id, { Status: WORKING, Country: 'US' });
    await syncNow(core());
    const decisions = await decisionsOf(core(), lead.id);
    expect(decisions.map((d) => [d.fired, d.effect])).toEqual([
      [false, 'none'],
      [true, 'activated'],
    ]);
  });

  it('deactivates with an Intercept channel, and closes a converted or deleted Lead’s instances', async () => {
    enabledChannel(core(), { name: 'Working', conditions: statusTo(WORKING) });
    const intercept = enabledChannel(core(), {
      name: 'Not converted stops it',
      kind: 'intercept',
      conditions: statusTo('Closed - Not Converted'),
    }).channel;
    const [a, b, c] = [openLead(0), openLead(1), openLead(2)];
    for (const lead of [a, b, c]) org.updateRecord('Lead', lead.id, { Status: WORKING });
    await syncNow(core());
    expect([a, b, c].map((lead) => openInstances(lead.id).length)).toEqual([1, 1, 1]);

    org.updateRecord('Lead', a.id, { Status: 'Closed - Not Converted' });
    org.convertLead(b.id);
    org.deleteRecord('Lead', c.id);
    await syncNow(core());
    expect([a, b, c].map((lead) => openInstances(lead.id).length)).toEqual([0, 0, 0]);
    const last = (await decisionsOf(core(), a.id))
      .filter((d) => d.channelId === intercept.id)
      .at(-1);
    expect(last).toMatchObject({ fired: true, effect: 'deactivated' });
    const closedBy = (leadId: string) =>
      core()
        .instances.search({ query: leadId, limit: 5, offset: 0 })
        .instances.map((instance) => core().instances.history(instance.id)[0]!.reason);
    expect(closedBy(b.id)).toEqual(['The Lead was converted in Salesforce.']);
    expect(closedBy(c.id)).toEqual(['The Lead was deleted in Salesforce.']);
  });

  it('records a refused effect in the decision and goes on deciding later changes', async () => {
    enabledChannel(core(), { name: 'Working', conditions: statusTo(WORKING) });
    const refuse = core().instances.onStatusEntered(() => {
      throw new AppError('UPDATE_REFUSED', 'The Update channel could not queue its write.');
    });
    const [a, b] = [openLead(0), openLead(1)];
    org.updateRecord('Lead', a.id, { Status: WORKING });
    await syncNow(core());
    refuse();
    org.updateRecord('Lead', b.id, { Status: WORKING });
    await syncNow(core());
    expect(await decisionsOf(core(), a.id)).toEqual([
      expect.objectContaining({
        fired: true,
        effect: 'none',
        reason: expect.stringContaining('could not queue its write'),
      }),
    ]);
    expect(openInstances(a.id)).toEqual([]);
    expect((await decisionsOf(core(), b.id))[0]).toMatchObject({ effect: 'activated' });
  });

  it('Replay decides again without a second open instance, marked as replay', async () => {
    enabledChannel(core(), { name: 'Working', conditions: statusTo(WORKING) });
    const lead = openLead();
    org.updateRecord('Lead', lead.id, { Status: WORKING });
    await syncNow(core());
    const [change] = core().leads.timeline(lead.id)!.changes;
    const first = await core().handlers['channels:replay']({ changeId: change!.id });
    const second = await core().handlers['channels:replay']({ changeId: change!.id });
    for (const replayed of [first, second]) {
      expect(replayed.decisions).toEqual([
        expect.objectContaining({ fired: true, effect: 'already_open', replay: true }),
      ]);
    }
    expect(core().instances.search({ query: lead.id, limit: 5, offset: 0 }).total).toBe(1);
  });

  it('disables a channel whose field Salesforce renamed, in the log, with channels:changed and one notification', async () => {
    const { channel } = enabledChannel(core(), {
      name: 'High score',
      conditions: all({ field: 'Lead_Score__c', operator: 'gt', value: 50 }),
    });
    const changed: number[][] = [];
    const notified: string[] = [];
    core().events.subscribe((message: EventMessage) => {
      if (message.event === 'channels:changed') changed.push(message.payload.channelIds);
      if (message.event === 'notification:raised') notified.push(message.payload.title);
    });
    const response = await fetch(`${org.url}/__admin/schema/Lead/fields/Lead_Score__c`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Lead_Rating__c' }),
    });
    expect(response.ok).toBe(true);
    await syncNow(core());

    const [after] = core().channels.list();
    expect(after).toMatchObject({
      enabled: false,
      disabledReason: expect.stringContaining('Lead_Score__c'),
    });
    expect(after!.errors[0]).toMatchObject({ code: 'FIELD_UNKNOWN' });
    expect(core().log.list({ limit: 5, kinds: ['channel.disabled'] }).entries).toHaveLength(1);
    expect(changed).toContainEqual([channel.id]);
    await syncNow(core());
    expect(notified).toEqual(['Channel “High score” turned off']);
  });

  it('refuses to save rules that do not fit the describe, and saves nothing', async () => {
    const type = core().meetingTypes.create({
      name: 'Demo',
      hosts: ['h@example.com'],
      calendar: null,
    });
    const result = core().handlers['channels:create'];
    expect(() =>
      result({
        meetingTypeId: type.id,
        name: 'Bad',
        kind: 'import',
        action: 'initialize',
        interceptScope: 'meeting_type',
        rules: {
          conditions: all({ field: 'Status', operator: 'is', value: 'Nonsense' }),
          trigger: 'becomes_true',
          timeZone: 'UTC',
        },
      }),
    ).toThrowError(expect.objectContaining({ code: 'CHANNEL_INVALID' }));
    expect(core().channels.list()).toEqual([]);
  });

  it('previews matches now and would-have-fired over the recorded changes, with examples', async () => {
    const [a, b] = [openLead(0), openLead(1)];
    org.updateRecord('Lead', a.id, { Status: WORKING });
    org.updateRecord('Lead', b.id, { Status: WORKING });
    await syncNow(core());
    const preview = await core().handlers['channels:preview']({
      meetingTypeId: core().meetingTypes.create({
        name: 'P',
        hosts: ['p@example.com'],
        calendar: null,
      }).id,
      name: 'Preview',
      kind: 'import',
      action: 'initialize',
      interceptScope: 'meeting_type',
      rules: { conditions: statusTo(WORKING), trigger: 'becomes_true', timeZone: 'UTC' },
    });
    expect(preview).toMatchObject({ wouldHaveFired: 2, matchingNow: 0, cachedLeads: 300 });
    expect(preview.examples.map((example) => example.leadId).sort()).toEqual([a.id, b.id].sort());
    const valueRule = await core().handlers['channels:preview']({
      meetingTypeId: 1,
      name: 'Preview',
      kind: 'import',
      action: 'initialize',
      interceptScope: 'meeting_type',
      rules: {
        conditions: all({ field: 'Status', operator: 'is', value: WORKING }),
        trigger: 'becomes_true',
        timeZone: 'UTC',
      },
    });
    const working = core()
      .leads.search('', 300, 0)
      .leads.filter((l) => l.status === WORKING);
    expect(valueRule.matchingNow).toBe(working.length);
  });
});

describe('channel runner across a restart', () => {
  it('resumes from its cursor: every change decided once per channel, none twice', async () => {
    const directory = makeTempDirectory('lb-channels-restart');
    const first = await createConnectedCore(org, undefined, { dataDirectory: directory.path });
    try {
      await syncNow(first.core);
      enabledChannel(first.core, { name: 'Working', conditions: statusTo(WORKING) });
      const lead = first.core.leads.search('', 300, 0).leads.find((l) => l.status !== WORKING)!;
      org.updateRecord('Lead', lead.id, { Status: WORKING });
      await syncNow(first.core);
      first.core.close();

      org.updateRecord('Lead', lead.id, { Title: 'Restarted' });
      const second = await createConnectedCore(org, undefined, { dataDirectory: directory.path });
      await syncNow(second.core);
      const decisions = await decisionsOf(second.core, lead.id);
      expect(decisions.map((d) => [d.changeId, d.fired])).toEqual([
        [expect.any(Number), true],
        [expect.any(Number), false],
      ]);
      expect(new Set(decisions.map((d) => d.changeId)).size).toBe(2);
      expect(second.core.instances.openOf(lead.id)).toHaveLength(1);
      second.core.close();
    } finally {
      directory.remove();
    }
  });
});
