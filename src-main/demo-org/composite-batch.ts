// The Composite Batch resource (POST /composite/batch): up to 25 independent subrequests run in
// order, each committing on its own and each counted against the API allowance.
import type { OrgServices } from './api-context';
import type { Exchange } from './http-util';
import { readJson, sendJson } from './http-util';
import { isPlainObject } from './records';
import { noteSubrequestWrites } from './request-log';
import { jsonParserError, requestLimitExceeded } from './sf-errors';
import {
  runSubrequest,
  subrequestItems,
  SUBREQUEST_METHODS,
  type RestRoute,
  type Subrequest,
} from './subrequest';

interface BatchResult {
  statusCode: number;
  result: unknown;
}

const HALTED: BatchResult = {
  statusCode: 412,
  result: [
    { errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' },
  ],
};

export async function handleBatch(
  ex: Exchange,
  services: OrgServices,
  route: RestRoute,
): Promise<void> {
  const body = await readJson(ex);
  const subrequests = parseBatch(body);
  const haltOnError = isPlainObject(body) && body.haltOnError === true;
  const results: BatchResult[] = [];
  let halted = false;
  for (const [index, sub] of subrequests.entries()) {
    if (halted) {
      results.push(HALTED);
      continue;
    }
    // The call itself was counted as the first subrequest; each further one is a call too.
    if (index > 0 && !services.usage.count()) {
      results.push({ statusCode: 403, result: requestLimitExceeded().toBody() });
      halted = haltOnError;
      continue;
    }
    const response = await runSubrequest(ex, sub, route, undefined);
    noteSubrequestWrites(ex, response.writes, false);
    results.push({ statusCode: response.status, result: response.body });
    if (response.status >= 400) halted = haltOnError;
  }
  ex.extraHeaders['Sforce-Limit-Info'] = services.usage.header();
  sendJson(ex, 200, { hasErrors: results.some((r) => r.statusCode >= 400), results });
}

/** The subrequests, checked before any runs: a malformed one fails the whole call with 400. */
function parseBatch(body: unknown): Subrequest[] {
  return subrequestItems(body, 'batchRequests', 'batch').map((item): Subrequest => {
    if (!isPlainObject(item)) throw jsonParserError('Each subrequest must be a JSON object');
    const { method, url } = item;
    if (typeof method !== 'string' || !SUBREQUEST_METHODS.has(method))
      throw jsonParserError(`Invalid method '${String(method)}' in a batch subrequest.`);
    if (typeof url !== 'string' || url === '') throw jsonParserError("'url' is a required field.");
    // Relative to /services/data ("v62.0/sobjects/Lead/<id>"); a full path is taken as it is.
    const path = url.startsWith('/services/data/')
      ? url
      : `/services/data/${url.replace(/^\//, '')}`;
    return { method, url: path, headers: {}, body: item.richInput };
  });
}
