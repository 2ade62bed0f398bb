import { z } from 'zod';
import { AppError } from '../errors';
import type { SalesforceCalls } from './salesforce-query';
import { SALESFORCE_API_VERSION } from '../salesforce/api-version';

/** sObject Collections take at most 200 records a call. */
export const COLLECTION_SIZE = 200;

const saveResultsSchema = z.array(
  z.object({
    id: z.string().nullish(),
    success: z.boolean(),
    // Passed through: a duplicate rule's error names the records it matched.
    errors: z.array(z.object({ statusCode: z.string(), message: z.string() }).passthrough()),
  }),
);
export type SaveResult = z.infer<typeof saveResultsSchema>[number];

export interface CollectionRecord {
  /** `Lead` for updates (with `Id`), `Task` or `Event` for creates. */
  type: string;
  fields: Record<string, unknown>;
}

/**
 * One sObject Collections call: `PATCH` updates, `POST` creates, `allOrNone: false` so that
 * each record succeeds or fails on its own, one SaveResult per record in request order.
 * Through the REST API a Lead save runs the org's active assignment rule unless the request
 * says `Sforce-Auto-Assign: FALSE`: the rule would overwrite the owner Leadbridge sets, or
 * hand a Lead to someone else because Leadbridge wrote its Status. Every Lead write says it.
 */
export async function sendCollection(
  salesforce: SalesforceCalls,
  method: 'PATCH' | 'POST',
  records: readonly CollectionRecord[],
  /**
   * Whether the org's assignment rules are turned off for the call: by default whenever a
   * Lead is written. A booking's new Lead is left to the rules unless it names its owner.
   */
  autoAssignOff: boolean = records.some((record) => record.type === 'Lead'),
): Promise<SaveResult[]> {
  const body = {
    allOrNone: false,
    records: records.map((record) => ({ attributes: { type: record.type }, ...record.fields })),
  };
  const answer = await salesforce.call((connection) =>
    connection.request<unknown>({
      method,
      url: `/services/data/v${SALESFORCE_API_VERSION}/composite/sobjects`,
      body: JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        ...(autoAssignOff ? { 'Sforce-Auto-Assign': 'FALSE' } : {}),
      },
    }),
  );
  const results = saveResultsSchema.safeParse(answer);
  if (!results.success || results.data.length !== records.length) {
    // The call went through, but what it did is not known: treated like a lost answer.
    throw new AppError(
      'SALESFORCE_ANSWER_UNREADABLE',
      'Salesforce answered a write in a form Leadbridge could not read. Leadbridge will check and try again.',
    );
  }
  return results.data;
}
