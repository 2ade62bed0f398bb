import type { QueuedItem } from './outbox-store';

/** One field of a merged Lead write: the last decision's value, and what else is ours. */
export interface MergedField {
  /** The value of the last decision (null for a host_user field until it is resolved). */
  value: unknown;
  /** Set for a host_user field: the host email whose active User's Id is the value. */
  hostEmail: string | null;
  /** The item whose decision is written. */
  itemId: number;
  /** What the cached Lead held when that decision was made. */
  basis: unknown;
  /**
   * Values Salesforce may hold without a person having edited the field since: what each
   * decision saw, and what each decided (an earlier attempt may have landed).
   */
  accepted: unknown[];
}

/** All pending updates of one Lead as one record to write. */
export interface MergedLeadUpdate {
  leadId: string;
  fields: Map<string, MergedField>;
  items: QueuedItem[];
}

/**
 * Merges the pending updates of each Lead, oldest first, so the last decision per field
 * wins: one record per Lead in the collection, whatever number of decisions queued it.
 */
export function mergeLeadUpdates(items: readonly QueuedItem[]): MergedLeadUpdate[] {
  const byLead = new Map<string, MergedLeadUpdate>();
  for (const item of [...items].sort((a, b) => a.id - b.id)) {
    let merged = byLead.get(item.leadId);
    if (!merged) {
      merged = { leadId: item.leadId, fields: new Map(), items: [] };
      byLead.set(item.leadId, merged);
    }
    merged.items.push(item);
    // A host_user field may be in `hostUsers` only: its value is known once the User is.
    for (const field of new Set([...Object.keys(item.values), ...Object.keys(item.hostUsers)])) {
      const value = item.values[field] ?? null;
      const hostEmail = item.hostUsers[field] ?? null;
      const earlier = merged.fields.get(field)?.accepted ?? [];
      const decided = hostEmail === null ? [value] : [];
      const basis = item.basis[field] ?? null;
      merged.fields.set(field, {
        value: hostEmail === null ? value : null,
        hostEmail,
        itemId: item.id,
        basis,
        accepted: [...earlier, ...decided, basis],
      });
    }
  }
  return [...byLead.values()];
}
