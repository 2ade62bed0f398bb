import { expect, it } from 'vitest';
import { bookingEvent } from '../../support/booking-events';
import { makeTempDirectory } from '../../support/temp-directory';
import { createTestCore } from '../../support/test-core';

it('applies at start-up what a crash left stored but not applied', async () => {
  const temp = makeTempDirectory('lb-applier');
  try {
    const before = await createTestCore({ dataDirectory: temp.path });
    const type = before.meetingTypes.create({
      name: 'Intro call',
      hosts: ['alex.host@leadbridge.demo'],
      calendar: { id: 'cal-intro', name: 'Intro call' },
    });
    const { instance } = before.instances.openInstance({
      recordId: '00Q000000000001AAA',
      email: 'guest@example.com',
      meetingTypeId: type.id,
      status: 'activated',
      reason: 'Imported',
      cause: { kind: 'admin' },
    });
    // Stored as the intake stores it; the process dies before the applier's turn.
    const event = bookingEvent();
    before.platform.inbox.store(event, Buffer.from(JSON.stringify(event)));
    before.close();

    const after = await createTestCore({ dataDirectory: temp.path });
    await new Promise((resolve) => setImmediate(resolve));
    expect(after.instances.require(instance.id).status).toBe('booked');
    expect(after.platform.inbox.list({ query: '', limit: 5, offset: 0 }).events).toEqual([
      expect.objectContaining({ state: 'applied', outcome: 'Instance booked.' }),
    ]);
    after.close();
  } finally {
    temp.remove();
  }
});
