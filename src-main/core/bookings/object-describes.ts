import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { conditionFields, type ConditionField } from '../channels/field-kinds';
import type { Clock, Logger } from '../ports';
import { SALESFORCE_API_VERSION } from '../salesforce/api-version';
import type { CachedDescribe } from '../salesforce/lead-describe';
import type { SalesforceCalls } from '../writeback/salesforce-query';

export type BookingObject = 'Lead' | 'Contact';

/** A field as booking posting sees it: the channels' view plus what creating needs. */
export interface PostField extends ConditionField {
  createable: boolean;
  /** Must be given when creating: not nillable, createable, not defaulted on create. */
  required: boolean;
}

export interface DescribedObject {
  fields: Map<string, PostField>;
  describedAt: string;
}

const describeSchema = z.object({
  name: z.string(),
  fields: z.array(
    z
      .object({
        name: z.string(),
        label: z.string(),
        type: z.string(),
        createable: z.boolean().default(false),
        nillable: z.boolean().default(true),
        defaultedOnCreate: z.boolean().default(false),
        calculated: z.boolean().default(false),
      })
      .passthrough(),
  ),
});
type Describe = z.infer<typeof describeSchema>;

/** Contact's describe is checked again at most daily, as the sync does Lead's. */
const CONTACT_DESCRIBE_MAX_AGE_MS = 24 * 60 * 60_000;

export interface ObjectDescribesDependencies {
  db: Database;
  salesforce: SalesforceCalls;
  clock: Clock;
  logger: Logger;
  /** Lead's describe as the sync cached it. */
  leadDescribe(): CachedDescribe | undefined;
  isConnected(): boolean;
}

/**
 * The describes booking posting checks a mapping against: Lead's from the sync's cache,
 * Contact's fetched through the Salesforce connection (when connected) and cached here, so
 * the Mapping screen works offline with what was last seen.
 */
export class ObjectDescribes {
  constructor(private readonly deps: ObjectDescribesDependencies) {}

  /** The object's fields, fetching Contact's first when it is missing or a day old. */
  async get(object: BookingObject): Promise<DescribedObject | undefined> {
    if (object === 'Lead') {
      const cached = this.deps.leadDescribe();
      return cached && describedObject(cached.describe, cached.fetchedAt);
    }
    const cached = this.#cachedContact();
    const stale =
      !cached || this.deps.clock.now() - Date.parse(cached.fetchedAt) > CONTACT_DESCRIBE_MAX_AGE_MS;
    if (stale && this.deps.isConnected()) {
      try {
        return await this.#fetchContact();
      } catch (error) {
        // Offline or refused: the describe last seen still serves the Mapping screen.
        this.deps.logger.warn('Contact describe not fetched', { error: String(error) });
      }
    }
    return cached && described(cached.describe, cached.fetchedAt);
  }

  /** Both objects, for checking settings that may post to either. */
  async both(): Promise<Record<BookingObject, DescribedObject | undefined>> {
    return { Lead: await this.get('Lead'), Contact: await this.get('Contact') };
  }

  #cachedContact(): { describe: Describe; fetchedAt: string } | undefined {
    const row = this.deps.db
      .prepare(`SELECT describe, fetched_at FROM object_describes WHERE object = 'Contact'`)
      .get() as { describe: string; fetched_at: string } | undefined;
    return (
      row && { describe: describeSchema.parse(JSON.parse(row.describe)), fetchedAt: row.fetched_at }
    );
  }

  async #fetchContact(): Promise<DescribedObject> {
    const answer = await this.deps.salesforce.call((connection) =>
      connection.request<unknown>(
        `/services/data/v${SALESFORCE_API_VERSION}/sobjects/Contact/describe`,
      ),
    );
    const describe = describeSchema.parse(answer);
    const fetchedAt = new Date(this.deps.clock.now()).toISOString();
    this.deps.db
      .prepare(
        `INSERT INTO object_describes (object, describe, fetched_at) VALUES ('Contact', ?, ?)
         ON CONFLICT (object) DO UPDATE SET describe = excluded.describe,
           fetched_at = excluded.fetched_at`,
      )
      .run(JSON.stringify(describe), fetchedAt);
    return described(describe, fetchedAt);
  }
}

/** An object's describe as Salesforce answers it, read for booking posting. */
export function describedObject(raw: unknown, describedAt: string): DescribedObject {
  return described(describeSchema.parse(raw), describedAt);
}

function described(describe: Describe, describedAt: string): DescribedObject {
  const typed = conditionFields(describe);
  const fields = new Map<string, PostField>();
  for (const raw of describe.fields) {
    const field = typed.get(raw.name)!;
    const createable = raw.createable && !raw.calculated;
    fields.set(raw.name, {
      ...field,
      createable,
      required: createable && !raw.nillable && !raw.defaultedOnCreate,
    });
  }
  return { fields, describedAt };
}
