import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoExamples } from '../../../src-main/core/channels/demo-examples';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { LEAD_STATUSES } from '../../../src-main/demo-org/field-catalog';
import { WORKING } from '../../support/channel-fixture';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import { outboxRows } from '../../support/outbox-rows';

const ALEX = 'alex.host@leadbridge.demo';

let org: DemoOrgHandle;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
const core = () => harness.core;

beforeEach(async () => {
  org = await startDemoOrg({ leads: 30, seed: 'write-back-flow' });
  harness = await createConnectedCore(org);
});
afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

/** Lets the worker take what the last commit queued, and waits until it has sent it. */
async function drained() {
  await Promise.resolve();
  await core().outboxWorker.idle();
}

describe('the demo’s write-back, from an edit on the org to the Lead’s owner and activities', () => {
  it('activates on the Status edit, logs the invite as a Task, and on booking writes the owner = the host’s User and creates the Event', async () => {
    seedDemoExamples(core(), { hostEmail: ALEX, timeZone: 'UTC', leadStatuses: LEAD_STATUSES });
    await syncNow(core());
    for (const channel of core().channels.list()) core().channels.setEnabled(channel.id, true);
    const lead = core()
      .leads.search('', 30, 0)
      .leads.find((l) => l.status !== WORKING && !l.isConverted)!;
    org.updateRecord('Lead', lead.id, { Status: WORKING });
    await syncNow(core());
    const [instance] = core().instances.openOf(lead.id);
    expect(instance).toMatchObject({ status: 'activated', meetingType: { name: 'Intro call' } });

    const attempt = await core().handlers['instances:record-attempt']({
      instanceId: instance!.id,
      kind: 'invite',
    });
    expect(attempt.instance.status).toBe('invited');
    await core().handlers['instances:set-status']({
      instanceId: instance!.id,
      status: 'booked',
      reason: 'Booked by phone',
      booking: {
        start: '2026-12-03T15:00:00.000Z',
        end: '2026-12-03T15:30:00.000Z',
        hostEmail: ALEX,
        meetingUrl: 'https://meet.example.com/intro',
      },
    });
    await drained();

    const rows = outboxRows(core());
    expect(rows.map(({ kind, state }) => ({ kind, state }))).toEqual([
      { kind: 'task_create', state: 'sent' },
      { kind: 'lead_update', state: 'sent' },
      { kind: 'event_create', state: 'sent' },
    ]);
    const owner = org.getRecord('Lead', lead.id)!.OwnerId as string;
    expect(org.getRecord('User', owner)).toMatchObject({ Email: ALEX });
    expect(org.getRecord('Task', rows[0]!.resultId!)).toMatchObject({
      WhoId: lead.id,
      Subject: 'Meeting invite: Intro call',
      Status: 'Completed',
      TaskSubtype: 'Email',
    });
    expect(org.getRecord('Event', rows[2]!.resultId!)).toMatchObject({
      WhoId: lead.id,
      Subject: `Intro call with ${ALEX}`,
      Location: 'https://meet.example.com/intro',
    });
    expect(
      core()
        .channels.list()
        .map((channel) => channel.fireCount),
    ).toEqual([1, 1]);
  });
});
