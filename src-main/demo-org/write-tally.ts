// The record writes of the logged API calls, counted per object and per record, so a test can
// say "exactly one Lead created and one Event" or "this Contact updated once" in one assertion.
import type { ObjectSchema } from './schema-types';
import type { LoggedRequest } from './request-log';

export interface WriteCounts {
  created: number;
  updated: number;
  deleted: number;
}

export interface WriteTally {
  /** Per object (by API name): how many records the API created, updated and deleted. */
  objects: Record<string, WriteCounts>;
  /** Per record id: its object and how often the API created, updated and deleted it. */
  records: Record<string, WriteCounts & { object: string }>;
}

const KINDS = ['created', 'updated', 'deleted'] as const;

export function tallyWrites(
  requests: readonly LoggedRequest[],
  schemas: Iterable<ObjectSchema>,
): WriteTally {
  const byPrefix = new Map([...schemas].map((schema) => [schema.keyPrefix, schema.name]));
  const tally: WriteTally = { objects: {}, records: {} };
  for (const request of requests) {
    for (const kind of KINDS) {
      for (const id of request.writes?.[kind] ?? []) {
        const object = byPrefix.get(id.slice(0, 3)) ?? id.slice(0, 3);
        const perObject = (tally.objects[object] ??= { created: 0, updated: 0, deleted: 0 });
        const perRecord = (tally.records[id] ??= { object, created: 0, updated: 0, deleted: 0 });
        perObject[kind] += 1;
        perRecord[kind] += 1;
      }
    }
  }
  return tally;
}
