import type { QueuedItem } from './outbox-store';
import { queryRecords, shortId, type SalesforceCalls } from './salesforce-query';

/** Clocks of this machine and the org may differ: the look-up reaches this far back. */
const CLOCK_SKEW_MS = 60 * 60_000;
const MARKER = 'Leadbridge ref: ';

/**
 * A created Task or Event carries its item's idempotency key as the last line of its
 * Description: Salesforce cannot filter on a long text area, but the look-up can match it in
 * the records it reads.
 */
export function withMarker(values: Record<string, unknown>, key: string): Record<string, unknown> {
  const text = typeof values.Description === 'string' ? values.Description.trimEnd() : '';
  return { ...values, Description: `${text}${text ? '\n\n' : ''}${MARKER}${key}` };
}

function markerOf(description: unknown): string | null {
  if (typeof description !== 'string') return null;
  const last = description.trimEnd().split('\n').at(-1) ?? '';
  return last.startsWith(MARKER) ? last.slice(MARKER.length) : null;
}

/**
 * For creates whose earlier send has no known outcome (a crash, a dropped connection): the
 * records Salesforce holds for them, by item id. One query for the batch, over the Leads'
 * activities since the first send (deleted ones too: a person's delete is not ours to undo).
 */
export async function findCreated(
  salesforce: SalesforceCalls,
  object: 'Task' | 'Event',
  items: readonly QueuedItem[],
): Promise<Map<number, string>> {
  const unknown = items.filter((item) => item.inFlightSince !== null);
  if (unknown.length === 0) return new Map();
  const since = Math.min(...unknown.map((item) => Date.parse(item.inFlightSince!)));
  const from = new Date(since - CLOCK_SKEW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const whoIds = [...new Set(unknown.map((item) => `'${shortId(item.leadId)}'`))];
  const soql = `SELECT Id, Description FROM ${object} WHERE WhoId IN (${whoIds.join(',')}) AND CreatedDate >= ${from}`;
  const byKey = new Map<string, string>();
  for (const record of await queryRecords(salesforce, soql, 'queryAll')) {
    const key = markerOf(record.Description);
    if (key !== null) byKey.set(key, String(record.Id));
  }
  const found = new Map<number, string>();
  for (const item of unknown) {
    const id = byKey.get(item.idempotencyKey);
    if (id !== undefined) found.set(item.id, id);
  }
  return found;
}
