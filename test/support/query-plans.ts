import type { Database } from 'better-sqlite3';

/** A statement a piece of the core prepared, and how SQLite runs it. */
export interface PreparedPlan {
  sql: string;
  plan: string;
}

/**
 * Records every statement prepared on `db` while `run` runs, with its query plan (parameters
 * bound as text literals: the plan does not depend on their values).
 */
export function preparedPlans(db: Database, run: () => void): PreparedPlan[] {
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as Database['prepare'];
  try {
    run();
  } finally {
    db.prepare = prepare;
  }
  return prepared.map((sql) => ({
    sql,
    plan: (
      prepare(`EXPLAIN QUERY PLAN ${sql.replace(/\?|@\w+/g, "'x'")}`).all() as { detail: string }[]
    )
      .map((row) => row.detail)
      .join('; '),
  }));
}
