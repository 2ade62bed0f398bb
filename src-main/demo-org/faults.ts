// Injected faults: the failures a real org and a real network produce now and then, on demand,
// so the client's retry, refresh, timeout and watermark logic can be tested deterministically.
import type { Random } from './prng';

export const FAULT_KINDS = [
  'expired-session',
  '500',
  '503',
  /** A 503 whose body is an HTML page, as Salesforce's maintenance and proxy pages are. */
  '503-html',
  'request-limit-exceeded',
  'slow',
  'reset',
  /** Headers and the first bytes of a body, then nothing: the connection stays open. */
  'stall',
  'malformed-json',
  'late-commit',
  /** A SOQL query that ran too long (QUERY_TIMEOUT); only queries meet it. */
  'query-timeout',
  /** The token endpoint refuses a refresh with invalid_grant and one of its real reasons. */
  'invalid-grant-expired',
  'invalid-grant-ip-or-hours',
  'invalid-grant-inactive-user',
  /**
   * A record another transaction holds: the write of that record fails with UNABLE_TO_LOCK_ROW
   * (per record inside a collection, the others saved; the whole call for a single record).
   */
  'unable-to-lock-row',
  /** The call is carried out and committed, then the connection drops before the answer. */
  'lost-response',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  kind: FaultKind;
  /** How many more requests it hits; null when driven by ratio. */
  remaining: number | null;
  ratio: number | null;
  ms: number;
  /** Only requests whose path contains this text are hit. */
  match: string | null;
  /** unable-to-lock-row: only these records (a write's own id, or one a create refers to). */
  recordIds: string[] | null;
}

export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);
}

const QUERY_PATH = /\/query(All)?(\/|$)/;
const TOKEN_PATH = '/services/oauth2/token';

/**
 * Where a fault can happen. Rules without `match` hit the REST API (/services/data) only;
 * the OAuth endpoints (token, userinfo) are hit by rules whose `match` names them.
 */
function applies(rule: FaultRule, path: string): boolean {
  if (rule.match === null ? !path.startsWith('/services/data/') : !path.includes(rule.match))
    return false;
  if (rule.kind === 'query-timeout') return QUERY_PATH.test(path);
  if (rule.kind === 'unable-to-lock-row') return false;
  if (rule.kind.startsWith('invalid-grant-')) return path === TOKEN_PATH;
  return !(path === TOKEN_PATH && rule.kind === 'expired-session');
}

export class FaultInjector {
  private rules: FaultRule[] = [];

  constructor(private readonly random: Random) {}

  add(rule: FaultRule): void {
    this.rules.push(rule);
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault hitting this request, if any; counted rules are used up in order. */
  take(path: string): FaultRule | null {
    return this.hit((rule) => applies(rule, path));
  }

  /**
   * Whether a write of a call on `path` finds one of `ids` (its own id, or the records a create
   * refers to) locked: the locked id, using up one hit of the rule; null otherwise.
   */
  lockedRecord(path: string, ids: readonly string[]): string | null {
    let locked: string | null = null;
    const rule = this.hit((rule) => {
      if (rule.kind !== 'unable-to-lock-row') return false;
      if (rule.match === null ? !path.startsWith('/services/data/') : !path.includes(rule.match))
        return false;
      locked = ids.find((id) => rule.recordIds === null || rule.recordIds.includes(id)) ?? null;
      return locked !== null;
    });
    return rule === null ? null : locked;
  }

  private hit(hits: (rule: FaultRule) => boolean): FaultRule | null {
    for (const rule of this.rules) {
      if (!hits(rule)) continue;
      if (rule.remaining !== null) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
        return rule;
      }
      if (rule.ratio !== null && this.random() < rule.ratio) return rule;
    }
    return null;
  }
}
