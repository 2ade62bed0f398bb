import type { DemoOrgHandle } from '../../src-main/demo-org';
import { LEAD_SOURCES, MEETING_STATUSES, RATINGS } from '../../src-main/demo-org/field-catalog';
import { pick, seededRandom, type Random } from '../../src-main/demo-org/prng';
import type { SfRecord, SfValue } from '../../src-main/demo-org/schema-types';
import type { CacheSnapshot, RecordedChange } from './cache-snapshot';
import { readOrgLeads } from './org-leads';

/** One timing event Leadbridge owes us for something done in the org. */
export interface ExpectedEvent {
  leadId: string;
  kind: RecordedChange['kind'];
  field: string;
  newValue: unknown;
}

/** Stamps every save moves; the sync stores them but never reports them as events. */
const BOOKKEEPING = new Set(['SystemModstamp', 'LastModifiedDate', 'LastModifiedById']);

// Conversion has rules of its own in Salesforce; these statuses are plain edits.
const EDITABLE_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Not Converted'];

/**
 * What a test did to the org's Leads, and so the events the sync must record: exactly one per
 * (lead, field, edit). Each lead is touched at most once, because two edits of one lead between
 * two polls are one change as far as any poller can see.
 */
export class LeadLedger {
  readonly expected: ExpectedEvent[] = [];
  readonly #touched = new Set<string>();
  readonly #random: Random;

  constructor(
    private readonly org: DemoOrgHandle,
    seed: string,
  ) {
    this.#random = seededRandom(seed);
  }

  /** `count` leads from `pool` that this ledger has not edited, created or deleted yet. */
  untouched(pool: readonly string[], count: number): string[] {
    const free = pool.filter((id) => !this.#touched.has(id));
    for (let i = free.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.#random() * (i + 1));
      [free[i], free[j]] = [free[j]!, free[i]!];
    }
    if (free.length < count) throw new Error(`only ${free.length} untouched leads left`);
    return free.slice(0, count);
  }

  /** One to three random field edits, as a user would make them. */
  randomValues(): SfRecord {
    const random = this.#random;
    const makers: (() => SfRecord)[] = [
      () => ({ Status: pick(random, EDITABLE_STATUSES) }),
      () => ({ Lead_Score__c: Math.floor(random() * 1000) }),
      () => ({ Title: `Head of ${Math.floor(random() * 1e6)}` }),
      () => ({ Rating: pick(random, RATINGS) }),
      () => ({ FirstName: `Fn${Math.floor(random() * 1e6)}` }),
      () => ({ Meeting_Status__c: pick(random, MEETING_STATUSES) }),
      () => ({ LeadSource: pick(random, LEAD_SOURCES) }),
    ];
    const values: SfRecord = {};
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i += 1) Object.assign(values, pick(random, makers)());
    return values;
  }

  /** Edits through the handle, as the demo page's user would. */
  edit(id: string, values: SfRecord = this.randomValues()): void {
    this.#claim(id);
    this.#expectChanges(id, this.org.updateRecord('Lead', id, values));
  }

