import type { Database } from 'better-sqlite3';
import { vi } from 'vitest';

/** Counts the transactions `db` commits from now on (a nested one is a savepoint of its outer one). */
export function countCommits(db: Database): { count: number } {
  const commits = { count: 0 };
  const transaction = db.transaction.bind(db);
  vi.spyOn(db, 'transaction').mockImplementation(((fn: (...args: unknown[]) => unknown) => {
    const made = transaction(fn);
    const counted =
      (run: (...args: unknown[]) => unknown) =>
      (...args: unknown[]) => {
        if (!db.inTransaction) commits.count += 1;
        return run(...args);
      };
    return Object.assign(counted(made), {
      default: counted(made.default),
      deferred: counted(made.deferred),
      immediate: counted(made.immediate),
      exclusive: counted(made.exclusive),
    });
  }) as Database['transaction']);
  return commits;
}
