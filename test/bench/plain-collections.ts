import { SALESFORCE_API_VERSION } from '../../src-main/core/salesforce/api-version';

/** One record of an sObject Collections update: its type, Id and the fields to write. */
export type CollectionRecord = { attributes: { type: string }; Id: string } & Record<
  string,
  unknown
>;

/**
 * What a plain HTTP client does with the same writes: `PATCH /composite/sobjects`, 200 records
 * a call, `allOrNone=false`, one call after the other (keep-alive fetch), every result read.
 * The yardstick the outbox's drain is compared with.
 */
export async function patchCollections(
  instanceUrl: string,
  accessToken: string,
  records: readonly CollectionRecord[],
): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < records.length; start += 200) {
    const response = await fetch(
      `${instanceUrl}/services/data/v${SALESFORCE_API_VERSION}/composite/sobjects`,
      {
        method: 'PATCH',
        headers: {
          Authorization: `Bearer ${accessToken}`,
          'Content-Type': 'application/json',
          // As Leadbridge sends it on every Lead write: no assignment rule runs.
          'Sforce-Auto-Assign': 'FALSE',
        },
        body: JSON.stringify({ allOrNone: false, records: records.slice(start, start + 200) }),
      },
    );
    const results = (await response.json()) as { success: boolean }[];
    const failed = results.filter((result) => !result.success).length;
    if (!response.ok || failed > 0)
      throw new Error(`the plain client's call ${start / 200 + 1}: ${failed} records refused`);
  }
  return performance.now() - started;
}
