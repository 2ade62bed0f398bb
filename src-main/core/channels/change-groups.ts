import type { Database, Statement } from 'better-sqlite3';
import type { LeadChange } from '../../../src-preload/contract';
import type { LeadValues } from './compile-conditions';

export type ClosedBy = 'converted' | 'merged' | 'deleted';

/**
 * One save of one Lead as channels see it: every timing event the sync recorded for that
 * Lead at one SystemModstamp. A save that changes Status and Country is ONE change with two
 * changed fields, so "becomes true" compares the Lead before the whole save with after it.
 */
export interface ChangeGroup {
  /** The group's first timing event: decisions are stored against it. */
  firstChangeId: number;
  lastChangeId: number;
  leadId: string;
  systemModstamp: string;
  detectedAt: string;
  /**
   * `changed` for field edits; `created`; or why the Lead left (converted, merged,
   * deleted) — its open instances are closed then, and channels do not run.
   */
  kind: 'created' | 'changed' | 'closed';
  closedBy: ClosedBy | null;
  changedFields: Set<string>;
  /** The Lead before the save; null when it was created by it. */
  before: LeadValues | null;
  /** The Lead as the save left it; null when the Lead is no longer cached at all. */
  after: LeadValues | null;
}

interface EventRow {
  id: number;
  lead_id: string;
  kind: LeadChange['kind'];
  field: string;
  old_value: string | null;
  system_modstamp: string;
  detected_at: string;
}

const COLUMNS = 'id, lead_id, kind, field, old_value, system_modstamp, detected_at';
const CLOSING = new Set(['converted', 'merged', 'deleted']);

/**
 * Reads timing events as change groups with the Lead before and after each. The cache holds
 * only a Lead's newest version, so an older change's "after" is that version with every later
 * change undone (each `changed` event keeps its old value). Formula fields are not events:
 * an older change sees their current value.
 */
export class ChangeGroupReader {
  readonly #after: Statement<[number, number], EventRow>;
  readonly #group: Statement<{ id: number }, EventRow>;

