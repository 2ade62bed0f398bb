import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../src-preload/contract';
import { createAppStores } from '../../stores/app-stores';
import { createFakeApiClient } from '../../test-support/fake-api-client';
import { outboxCounts, outboxItemFixture } from '../../test-support/outbox-fixture';
import { buttonsLabelled, renderMarkup, visibleText } from '../../test-support/render-markup';
import { OutboxTable } from './outbox-table';

async function shown(items: OutboxItem[]) {
  const stores = createAppStores(
    createFakeApiClient({
      'outbox:list': () => ({ items, total: items.length, counts: outboxCounts(), reasons: [] }),
    }).client,
  );
  await stores.outbox.getState().load();
  return renderMarkup(stores, OutboxTable);
}

describe('Outbox table with the meeting platform’s items', () => {
  it('shows a booking post with no record yet by its booking, with no Lead link', async () => {
    const html = await shown([
      outboxItemFixture(7, {
        kind: 'booking_post',
        leadId: null,
        leadName: null,
        bookingId: 12,
        values: {},
        cause: { kind: 'platform', id: null, name: 'TimeRex' },
      }),
    ]);
    expect(visibleText(html)).toContain('Record not known yet TimeRex Booking post for booking 12');
    expect(html).not.toContain('Show the Lead’s timeline');
  });

  it('links a Lead’s item to its timeline, and names an instance event', async () => {
    const html = await shown([
      outboxItemFixture(8, {
        kind: 'instance_event',
        leadName: 'Ada Lovelace',
        values: { type: 'instance.deactivated' },
      }),
    ]);
    expect(buttonsLabelled(html, 'Ada Lovelace')).toHaveLength(1);
    expect(visibleText(html)).toContain('“Instance deactivated” event');
  });
});
