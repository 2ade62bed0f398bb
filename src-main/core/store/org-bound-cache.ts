import type { Database } from 'better-sqlite3';
import type { CachedOrg, CacheReplaced, LogEntry } from '../../../src-preload/contract';
import type { LeadRepository } from './lead-repository';
import type { LogRepository } from './log-repository';
import type { SyncStateRepository } from './sync-state-repository';

const OWNER_KEY = 'cacheOrg';

/** What to do with a cache that does not say whose it is (written before it was recorded). */
export type UnownedCache = 'adopt' | 'replace';

export interface OrgBoundCacheDependencies {
  db: Database;
  leads: LeadRepository;
  state: SyncStateRepository;
  log: LogRepository;
  /** Resolves once no sync is running, so nothing writes while the cache is emptied. */
  settle(): Promise<void>;
  /** The cache was emptied: the sync forgets its last run and imports next. */
  onCleared(): void;
}

/**
 * The local cache belongs to one org. Leads, timing events, watermark, import cursor,
 * describe and replay id all live in it, so binding it to another org empties it in one
 * transaction: the two orgs' Leads never mix, and the next sync imports the new org in full.
 */
export class OrgBoundCache {
  constructor(private readonly deps: OrgBoundCacheDependencies) {}

  owner(): CachedOrg | null {
    return this.deps.state.get<CachedOrg>(OWNER_KEY) ?? null;
  }

  /**
   * Resolves when a session for `organizationId` may be used: at once for the cache's own
   * org, else once the running sync (begun for the other org) has ended, so it cannot go
   * on with the new session and write the new org's Leads into the old org's cache.
   */
  async prepareFor(organizationId: string): Promise<void> {
    const owner = this.owner();
    if (owner === null || !isSameOrg(owner.organizationId, organizationId))
      await this.deps.settle();
  }

  /**
   * From now on the cache holds `org`'s Leads. Another org's data is deleted first (and said
   * so in the log and the answer); so is data of unknown origin when `unowned` is 'replace'.
   * Call it after `prepareFor`.
   */
  bindTo(org: CachedOrg, unowned: UnownedCache): CacheReplaced | null {
    const { db, leads, state, log } = this.deps;
    let replaced: CacheReplaced | null = null;
    const entry = db
      .transaction(() => {
        const owner = this.owner();
        const another =
          owner === null
            ? unowned === 'replace'
            : !isSameOrg(owner.organizationId, org.organizationId);
        let logged: LogEntry | undefined;
        if (another && this.#holdsData()) {
          replaced = { previous: owner, leadsDeleted: leads.count() };
          leads.clear();
          logged = log.insert('sync.cache-replaced', null, {
            from: owner?.organizationId ?? null,
            fromInstance: owner?.instanceUrl ?? null,
            to: org.organizationId,
            toInstance: org.instanceUrl,
            leadsDeleted: replaced.leadsDeleted,
          });
        }
        state.set(OWNER_KEY, org);
        return logged;
      })
      .immediate();
    if (entry) log.announce([entry]);
    if (replaced) this.deps.onCleared();
    return replaced;
  }

  /** Disconnect → "Delete cached leads": everything goes, including whose it was. */
  async delete(): Promise<void> {
    await this.deps.settle();
    this.deps.db.transaction(() => this.deps.leads.clear()).immediate();
    this.deps.onCleared();
  }

  #holdsData(): boolean {
    return (
      this.deps.db
        .prepare(
          `SELECT EXISTS (SELECT 1 FROM leads) OR EXISTS (SELECT 1 FROM lead_changes)
             OR EXISTS (SELECT 1 FROM sync_state WHERE key <> ?)`,
        )
        .pluck()
        .get(OWNER_KEY) === 1
    );
  }
}

/** One org, whether named by its 15-char id or its 18-char case-safe id. */
function isSameOrg(a: string, b: string): boolean {
  return a.slice(0, 15) === b.slice(0, 15);
}
