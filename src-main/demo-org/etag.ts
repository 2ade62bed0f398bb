// Entity tags of sObject Rows. Salesforce sends an ETag (a hash of the record's content) for
// Account records only, and checks If-Match / If-None-Match against it on GET and PATCH.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SfRecord } from './schema-types';

const TAGGED_OBJECTS = new Set(['Account']);

/** The record's ETag, or null for an object Salesforce tags no records of. */
export function recordETag(object: string, record: SfRecord): string | null {
  if (!TAGGED_OBJECTS.has(object)) return null;
  return `"${createHash('sha256').update(JSON.stringify(record)).digest('base64')}--gzip"`;
}

/**
 * What the conditional headers make of a request for a record with this tag: 304 (a GET whose
 * If-None-Match matches), 412 (an If-Match that matches nothing, or a PATCH whose If-None-Match
 * matches), or null to go ahead.
 */
export function etagPrecondition(
  headers: IncomingHttpHeaders,
  etag: string | null,
  method: string,
): 304 | 412 | null {
  if (etag === null) return null;
  const ifMatch = tags(headers['if-match']);
  if (ifMatch !== null && !ifMatch.includes('*') && !ifMatch.includes(etag)) return 412;
  const ifNoneMatch = tags(headers['if-none-match']);
  if (ifNoneMatch !== null && (ifNoneMatch.includes('*') || ifNoneMatch.includes(etag)))
    return method === 'GET' ? 304 : 412;
  return null;
}

/** The tags a header lists (comma-separated, each in double quotes); null without the header. */
function tags(header: string | string[] | undefined): string[] | null {
  if (typeof header !== 'string') return null;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .filter((tag) => tag !== '');
}
