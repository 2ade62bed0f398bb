import BetterSqlite3 from 'better-sqlite3';

export interface CachedLead {
  id: string;
  systemModstamp: string;
  isDeleted: boolean;
  fields: Record<string, unknown>;
}

export interface RecordedChange {
  leadId: string;
  kind: 'created' | 'changed' | 'deleted';
  /** '' for created and deleted, as the table stores it. */
  field: string;
  oldValue: unknown;
  newValue: unknown;
  systemModstamp: string;
}

export interface CacheSnapshot {
  leads: Map<string, CachedLead>;
  changes: RecordedChange[];
  /** `PRAGMA integrity_check`: 'ok' or the first problem SQLite found. */
  integrity: string;
  syncState: Map<string, unknown>;
}

interface LeadRow {
  id: string;
  system_modstamp: string;
  is_deleted: number;
  fields: string;
}

interface ChangeRow {
  lead_id: string;
  kind: RecordedChange['kind'];
  field: string;
  old_value: string | null;
  new_value: string | null;
  system_modstamp: string;
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/**
 * Reads Leadbridge's SQLite file from outside the app, read-only, as an auditor would: what
 * survived (a crash, a fault) is what is on disk, not what some object in memory believes.
 */
export function readCacheFile(file: string): CacheSnapshot {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .join('; ');
    const leads = new Map<string, CachedLead>();
    for (const row of db
      .prepare('SELECT id, system_modstamp, is_deleted, fields FROM leads')
      .all() as LeadRow[]) {
      leads.set(row.id, {
        id: row.id,
        systemModstamp: row.system_modstamp,
        isDeleted: row.is_deleted === 1,
        fields: JSON.parse(row.fields) as Record<string, unknown>,
      });
    }
    const changes = (
      db
        .prepare(
          'SELECT lead_id, kind, field, old_value, new_value, system_modstamp FROM lead_changes ORDER BY id',
        )
        .all() as ChangeRow[]
    ).map((row): RecordedChange => ({
      leadId: row.lead_id,
      kind: row.kind,
      field: row.field,
      oldValue: parse(row.old_value),
      newValue: parse(row.new_value),
      systemModstamp: row.system_modstamp,
    }));
    const syncState = new Map<string, unknown>();
    for (const row of db.prepare('SELECT key, value FROM sync_state').all() as {
      key: string;
      value: string;
    }[]) {
      syncState.set(row.key, JSON.parse(row.value));
    }
    return { leads, changes, integrity, syncState };
  } finally {
    db.close();
  }
}
