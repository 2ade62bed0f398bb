import { AppError } from '../errors';
import type { Clock } from '../ports';
import { BulkQueryClient, type BulkResultSet } from '../salesforce/bulk-query-client';
import type { SalesforceConnection } from '../salesforce/salesforce-connection';
import { csvConverter } from './bulk-lead-import';

/** A page of the org's Lead Ids with their SystemModstamp, as reconciliation compares them. */
export interface IdPage {
  records: { Id: string; SystemModstamp: string }[];
  totalSize: number;
}

export interface BulkIdListingDependencies {
  salesforce: SalesforceConnection;
  clock: Clock;
  /** The same setting as the import's: from this many Leads, Bulk API 2.0. */
  threshold: () => number;
  cachedLeads: () => number;
}

/** Id and stamp rows are small: a set of 50,000 is a few megabytes. */
const MAX_RECORDS = 50_000;

/** Only what the listing selects; the stamp is a datetime ("Z" in CSV, "+0000" in the cache). */
const toRecords = csvConverter({
  name: 'Lead',
  fields: [
    { name: 'Id', type: 'id', label: 'Lead ID' },
    { name: 'SystemModstamp', type: 'datetime', label: 'System Modstamp' },
  ],
});

/**
 * Reconciliation's list of every Lead Id and SystemModstamp as one Bulk API 2.0 query job, for
 * large orgs: a million Leads cost about 25 calls instead of 500 REST pages. A reconciliation
 * is not resumable (it starts over), so neither is the job: one that fails is an error, and
 * reconciliation runs again later.
 */
export class BulkIdListing {
  readonly #client: BulkQueryClient;

  constructor(private readonly deps: BulkIdListingDependencies) {
    this.#client = new BulkQueryClient(deps.salesforce, deps.clock);
  }

  /** Whether this org is listed by Bulk: its cached Leads reach the threshold. */
  chosen(): boolean {
    return this.deps.cachedLeads() >= this.deps.threshold();
  }

  async *pages(): AsyncGenerator<IdPage> {
    const created = await this.#client.create('SELECT Id, SystemModstamp FROM Lead', 'query');
    const job = await this.#client.finished(created.id);
    if (job.state !== 'JobComplete') {
      throw new AppError(
        'BULK_QUERY_FAILED',
        `The Bulk API query job listing the org's Lead Ids ended as ${job.state}${job.errorMessage ? ` (${job.errorMessage})` : ''}. Reconciliation will run again later.`,
      );
    }
    const read = (locator: string | null) => {
      const set = this.#client.results(job.id, locator, MAX_RECORDS);
      set.catch(() => undefined);
      return set;
    };
    let next: Promise<BulkResultSet> | undefined = read(null);
    while (next) {
      const set: BulkResultSet = await next;
      // The next set travels while this one is compared with the cache.
      next = set.nextLocator === null ? undefined : read(set.nextLocator);
      yield { records: toRecords(set), totalSize: job.numberRecordsProcessed ?? 0 };
    }
  }
}
