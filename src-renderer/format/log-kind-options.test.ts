import { describe, expect, it } from 'vitest';
import { logKindOptions } from './log-kind-options';

describe('log kind filter options', () => {
  it('offers only the kinds present, in words, under the five headings in order', () => {
    const options = logKindOptions([
      'app.started',
      'booking.posted',
      'lead.changed',
      'sync.completed',
      'writeback.sent',
      'channel.fired',
      'instance.booked',
    ]);
    expect(options).toEqual([
      {
        group: 'Sync',
        items: [
          { value: 'lead.changed', label: 'Field changed' },
          { value: 'sync.completed', label: 'Sync finished' },
        ],
      },
      {
        group: 'Channels',
        items: [
          { value: 'channel.fired', label: 'Channel fired' },
          { value: 'instance.booked', label: 'Meeting booked' },
        ],
      },
      { group: 'Write-back', items: [{ value: 'writeback.sent', label: 'Written to Salesforce' }] },
      {
        group: 'Bookings',
        items: [{ value: 'booking.posted', label: 'Booking posted to Salesforce' }],
      },
      { group: 'Connection', items: [{ value: 'app.started', label: 'Leadbridge started' }] },
    ]);
  });

  it('offers nothing for an empty log', () => {
    expect(logKindOptions([])).toEqual([]);
  });
});
