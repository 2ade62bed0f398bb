import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';

/** An outbox row with its JSON columns parsed, as the worker will read it. */
export interface OutboxRow {
  id: number;
  kind: string;
  state: string;
  /** The Id Salesforce gave a created Task or Event. */
  resultId: string | null;
  leadId: string;
  object: string;
  values: Record<string, unknown>;
  hostUsers: Record<string, string>;
  basis: Record<string, unknown>;
  idempotencyKey: string;
  cause: { kind: string; id: string | null; name: string | null };
  instanceId: number | null;
}

interface RawRow {
  id: number;
  kind: string;
  state: string;
  result_id: string | null;
  lead_id: string;
  object: string;
  field_values: string;
  host_users: string;
  basis: string;
  idempotency_key: string;
  cause: string;
  instance_id: number | null;
}

/** Reads the outbox of a database (a core's data directory, or an open connection), oldest first. */
export function outboxRows(
  source: BetterSqlite3.Database | { dataDirectory: string },
): OutboxRow[] {
  const db =
    'dataDirectory' in source
      ? new BetterSqlite3(path.join(source.dataDirectory, 'leadbridge.db'), { readonly: true })
      : source;
  try {
    return (db.prepare('SELECT * FROM outbox ORDER BY id').all() as RawRow[]).map((row) => ({
      id: row.id,
      kind: row.kind,
      state: row.state,
      resultId: row.result_id,
      leadId: row.lead_id,
      object: row.object,
      values: JSON.parse(row.field_values) as Record<string, unknown>,
      hostUsers: JSON.parse(row.host_users) as Record<string, string>,
      basis: JSON.parse(row.basis) as Record<string, unknown>,
      idempotencyKey: row.idempotency_key,
      cause: JSON.parse(row.cause) as OutboxRow['cause'],
      instanceId: row.instance_id,
    }));
  } finally {
    if ('dataDirectory' in source) db.close();
  }
}