  constructor(private readonly db: Database) {
    this.#after = db.prepare(
      `SELECT ${COLUMNS} FROM lead_changes WHERE id > ? ORDER BY id LIMIT ?`,
    );
    this.#group = db.prepare(
      `SELECT ${COLUMNS} FROM lead_changes
       WHERE lead_id = (SELECT lead_id FROM lead_changes WHERE id = @id)
         AND system_modstamp = (SELECT system_modstamp FROM lead_changes WHERE id = @id)
       ORDER BY id`,
    );
  }

  /**
   * The change groups after `cursor`, oldest first, at most about `limit` events; a group is
   * never split (a page's events of one Lead are written together, so they are adjacent).
   */
  after(
    cursor: number,
    limit: number,
    known?: ReadonlyMap<string, Record<string, unknown>>,
  ): ChangeGroup[] {
    const rows = this.#after.all(cursor, limit + 1);
    if (rows.length > limit) {
      // The last group may continue past the limit: finish it, or leave it for next time.
      const last = rows.at(-1)!;
      const whole = rows.filter(
        (row) => row.lead_id === last.lead_id && row.system_modstamp === last.system_modstamp,
      );
      if (whole.length === rows.length) rows.push(...this.#rest(last));
      else rows.splice(rows.length - whole.length);
    }
    return this.#groups(rows, known);
  }

  /** The change group holding one timing event (for Replay), or undefined. */
  containing(changeId: number): ChangeGroup | undefined {
    const rows = this.#group.all({ id: changeId });
    return this.#groups(rows).find(
      (group) => group.firstChangeId <= changeId && changeId <= group.lastChangeId,
    );
  }

  /** The groups of the events detected since `since` (ISO), oldest first (for Preview). */
  detectedSince(since: string): { groups: ChangeGroup[]; events: number } {
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM lead_changes WHERE detected_at >= ? ORDER BY id`)
      .all(since) as EventRow[];
    return { groups: this.#groups(rows), events: rows.length };
  }

  /**
   * Without channels to run, only a Lead's leaving matters: the Leads converted, merged or
   * deleted after `cursor`, and the last event id there is.
   */
  closingsAfter(cursor: number): { closings: { leadId: string; kind: ClosedBy }[]; last: number } {
    const last = (
      this.db.prepare('SELECT coalesce(MAX(id), 0) AS last FROM lead_changes').get() as {
        last: number;
      }
    ).last;
    const closings = this.db
      .prepare(
        `SELECT lead_id AS leadId, kind FROM lead_changes
         WHERE id > ? AND id <= ? AND kind IN ('converted', 'merged', 'deleted') ORDER BY id`,
      )
      .all(cursor, last) as { leadId: string; kind: ClosedBy }[];
    return { closings, last: Math.max(last, cursor) };
  }

  #rest(last: EventRow): EventRow[] {
    return this.#group.all({ id: last.id }).filter((row) => row.id > last.id);
  }

  /** `known`: Leads' cached fields the caller already holds (the page just committed). */
  #groups(
    rows: readonly EventRow[],
    known?: ReadonlyMap<string, Record<string, unknown>>,
  ): ChangeGroup[] {
    if (rows.length === 0) return [];
    const groups: { rows: EventRow[] }[] = [];
    for (const row of rows) {
      const current = groups.at(-1)?.rows;
      const first = current?.[0];
      if (first && first.lead_id === row.lead_id && first.system_modstamp === row.system_modstamp)
        current.push(row);
      else groups.push({ rows: [row] });
    }
    const leadIds = [...new Set(rows.map((row) => row.lead_id))];
    const cached = this.#cachedFields(leadIds, known);
    const later = this.#laterChanges(leadIds, rows.at(-1)!.id);
    // Walk each Lead's changes newest first, undoing them from its cached version.
    const state = new Map<string, Record<string, unknown> | null>();
    for (const id of leadIds) state.set(id, cached.get(id) ?? null);
    for (const row of later) undo(state, row);
    const result: ChangeGroup[] = new Array<ChangeGroup>(groups.length);
    for (let index = groups.length - 1; index >= 0; index -= 1) {
      const events = groups[index]!.rows;
      const first = events[0]!;
      const after = state.get(first.lead_id) ?? null;
      const changedFields = new Set<string>();
      let kind: ChangeGroup['kind'] = 'changed';
      let closedBy: ChangeGroup['closedBy'] = null;
      for (const event of events) {
        if (event.kind === 'changed') changedFields.add(event.field);
        else if (event.kind === 'created') kind = 'created';
        else if (CLOSING.has(event.kind)) closedBy = event.kind as ClosedBy;
      }
      if (closedBy) kind = 'closed';
      let before: Record<string, unknown> | null = null;
      if (after && kind !== 'created') {
        before = { ...after };
        for (const event of events) if (event.kind === 'changed') undoInto(before, event);
      }
      state.set(first.lead_id, before);
      result[index] = {
        firstChangeId: first.id,
        lastChangeId: events.at(-1)!.id,
        leadId: first.lead_id,
        systemModstamp: first.system_modstamp,
        detectedAt: first.detected_at,
        kind,
        closedBy,
        changedFields,
        before,
        after,
      };
    }
    return result;
  }

  #cachedFields(
    leadIds: readonly string[],
    known: ReadonlyMap<string, Record<string, unknown>> | undefined,
  ): Map<string, Record<string, unknown>> {
    const fields = new Map<string, Record<string, unknown>>();
    const unknown: string[] = [];
    for (const id of leadIds) {
      const held = known?.get(id);
      if (held) fields.set(id, held);
      else unknown.push(id);
    }
    if (unknown.length === 0) return fields;
    const rows = this.db
      .prepare('SELECT id, fields FROM leads WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(unknown)) as { id: string; fields: string }[];
    for (const row of rows) fields.set(row.id, JSON.parse(row.fields) as Record<string, unknown>);
    return fields;
  }

  /** These Leads' `changed` events after `afterId`, newest first. */
  #laterChanges(leadIds: readonly string[], afterId: number): EventRow[] {
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM lead_changes
         WHERE lead_id IN (SELECT value FROM json_each(?)) AND id > ? AND kind = 'changed'
         ORDER BY id DESC`,
      )
      .all(JSON.stringify(leadIds), afterId) as EventRow[];
  }
}

function undo(state: Map<string, Record<string, unknown> | null>, row: EventRow): void {
  const lead = state.get(row.lead_id);
  if (!lead) return;
  const copy = { ...lead };
  undoInto(copy, row);
  state.set(row.lead_id, copy);
}

function undoInto(lead: Record<string, unknown>, event: EventRow): void {
  lead[event.field] = event.old_value === null ? null : (JSON.parse(event.old_value) as unknown);
}

/** What a change did, for a sentence: "the new Lead", "a change of Status, Country". */
export function describeChange(group: ChangeGroup): string {
  if (group.kind === 'created') return 'the new Lead';
  const fields = [...group.changedFields];
  const shown = fields.slice(0, 3).join(', ');
  return `a change of ${shown}${fields.length > 3 ? ` and ${fields.length - 3} more` : ''}`;
}
