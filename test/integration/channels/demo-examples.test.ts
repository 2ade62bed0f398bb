import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bookedLikeStatus,
  seedDemoBookingSettings,
  seedDemoExamples,
} from '../../../src-main/core/channels/demo-examples';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { LEAD_STATUSES } from '../../../src-main/demo-org/field-catalog';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import { decisionsOf, WORKING } from '../../support/channel-fixture';
import { outboxRows } from '../../support/outbox-rows';

const HOST = 'alex.host@leadbridge.demo';
const DEMO = { hostEmail: HOST, timeZone: 'UTC', leadStatuses: LEAD_STATUSES };

let org: DemoOrgHandle;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;

beforeEach(async () => {
  org = await startDemoOrg({ leads: 50, seed: 'demo-examples' });
  harness = await createConnectedCore(org);
});
afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

describe('the demo’s example channel', () => {
  it('is seeded once, disabled, and once enabled activates an instance when a Lead becomes Working - Contacted', async () => {
    const { core } = harness;
    expect(seedDemoExamples(core, DEMO)).toBe(true);
    expect(seedDemoExamples(core, DEMO)).toBe(false);
    const [example] = core.channels.list();
    expect(example).toMatchObject({
      name: 'Status changed to Working - Contacted',
      meetingTypeName: 'Intro call',
      action: 'initialize_and_activate',
      enabled: false,
    });
    expect(core.meetingTypes.list(false)[0]).toMatchObject({
      hosts: [HOST],
      activityLogging: { tasks: true, events: true },
    });

    await syncNow(core);
    // The value is one of the demo org's Lead Status values: enabling checks it.
    expect(core.channels.setEnabled(example!.id, true).enabled).toBe(true);
    const lead = core.leads.search('', 50, 0).leads.find((l) => l.status !== WORKING)!;
    org.updateRecord('Lead', lead.id, { Status: WORKING });
    await syncNow(core);
    expect((await decisionsOf(core, lead.id))[0]).toMatchObject({
      fired: true,
      effect: 'activated',
    });
  });

  it('includes a disabled Update channel that fits the demo org’s describe: once enabled, booking a Lead queues its owner = the host and an Event', async () => {
    const { core } = harness;
    seedDemoExamples(core, DEMO);
    const [example, update] = core.channels.list();
    const booked = bookedLikeStatus(LEAD_STATUSES);
    expect(update).toMatchObject({
      kind: 'update',
      enabled: false,
      update: {
        statuses: ['booked'],
        writes: [
          ...(booked ? [{ field: 'Status', source: 'fixed', value: booked }] : []),
          { field: 'OwnerId', source: 'host_user' },
        ],
      },
    });
    await syncNow(core);
    expect(core.channels.setEnabled(update!.id, true)).toMatchObject({ enabled: true, errors: [] });
    core.channels.setEnabled(example!.id, true);
    const lead = core.leads.search('', 50, 0).leads.find((l) => l.status !== WORKING)!;
    org.updateRecord('Lead', lead.id, { Status: WORKING });
    await syncNow(core);
    const [instance] = core.instances.openOf(lead.id);
    await core.handlers['instances:set-status']({
      instanceId: instance!.id,
      status: 'booked',
      reason: 'Booked by phone',
      booking: {
        start: '2026-12-03T15:00:00.000Z',
        end: '2026-12-03T15:30:00.000Z',
        hostEmail: HOST,
        meetingUrl: null,
      },
    });
    expect(outboxRows(core).map(({ kind, hostUsers }) => ({ kind, hostUsers }))).toEqual([
      { kind: 'lead_update', hostUsers: { OwnerId: HOST } },
      { kind: 'event_create', hostUsers: {} },
    ]);
  });
});

describe('the booked-like Lead Status', () => {
  it('is a value that says booked, whatever its case, and none when the org has no such value', () => {
    expect(bookedLikeStatus(['Open', 'Meeting Booked', 'Closed'])).toBe('Meeting Booked');
    expect(bookedLikeStatus(['Open', 'BOOKED - call'])).toBe('BOOKED - call');
    expect(bookedLikeStatus(['Open - Not Contacted', 'Overbooked'])).toBeUndefined();
  });

  it('maps the meeting type to the demo scheduler’s calendar when given one', async () => {
    seedDemoExamples(harness.core, { ...DEMO, calendar: { id: '7a1c9e05', name: 'Intro call' } });
    expect(harness.core.meetingTypes.list(false)[0]!.calendar).toEqual({
      id: '7a1c9e05',
      name: 'Intro call',
    });
  });

  it('seeds once a default booking mapping that the demo org’s Lead describe accepts', async () => {
    const { core } = harness;
    const question = 'What would you like to discuss?';
    expect(seedDemoBookingSettings(core.bookingSettings, question)).toBe(true);
    expect(seedDemoBookingSettings(core.bookingSettings, 'another')).toBe(false);
    const [settings] = core.bookingSettings.list();
    expect(settings).toMatchObject({
      calendarId: null,
      objectToLink: 'lead',
      createWhenMissing: true,
      overwriteWhenFound: false,
      createEvent: true,
    });
    expect(settings!.leadMapping.map((row) => row.field)).toEqual([
      'LastName',
      'FirstName',
      'Email',
      'Company',
      'LeadSource',
      'Description',
    ]);
    await syncNow(core);
    expect(await core.handlers['booking-settings:validate'](settings!)).toEqual({ errors: [] });
  });
});
