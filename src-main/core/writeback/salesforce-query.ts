import { z } from 'zod';
import { AppError } from '../errors';
import type { SalesforceConnection } from '../salesforce/salesforce-connection';
import { queryUri, type QueryEndpoint } from '../sync/lead-query-plan';

/** What the write-back needs of the connection: its one way to call Salesforce. */
export type SalesforceCalls = Pick<SalesforceConnection, 'call'>;

const queryPageSchema = z.object({
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});

/** Every row of a SOQL query (the write-back's look-ups are small: usually one page). */
export async function queryRecords(
  salesforce: SalesforceCalls,
  soql: string,
  endpoint: QueryEndpoint = 'query',
): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  let url: string | undefined = queryUri(endpoint, soql);
  while (url !== undefined) {
    const next: string = url;
    const body = await salesforce.call((connection) => connection.request<unknown>(next));
    const page = queryPageSchema.safeParse(body);
    if (!page.success) {
      throw new AppError(
        'SALESFORCE_ANSWER_UNREADABLE',
        'Salesforce answered a query in a form Leadbridge could not read. Leadbridge will try again.',
      );
    }
    records.push(...page.data.records);
    url = page.data.done ? undefined : page.data.nextRecordsUrl;
  }
  return records;
}

/** A text as a SOQL string literal. */
export function soqlString(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** Salesforce compares 15- and 18-character Ids alike; the 15 keep an IN list short. */
export function shortId(id: string): string {
  return id.slice(0, 15);
}
