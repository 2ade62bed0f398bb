// Each user's recently viewed records, as Salesforce's RecentlyViewed keeps them. Through the API
// only a query with FOR VIEW or FOR REFERENCE marks a record (retrieving it by id does not), as
// the REST API documents ("Mark Records as Recently Viewed").
import type { OrgState } from './org-state';
import type { ObjectSchema, SfRecord } from './schema-types';
import { formatDateTime } from './sf-datetime';

/** RecentlyViewed holds at most 200 records per user; the oldest go first. */
const MAX_ENTRIES = 200;

export type RecentItem = { attributes: { type: string; url: string }; Id: string } & Record<
  string,
  string | null | { type: string; url: string }
>;

export class RecentlyViewed {
  /** Per user: record id → its object, oldest first (a Map keeps insertion order). */
  private readonly byUser = new Map<string, Map<string, string>>();

  constructor(private readonly state: OrgState) {}

  /** Marks records the user's query read FOR VIEW (LastViewedDate) or FOR REFERENCE. */
  mark(
    userId: string,
    object: string,
    records: readonly SfRecord[],
    how: 'VIEW' | 'REFERENCE',
  ): void {
    let seen = this.byUser.get(userId);
    if (!seen) {
      seen = new Map();
      this.byUser.set(userId, seen);
    }
    const stamp = formatDateTime(this.state.now());
    const field = how === 'VIEW' ? 'LastViewedDate' : 'LastReferencedDate';
    const hasField = this.state.schema(object)?.byLowerName.has(field.toLowerCase()) === true;
    for (const record of records) {
      const id = String(record.Id);
      seen.delete(id);
      seen.set(id, object);
      // Viewing is not an edit: the stamp moves, SystemModstamp does not.
      if (hasField) record[field] = stamp;
    }
    for (const oldest of seen.keys()) {
      if (seen.size <= MAX_ENTRIES) break;
      seen.delete(oldest);
    }
    if (records.length > 0) this.state.revision += 1;
  }

  /** The user's recent records, newest first (of one object when given), deleted ones left out. */
  items(userId: string, version: string, limit: number, object?: string): RecentItem[] {
    const seen = [...(this.byUser.get(userId) ?? new Map<string, string>())].reverse();
    const items: RecentItem[] = [];
    for (const [id, type] of seen) {
      if (items.length >= limit) break;
      if (object !== undefined && type !== object) continue;
      const record = this.state.table(type).get(id);
      const schema = this.state.schema(type);
      if (!record || !schema || record.IsDeleted === true || this.state.hiddenIds.has(id)) continue;
      items.push(recentItem(schema, record, version));
    }
    return items;
  }
}

function recentItem(schema: ObjectSchema, record: SfRecord, version: string): RecentItem {
  const id = String(record.Id);
  const nameField =
    schema.fields.find((f) => f.nameField) ?? schema.byLowerName.get('subject') ?? null;
  const item: RecentItem = {
    attributes: {
      type: schema.name,
      url: `/services/data/v${version}/sobjects/${schema.name}/${id}`,
    },
    Id: id,
  };
  if (nameField) {
    const value = record[nameField.name];
    item[nameField.name] = value === null || value === undefined ? null : String(value);
  }
  return item;
}
