import type { Clock } from '../ports';
import { queryRecords, soqlString, type SalesforceCalls } from './salesforce-query';

/** Owners change rarely; an hour keeps a day of bookings to a few look-ups. */
export const USER_CACHE_MS = 60 * 60_000;
/** Salesforce's cap on a WHERE clause, in characters: longer lists of emails take two queries. */
const MAX_WHERE_CHARS = 4_000;

/** A host email's active Users: one is an owner, none or several is a question for a person. */
export type UserMatch = { userId: string } | { problem: 'none' | 'several'; count: number };

/**
 * Host email → the active Salesforce User with that email, looked up for a whole batch with
 * one `SELECT Id, Email FROM User WHERE Email IN (…) AND IsActive = true`, and cached.
 */
export class UserDirectory {
  readonly #cache = new Map<string, { id: string; at: number }>();

  constructor(
    private readonly salesforce: SalesforceCalls,
    private readonly clock: Clock,
  ) {}

  async resolve(emails: Iterable<string>): Promise<Map<string, UserMatch>> {
    const now = this.clock.now();
    const matches = new Map<string, UserMatch>();
    const missing: string[] = [];
    for (const email of new Set([...emails].map((e) => e.toLowerCase()))) {
      const cached = this.#cache.get(email);
      if (cached && now - cached.at < USER_CACHE_MS) matches.set(email, { userId: cached.id });
      else missing.push(email);
    }
    for (const group of groupsForWhere(missing)) {
      const found = new Map<string, string[]>(group.map((email) => [email, []]));
      const soql = `SELECT Id, Email FROM User WHERE Email IN (${group.map(soqlString).join(',')}) AND IsActive = true`;
      for (const user of await queryRecords(this.salesforce, soql)) {
        // Salesforce compares emails case-insensitively; so does the answer's grouping.
        found.get(String(user.Email).toLowerCase())?.push(String(user.Id));
      }
      for (const [email, ids] of found) {
        if (ids.length === 1) {
          matches.set(email, { userId: ids[0]! });
          this.#cache.set(email, { id: ids[0]!, at: now });
        } else {
          // Not cached: once an admin fixes the Users, Retry finds the owner at once.
          matches.set(email, { problem: ids.length === 0 ? 'none' : 'several', count: ids.length });
        }
      }
    }
    return matches;
  }
}

/** Emails in groups whose IN list stays within a WHERE clause's length. */
export function groupsForWhere(emails: readonly string[]): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const email of emails) {
    const length = soqlString(email).length + 1;
    if (current.length > 0 && chars + length > MAX_WHERE_CHARS - 100) {
      groups.push(current);
      current = [];
      chars = 0;
    }
    current.push(email);
    chars += length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
