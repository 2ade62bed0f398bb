import type { OutboxCounts, OutboxItem, OutboxStatus } from '../../src-preload/contract';

/** An outbox item as the host lists it; tests override what they look at. */
export function outboxItemFixture(id: number, overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id,
    kind: 'lead_update',
    state: 'pending',
    leadId: `00Q${String(id).padStart(15, '0')}`,
    bookingId: null,
    leadName: `Lead ${id}`,
    values: { Status: 'Meeting Booked' },
    cause: { kind: 'channel', id: '7', name: 'When booked' },
    instanceId: id,
    attempts: 0,
    createdAt: '2026-11-30T10:00:00.000Z',
    nextAttemptAt: null,
    finishedAt: null,
    resultId: null,
    error: null,
    conflicts: [],
    ...overrides,
  };
}

export function outboxCounts(overrides: Partial<OutboxCounts> = {}): OutboxCounts {
  return { pending: 0, sent: 0, conflict: 0, failed: 0, skipped: 0, discarded: 0, ...overrides };
}

export function outboxStatusFixture(overrides: Partial<OutboxStatus> = {}): OutboxStatus {
  return {
    counts: outboxCounts(),
    draining: false,
    heldBy: null,
    message: 'Nothing waiting to be written to Salesforce.',
    lastSentAt: null,
    nextAttemptAt: null,
    ...overrides,
  };
}