  /** Edits through the admin REST API (`PATCH /__admin/sobjects/Lead/<id>`). */
  async patch(id: string, values: SfRecord = this.randomValues()): Promise<void> {
    this.#claim(id);
    const response = await fetch(`${this.org.url}/__admin/sobjects/Lead/${id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(values),
    });
    if (!response.ok) throw new Error(`PATCH ${id} answered ${response.status}`);
    const { changedFields } = (await response.json()) as { changedFields: string[] };
    this.#expectChanges(id, changedFields);
  }

  /** Creates a lead as a user would (`POST /__admin/sobjects/Lead`): one `created` event. */
  async create(): Promise<string> {
    const n = Math.floor(this.#random() * 1e9);
    const response = await fetch(`${this.org.url}/__admin/sobjects/Lead`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        LastName: `Arrival${n}`,
        Company: `Newco ${n}`,
        Email: `arrival${n}@example.com`,
      }),
    });
    if (!response.ok) throw new Error(`POST Lead answered ${response.status}`);
    const { id } = (await response.json()) as { id: string };
    this.expectCreated(id);
    return id;
  }

  remove(id: string): void {
    this.#claim(id);
    this.org.deleteRecord('Lead', id);
    this.expected.push({ leadId: id, kind: 'deleted', field: '', newValue: null });
  }

  /** A lead the org created by itself (a late commit) that the sync must report as new. */
  expectCreated(id: string): void {
    this.#claim(id);
    this.expected.push({ leadId: id, kind: 'created', field: '', newValue: null });
  }

  #claim(id: string): void {
    if (this.#touched.has(id)) throw new Error(`lead ${id} was already touched in this test`);
    this.#touched.add(id);
  }

  #expectChanges(id: string, changedFields: readonly string[]): void {
    const record = this.org.getRecord('Lead', id);
    for (const field of changedFields) {
      if (BOOKKEEPING.has(field)) continue;
      this.expected.push({ leadId: id, kind: 'changed', field, newValue: record?.[field] ?? null });
    }
  }
}

const eventKey = (event: ExpectedEvent) =>
  `${event.leadId} ${event.kind} ${event.field} ${JSON.stringify(event.newValue ?? null)}`;

/**
 * Differences between the recorded events and the expected ones, as multisets: an expected
 * event missing ("lost") or recorded twice, and any event nobody caused ("spurious").
 */
export function eventMismatches(
  recorded: readonly RecordedChange[],
  expected: readonly ExpectedEvent[],
): string[] {
  const counts = new Map<string, number>();
  for (const change of recorded)
    counts.set(eventKey(change), (counts.get(eventKey(change)) ?? 0) + 1);
  const problems: string[] = [];
  for (const event of expected) {
    const key = eventKey(event);
    const seen = counts.get(key) ?? 0;
    if (seen !== 1) problems.push(`${seen === 0 ? 'lost' : `recorded ${seen}×`}: ${key}`);
    counts.delete(key);
  }
  for (const [key, seen] of counts) problems.push(`spurious ${seen}×: ${key}`);
  return problems;
}

const same = (a: SfValue | unknown, b: SfValue | unknown) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Differences between the cache and the org: every live lead cached, live, with every synced
 * field equal to the org's stored value, and no lead cached as live that the org does not have.
 */
export async function cacheMismatches(cache: CacheSnapshot, org: DemoOrgHandle): Promise<string[]> {
  const live = await readOrgLeads(org, ['Id']);
  const problems: string[] = [];
  let fieldNames: string[] | undefined;
  for (const id of live.keys()) {
    const cached = cache.leads.get(id);
    if (!cached || cached.isDeleted) {
      problems.push(`${id}: ${cached ? 'cached as deleted' : 'missing from the cache'}`);
      continue;
    }
    const names = Object.keys(cached.fields).sort();
    fieldNames ??= names;
    if (names.join() !== fieldNames.join()) problems.push(`${id}: fields ${names.join()}`);
    const record = org.getRecord('Lead', id) ?? {};
    for (const name of names) {
      if (!same(cached.fields[name], record[name]))
        problems.push(
          `${id}.${name}: cache ${JSON.stringify(cached.fields[name])}, org ${JSON.stringify(record[name])}`,
        );
    }
    if (cached.systemModstamp !== record.SystemModstamp)
      problems.push(`${id}: stamp ${cached.systemModstamp}, org ${String(record.SystemModstamp)}`);
  }
  for (const cached of cache.leads.values()) {
    if (!cached.isDeleted && !live.has(cached.id))
      problems.push(`${cached.id}: not live in the org`);
  }
  if (fieldNames && fieldNames.length < 20)
    problems.push(`only ${fieldNames.length} fields cached: ${fieldNames.join()}`);
  return problems;
}
