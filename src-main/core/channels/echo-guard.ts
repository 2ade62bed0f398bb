import type { Database, Statement } from 'better-sqlite3';
import type { ChangeGroup } from './change-groups';

/**
 * Leadbridge's own write-backs must never trigger channels (LeanData's loop guard). The
 * write-back worker (next issue) records, in the transaction that queues a field update, the
 * value it will write: `expect(leadId, field, value, until)`. When the sync later sees that
 * field change to exactly that value, the change is the echo of our own write: the runner
 * drops the field from the change (and treats it as already so before), and consumes the
 * expectation. A person's edit to another value, or after `until`, is a real change.
 */
export class EchoGuard {
  readonly #any: Statement<[], { found: number }>;
  readonly #forLead: Statement<[string, string], { field: string; value: string | null }>;
  readonly #consume: Statement<[string, string]>;
  readonly #expect: Statement<[string, string, string | null, string]>;

  constructor(db: Database) {
    this.#any = db.prepare('SELECT EXISTS (SELECT 1 FROM expected_echoes) AS found');
    this.#forLead = db.prepare(
      'SELECT field, value FROM expected_echoes WHERE lead_id = ? AND until >= ?',
    );
    this.#consume = db.prepare('DELETE FROM expected_echoes WHERE lead_id = ? AND field = ?');
    this.#expect = db.prepare(
      `INSERT INTO expected_echoes (lead_id, field, value, until) VALUES (?, ?, ?, ?)
       ON CONFLICT (lead_id, field) DO UPDATE SET value = excluded.value, until = excluded.until`,
    );
  }

  /** For write-back, inside the transaction that queues the write. */
  expect(leadId: string, field: string, value: unknown, until: string): void {
    this.#expect.run(leadId, field, JSON.stringify(value ?? null), until);
  }

  /** Whether any echo is expected at all: the runner skips the look-ups when none is. */
  active(): boolean {
    return this.#any.get()!.found === 1;
  }

  /**
   * Removes our own writes from a change, in the runner's transaction. Returns true when
   * nothing a person did is left in it.
   */
  strip(group: ChangeGroup, now: string): boolean {
    if (group.kind !== 'changed' || !group.after || !group.before) return false;
    // A copy: the previous change's "after" is the same object.
    const before: Record<string, unknown> = { ...group.before };
    group.before = before;
    for (const echo of this.#forLead.all(group.leadId, now)) {
      if (!group.changedFields.has(echo.field)) continue;
      if (JSON.stringify(group.after[echo.field] ?? null) !== echo.value) continue;
      group.changedFields.delete(echo.field);
      before[echo.field] = group.after[echo.field];
      this.#consume.run(group.leadId, echo.field);
    }
    return group.changedFields.size === 0;
  }
}
