import { describe, expect, it } from 'vitest';
import { outboxItemFixture } from '../test-support/outbox-fixture';
import { describeConflict, describeOutboxWrite } from './outbox-words';

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
