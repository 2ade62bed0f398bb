import { z } from 'zod';
import type { SaveResult } from '../writeback/collections-sender';
import type { BookingObject } from './object-describes';

const matchedSchema = z.object({
  matchResults: z.array(
    z.object({
      matchRecords: z.array(
        z.object({
          record: z.object({
            Id: z.string(),
            attributes: z.object({ type: z.string() }).optional(),
          }),
        }),
      ),
    }),
  ),
});

const PREFIXES: Record<string, BookingObject> = { '00Q': 'Lead', '003': 'Contact' };

/**
 * The record a duplicate rule matched, when Salesforce names one (DUPLICATES_DETECTED with a
 * `duplicateResult`, spelled `duplicateResut` in REST single-record answers); null otherwise.
 */
export function duplicateMatch(result: SaveResult): { object: BookingObject; id: string } | null {
  for (const error of result.errors) {
    if (error.statusCode !== 'DUPLICATES_DETECTED') continue;
    const parsed = matchedSchema.safeParse(error.duplicateResult ?? error.duplicateResut);
    if (!parsed.success) continue;
    for (const match of parsed.data.matchResults) {
      for (const { record } of match.matchRecords) {
        const object = record.attributes?.type ?? PREFIXES[record.Id.slice(0, 3)];
        if (object === 'Lead' || object === 'Contact') return { object, id: record.Id };
      }
    }
  }
  return null;
}
