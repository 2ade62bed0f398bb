import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { LogEntry, ReconcileReport, SyncProgress } from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import { SALESFORCE_API_VERSION } from '../salesforce/api-version';
import type { SalesforceConnection } from '../salesforce/salesforce-connection';
import type { LeadRepository } from '../store/lead-repository';
import type { LogRepository } from '../store/log-repository';
import type { ReconcileLedger } from '../store/reconcile-ledger';
import type { BulkIdListing, IdPage } from './bulk-id-listing';
import type { LeadSync } from './lead-sync';

export interface LeadReconcilerDependencies {
  db: Database;
  salesforce: Pick<SalesforceConnection, 'call' | 'callCount'>;
  leads: LeadRepository;
  ledger: ReconcileLedger;
  log: LogRepository;
  clock: Clock;
  leadSync: Pick<LeadSync, 'fetchByIds'>;
  /** Large orgs' Id listing as a Bulk API 2.0 query job (absent: always REST). */
  bulkIds?: BulkIdListing;
}

/** Salesforce keeps deleted records in the Recycle Bin for 15 days, then purges them. */
const RECYCLE_BIN_MS = 15 * 24 * 60 * 60_000;

const idPageSchema = z.object({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.object({ Id: z.string(), SystemModstamp: z.string() })),
});
type RestIdPage = z.infer<typeof idPageSchema>;

/**
 * Drift detection, as Heroku Connect does it: the incremental sync only sees what moved past
 * its watermark, so a transaction committing after its overlap, a Lead newly shared with the
 * user (sharing does not stamp it), and a Lead purged or no longer shared never reach it.
 * This lists every Lead's Id and SystemModstamp (2,000 a call; a Bulk API 2.0 query job in a
 * large org), fetches what the cache lacks
 * or holds older, asks queryAll about cached Leads the org no longer lists (a deletion or merge
 * not yet synced becomes its timing event), removes the rest, and logs the drift found.
 */
export class LeadReconciler {
  constructor(private readonly deps: LeadReconcilerDependencies) {}

  async run(onProgress: (progress: SyncProgress) => void): Promise<ReconcileReport> {
    const { salesforce, leads, ledger, clock, leadSync } = this.deps;
    const started = clock.now();
    const callsBefore = salesforce.callCount();
    const missing: string[] = [];
    const stale: string[] = [];
    let orgLeads = 0;
    let pages = 0;
    ledger.start();
    try {
      const bulk = this.deps.bulkIds;
      for await (const page of bulk?.chosen() ? bulk.pages() : this.#restPages()) {
        const ids = page.records.map((record) => record.Id);
        ledger.markSeen(ids);
        const cached = leads.cachedStamps(ids);
        for (const record of page.records) {
          const known = cached.get(record.Id);
          if (!known || known.deleted) missing.push(record.Id);
          else if (record.SystemModstamp > known.stamp) stale.push(record.Id);
        }
        orgLeads += page.records.length;
        pages += 1;
        onProgress({
          phase: 'reconcile',
          pages,
          records: orgLeads,
          estimatedTotal: page.totalSize,
        });
      }
      const gone = ledger.unseenLiveIds();
      await leadSync.fetchByIds([...missing, ...stale], 'query');
      const inRecycleBin = await leadSync.fetchByIds(gone, 'queryAll');
      const removed = this.#remove(gone.filter((id) => !inRecycleBin.has(id)));
      const expired = leads.forgetDeletedBefore(salesforceStamp(clock.now() - RECYCLE_BIN_MS));
      const report: ReconcileReport = {
        at: new Date(clock.now()).toISOString(),
        durationMs: Math.round(clock.now() - started),
        orgLeads,
        missing: missing.length,
        stale: stale.length,
        gone: gone.length,
        removed,
        expired,
        apiCalls: salesforce.callCount() - callsBefore,
      };
      this.deps.log.append('sync.reconciled', null, { ...report });
      return report;
    } finally {
      ledger.finish();
    }
  }

  /** Leads the org no longer shows even to queryAll: out of the cache, one log entry each. */
  #remove(ids: readonly string[]): number {
    if (ids.length === 0) return 0;
    const { db, leads, log } = this.deps;
    const entries: LogEntry[] = [];
    const outcome = db
      .transaction(() => {
        const outcome = leads.remove(ids);
        for (const lead of outcome.removed) {
          entries.push(
            log.insert('lead.removed', lead.id, {
              name: lead.name,
              reason:
                'Salesforce no longer shows this Lead to the connected user: it was deleted and purged from the Recycle Bin, or it is no longer shared with the user.',
            }),
          );
        }
        return outcome;
      })
      .immediate();
    leads.committed(outcome);
    log.announce(entries);
    return outcome.removed.length;
  }

  /** Every Lead's Id and stamp by REST, 2,000 a call, the next page asked for before this one is compared. */
  async *#restPages(): AsyncGenerator<IdPage> {
    let page: RestIdPage | undefined = await this.#fetch(
      `/services/data/v${SALESFORCE_API_VERSION}/query?q=${encodeURIComponent(
        'SELECT Id, SystemModstamp FROM Lead ORDER BY Id',
      )}`,
    );
    while (page) {
      const following: Promise<RestIdPage> | undefined =
        page.done || !page.nextRecordsUrl ? undefined : this.#fetch(page.nextRecordsUrl);
      following?.catch(() => undefined);
      yield page;
      page = await following;
    }
  }

  async #fetch(url: string): Promise<RestIdPage> {
    const body = await this.deps.salesforce.call((connection) => connection.request<unknown>(url));
    const parsed = idPageSchema.safeParse(body);
    if (!parsed.success) {
      throw new AppError(
        'SALESFORCE_BAD_RESPONSE',
        'Salesforce sent a page of Lead Ids Leadbridge could not read. Reconcile again later.',
      );
    }
    return parsed.data;
  }
}

/** The form Salesforce stamps records in, so stamps compare as strings. */
function salesforceStamp(millis: number): string {
  return new Date(millis).toISOString().replace('Z', '+0000');
}
