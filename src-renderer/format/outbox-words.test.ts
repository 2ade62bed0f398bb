import { describe, expect, it } from 'vitest';
import { outboxItemFixture } from '../test-support/outbox-fixture';
import { describeConflict, describeOutboxWrite, outboxSubject } from './outbox-words';

describe('outbox words', () => {
  it('says what an item writes: fields with their values, an owner by its host, or the activity', () => {
    expect(
      describeOutboxWrite(
        outboxItemFixture(1, {
          values: {
            Status: 'Meeting Booked',
            OwnerId: { hostEmail: 'alex.host@leadbridge.demo' },
            Phone: null,
          },
        }),
      ),
    ).toBe(
      'Status = “Meeting Booked”, OwnerId = the Salesforce User of alex.host@leadbridge.demo, Phone = empty',
    );
    expect(
      describeOutboxWrite(
        outboxItemFixture(2, { kind: 'task_create', values: { Subject: 'Intro call: invite' } }),
      ),
    ).toBe('Task “Intro call: invite”');
    expect(describeOutboxWrite(outboxItemFixture(3, { kind: 'event_create', values: {} }))).toBe(
      'Event',
    );
  });

  it('shows a conflict with the person’s value, what it was, and what Leadbridge held back', () => {
    expect(
      describeConflict({
        field: 'Status',
        ours: 'Meeting Booked',
        basis: 'Open',
        theirs: 'Working',
      }),
    ).toBe(
      'Status: a person set “Working” (it was “Open”); Leadbridge would have written “Meeting Booked”',
    );
  });
});

describe('outbox words for the meeting platform', () => {
  it('names a booking post and an instance event in words, not their codes', () => {
    expect(
      describeOutboxWrite(
        outboxItemFixture(4, { kind: 'booking_post', bookingId: 12, values: {} }),
      ),
    ).toBe('Booking post for booking 12');
    expect(
      describeOutboxWrite(
        outboxItemFixture(5, { kind: 'instance_event', values: { type: 'instance.activated' } }),
      ),
    ).toBe('“Instance activated” event');
  });

  it('shows a booking post with no record yet without a Lead link, and a Contact unlinked', () => {
    expect(outboxSubject({ kind: 'booking_post', leadId: null, leadName: null })).toEqual({
      text: 'Record not known yet',
      leadId: null,
    });
    expect(
      outboxSubject({ kind: 'booking_post', leadId: '003000000000001AAA', leadName: null }),
    ).toEqual({ text: '003000000000001AAA', leadId: null });
    expect(
      outboxSubject({ kind: 'lead_update', leadId: '00Q000000000001AAA', leadName: 'Ada' }),
    ).toEqual({ text: 'Ada', leadId: '00Q000000000001AAA' });
  });
});
