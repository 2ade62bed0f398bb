import { describe, expect, it } from 'vitest';
import { bookingEvent } from '../../support/booking-events';
import { bookingsOf, leadSettings } from '../../support/booking-fixture';
import { admin } from '../../support/demo-org-admin';
import { useConnectedOutbox } from '../../support/outbox-fixture';

const setup = useConnectedOutbox({ leads: 6, seed: 'booking-refusals' });
const core = () => setup.harness.core;

const guest = (email: string) =>
  bookingEvent({
    externalId: `tr-${email}`,
    guest: { email, firstName: 'Ren', lastName: 'Sato', company: 'Sato Inc', phone: null },
  });

async function contactWith(email: string): Promise<string> {
  const { id } = (await admin(setup.org.url, 'POST', 'sobjects/Contact', {
    LastName: 'Sato',
    Email: email,
  })) as { id: string };
  setup.org.clearRequests();
  return id;
}

const writeCalls = () => setup.org.requests().filter((request) => request.writes);

describe('booking posts Salesforce refuses, and Contacts', () => {
  it('a duplicate rule that blocks the new Lead without naming the match: failed, with the reason and what to change', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings({ createEvent: false }));
    await admin(setup.org.url, 'PATCH', 'settings', {
      duplicateRules: { Lead: { action: 'block', matchAgainst: ['Contact'] } },
    });
    await contactWith('ren.sato@example.com');
    const id = await bookings.record(guest('ren.sato@example.com'));
    const summary = await bookings.summary(id);
    expect(summary).toMatchObject({ outcome: 'failed', record: null });
    expect(summary.error!.code).toBe('DUPLICATES_DETECTED');
    expect(summary.error!.message).toMatch(
      /^Salesforce answered: You're creating a duplicate record.*let the rule allow the save, then Retry\.$/,
    );
    const logged = await core().handlers['log:list']({ limit: 20, search: 'ren.sato@example.com' });
    expect(logged.entries[0]).toMatchObject({ kind: 'booking.failed' });
  });

  it('"Contact if one exists, else Lead": the guest’s Contact is overwritten and gets the Event', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(
      leadSettings({ objectToLink: 'contact_else_lead', overwriteWhenFound: true }),
    );
    const contact = await contactWith('ren.sato@example.com');
    const id = await bookings.record(guest('ren.sato@example.com'));
    const summary = await bookings.summary(id);
    expect(summary).toMatchObject({
      outcome: 'updated',
      record: { kind: 'contact', id: contact },
      event: { state: 'sent' },
    });
    expect(setup.org.getRecord('Contact', contact)).toMatchObject({ FirstName: 'Ren' });
    const event = setup.org.getRecord('Event', summary.event!.id!);
    expect(event).toMatchObject({ WhoId: contact });
  });

  it('a Contact created when the settings link Contacts', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings({ objectToLink: 'contact', createEvent: false }));
    const id = await bookings.record(guest('new.contact@example.com'));
    const summary = await bookings.summary(id);
    expect(summary).toMatchObject({ outcome: 'created', record: { kind: 'contact' } });
    expect(setup.org.getRecord('Contact', summary.record!.id)).toMatchObject({
      LastName: 'Sato',
      Email: 'new.contact@example.com',
    });
  });

  it('a field made required after the mapping was saved: Salesforce’s refusal explained; once the describe shows it, the post stops before sending', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings({ createEvent: false }));
    await admin(setup.org.url, 'POST', 'schema/Lead/fields', {
      name: 'Region__c',
      type: 'string',
      required: true,
    });
    // The cached describe does not know the field yet: Salesforce says what is missing.
    const refused = await bookings.summary(await bookings.record(guest('first@example.com')));
    expect(refused.error).toMatchObject({ code: 'REQUIRED_FIELD_MISSING' });
    expect(refused.error!.message).toMatch(
      /Region__c.*map a booking field or a fixed value to it on the Mapping screen, then Retry\.$/,
    );
    // A day on, the sync checks the describe again and learns the field.
    setup.harness.clock.advance(25 * 60 * 60_000);
    core().sync.requestSync();
    await core().sync.idle();
    await core().outboxWorker.idle();
    setup.org.clearRequests();
    const id = await bookings.record(guest('brand.new@example.com'));
    const summary = await bookings.summary(id);
    expect(summary.outcome).toBe('failed');
    expect(summary.error).toMatchObject({ code: 'MAPPING_INVALID' });
    expect(summary.error!.message).toMatch(/Region__c.*map a booking field or a fixed value/);
    expect(writeCalls()).toEqual([]);
    await expect(bookings.save(leadSettings())).rejects.toMatchObject({ code: 'MAPPING_INVALID' });
  });

  it('REQUIRED_FIELD_MISSING from Salesforce for a booking without the value: failed, in the admin’s words', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings({ createEvent: false }));
    const id = await bookings.record(
      bookingEvent({
        guest: {
          email: 'no.company@example.com',
          firstName: 'A',
          lastName: 'B',
          company: null,
          phone: null,
        },
      }),
    );
    const summary = await bookings.summary(id);
    expect(summary).toMatchObject({ outcome: 'failed', error: { code: 'REQUIRED_FIELD_MISSING' } });
    expect(summary.error!.message).toMatch(/Company \(Company\).*Mapping screen, then Retry/);
    expect(writeCalls()).toEqual([]);
  });
});
