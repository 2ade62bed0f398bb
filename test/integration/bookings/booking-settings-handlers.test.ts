import { describe, expect, it } from 'vitest';
import { bookingsOf, leadSettings } from '../../support/booking-fixture';
import { bookingEvent } from '../../support/booking-events';
import { all, enabledChannel, WORKING } from '../../support/channel-fixture';
import { useConnectedOutbox } from '../../support/outbox-fixture';

const setup = useConnectedOutbox({ leads: 4, seed: 'booking-settings' });
const core = () => setup.harness.core;
const handlers = () => core().handlers;

describe('booking settings and the Mapping screen’s fields', () => {
  it('lists every Lead field with what the Mapping screen shows, and the channels that use it', async () => {
    // The channel's Status rule is what makes the field "used by" it.
    enabledChannel(core(), {
      name: 'Working opens',
      conditions: all({ field: 'Status', operator: 'changed_to', value: WORKING }),
    });
    const { fields, describedAt } = await handlers()['mapping:fields']({ object: 'Lead' });
    expect(describedAt).not.toBeNull();
    const byName = new Map(fields.map((field) => [field.name, field]));
    expect(byName.get('Company')).toMatchObject({
      label: 'Company',
      type: 'string',
      createable: true,
      updateable: true,
      required: true,
      calculated: false,
    });
    expect(byName.get('Company')!.bookingFields).toContain('guest_company');
    expect(byName.get('OwnerId')).toMatchObject({ required: false, bookingFields: ['host_user'] });
    expect(byName.get('Status')!.usedByChannels).toEqual([
      { id: expect.any(Number), name: 'Working opens' },
    ]);
    expect(byName.get('Name')).toMatchObject({ createable: false, bookingFields: [] });
  });

  it('Contact’s fields come through the connection once, then from the cache even offline', async () => {
    const first = await handlers()['mapping:fields']({ object: 'Contact' });
    expect(first.fields.find((field) => field.name === 'LastName')).toMatchObject({
      required: true,
    });
    await handlers()['connection:disconnect']({ deleteCache: false });
    setup.org.clearRequests();
    const offline = await handlers()['mapping:fields']({ object: 'Contact' });
    expect(offline).toEqual(first);
    expect(setup.org.requests()).toEqual([]);
  });

  it('saves per calendar and a default, refuses an invalid mapping, deletes a calendar’s own', async () => {
    await handlers()['booking-settings:save'](leadSettings());
    await handlers()['booking-settings:save'](leadSettings({ calendarId: 'cal-intro' }));
    const invalid = leadSettings({ calendarId: 'cal-x', leadMapping: [] });
    const { errors } = await handlers()['booking-settings:validate'](invalid);
    expect(errors.map((error) => error.field).sort()).toEqual(['Company', 'LastName']);
    await expect(handlers()['booking-settings:save'](invalid)).rejects.toMatchObject({
      code: 'MAPPING_INVALID',
    });
    const type = core().meetingTypes.create({
      name: 'Intro call',
      hosts: ['alex.host@leadbridge.demo'],
      calendar: { id: 'cal-intro', name: 'Intro call (30 min)' },
    });
    await bookingsOf(setup).record(bookingEvent({ calendar: { id: 'cal-demo', name: 'Demo' } }));
    const listed = await handlers()['booking-settings:list']({});
    expect(listed.settings.map((settings) => settings.calendarId)).toEqual([null, 'cal-intro']);
    expect(listed.calendars).toEqual([
      { id: 'cal-demo', name: 'Demo', meetingType: null },
      {
        id: 'cal-intro',
        name: 'Intro call (30 min)',
        meetingType: { id: type.id, name: 'Intro call' },
      },
    ]);
    await handlers()['booking-settings:delete']({ calendarId: 'cal-intro' });
    expect((await handlers()['booking-settings:list']({})).settings).toHaveLength(1);
    expect(() => handlers()['booking-settings:delete']({ calendarId: 'cal-intro' })).toThrow(
      expect.objectContaining({ code: 'BOOKING_SETTINGS_NOT_FOUND' }),
    );
  });

  it('the preview shows the record created or overwritten and the Event, writing nothing', async () => {
    const settings = leadSettings({ overwriteWhenFound: true });
    settings.leadMapping.push({
      field: 'OwnerId',
      source: { kind: 'booking', field: 'host_user' },
    });
    setup.org.clearRequests();
    const preview = await handlers()['booking-settings:preview']({
      settings,
      sample: bookingEvent(),
    });
    expect(preview.create).toEqual({
      object: 'Lead',
      values: {
        FirstName: 'Mika',
        LastName: 'Tanaka',
        Company: 'Tanaka Trading',
        Email: 'guest@example.com',
        LeadSource: 'Web',
        OwnerId: { hostEmail: 'alex.host@leadbridge.demo' },
      },
    });
    expect(preview.overwrite?.object).toBe('Lead');
    expect(preview.event).toEqual({
      Subject: 'Intro call: Mika Tanaka',
      StartDateTime: '2026-11-25T01:00:00.000Z',
      EndDateTime: '2026-11-25T01:30:00.000Z',
      Location: 'https://meet.example.com/abc',
    });
    expect(preview.errors).toEqual([]);
    expect(setup.org.requests().filter((request) => request.method !== 'GET')).toEqual([]);
    const sampled = await handlers()['booking-settings:preview']({ settings });
    expect(sampled.create!.values.LastName).toBe('Guest');
  });
});
