// The Composite resource (POST /composite): up to 25 subrequests in one API call, each a REST call
// of its own, later ones referring to earlier answers; allOrNone rolls every write back when one
// subrequest fails.
import type { OrgServices } from './api-context';
import { REFERENCE_ID, resolveReferences } from './composite-references';
import type { Exchange } from './http-util';
import { readJson, sendJson } from './http-util';
import type { WriteUnit } from './org-state';
import { isPlainObject } from './records';
import { noteSubrequestWrites } from './request-log';
import { jsonParserError, SfApiError, type SfErrorBody } from './sf-errors';
import {
  restPathOf,
  runSubrequest,
  subrequestItems,
  SUBREQUEST_METHODS,
  type RestRoute,
  type Subrequest,
  type SubResponse,
} from './subrequest';

/** "Up to 5 of these subrequests can be sObject Collections or query operations." */
const MAX_QUERIES_AND_COLLECTIONS = 5;
/** Subrequests inherit these from the call; naming them fails the whole call. */
const INHERITED_HEADERS = new Set(['accept', 'authorization', 'content-type']);

const ROLLED_BACK: SfErrorBody = {
  errorCode: 'PROCESSING_HALTED',
  message:
    'The transaction was rolled back since another operation in the same transaction failed.',
};

interface CompositeSubrequest extends Subrequest {
  referenceId: string;
}

interface CompositeAnswer {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

export async function handleComposite(
  ex: Exchange,
  services: OrgServices,
  route: RestRoute,
): Promise<void> {
  const body = await readJson(ex);
  const subrequests = parseComposite(body);
  const allOrNone = isPlainObject(body) && body.allOrNone === true;
  const unit = allOrNone ? services.state.newUnit() : undefined;
  /** The answers later subrequests may refer to: those of subrequests that succeeded. */
  const answers = new Map<string, unknown>();
  const responses: (SubResponse | null)[] = [];
  let failed = false;
  for (const sub of subrequests) {
    if (unit && failed) {
      responses.push(null);
      continue;
    }
    const response = await runResolved(ex, sub, answers, route, unit);
    responses.push(response);
    if (isFailure(response, allOrNone)) failed = true;
    else answers.set(sub.referenceId, response.body);
  }
  const rolledBack = unit !== undefined && failed;
  if (unit && !rolledBack) services.state.commitUnit(unit);
  if (unit && rolledBack) services.state.rollbackUnit(unit);
  const compositeResponse = subrequests.map((sub, i): CompositeAnswer => {
    const response = responses[i] ?? null;
    noteSubrequestWrites(ex, response?.writes, rolledBack);
    // Once a transaction is rolled back, only the subrequest that failed keeps its own answer.
    if (response === null || (rolledBack && !isFailure(response, allOrNone)))
      return {
        body: [ROLLED_BACK],
        httpHeaders: {},
        httpStatusCode: 400,
        referenceId: sub.referenceId,
      };
    return {
      body: response.body,
      httpHeaders: response.headers,
      httpStatusCode: response.status,
      referenceId: sub.referenceId,
    };
  });
  sendJson(ex, 200, { compositeResponse });
}

/** Runs a subrequest once its references resolve; an unresolvable one fails without running. */
async function runResolved(
  ex: Exchange,
  sub: CompositeSubrequest,
  answers: ReadonlyMap<string, unknown>,
  route: RestRoute,
  unit: WriteUnit | undefined,
): Promise<SubResponse> {
  let resolved: Subrequest;
  try {
    resolved = {
      ...sub,
      url: String(resolveReferences(sub.url, answers)),
      body: resolveReferences(sub.body, answers),
    };
  } catch (error) {
    if (!(error instanceof SfApiError)) throw error;
    return { status: error.status, headers: {}, body: error.toBody() };
  }
  return runSubrequest(ex, resolved, route, unit);
}

/**
 * A failed subrequest: an error status, or, when the call is all-or-none (which makes its
 * collections all-or-none too), a collection whose records failed.
 */
function isFailure(response: SubResponse, allOrNone: boolean): boolean {
  if (response.status >= 400) return true;
  return (
    allOrNone &&
    Array.isArray(response.body) &&
    response.body.some((result) => isPlainObject(result) && result.success === false)
  );
}

/** The subrequests, checked as Salesforce checks the request before running any of them. */
function parseComposite(body: unknown): CompositeSubrequest[] {
  const subrequests = subrequestItems(body, 'compositeRequest', 'composite').map(parseSubrequest);
  const heavy = subrequests.filter((sub) => isQueryOrCollection(sub.url)).length;
  if (heavy > MAX_QUERIES_AND_COLLECTIONS)
    throw new SfApiError(
      400,
      'LIMIT_EXCEEDED',
      `A composite request can have up to ${MAX_QUERIES_AND_COLLECTIONS} query or sObject Collections subrequests; this one has ${heavy}.`,
    );
  const seen = new Set<string>();
  for (const { referenceId } of subrequests) {
    if (seen.has(referenceId))
      throw jsonParserError(
        `Duplicate referenceId '${referenceId}' provided in the request: each subrequest needs its own.`,
      );
    seen.add(referenceId);
  }
  return subrequests;
}

function parseSubrequest(item: unknown): CompositeSubrequest {
  if (!isPlainObject(item)) throw jsonParserError('Each subrequest must be a JSON object');
  const method = requiredString(item, 'method');
  const url = requiredString(item, 'url');
  const referenceId = requiredString(item, 'referenceId');
  if (!SUBREQUEST_METHODS.has(method))
    throw jsonParserError(`Invalid method '${method}': use one of GET, POST, PUT, PATCH, DELETE.`);
  if (!REFERENCE_ID.test(referenceId))
    throw jsonParserError(
      `Provided referenceId ('${referenceId}') must start with a letter or a number, and it can contain only letters, numbers and underscores ('_').`,
    );
  const headers: Record<string, string> = {};
  if (item.httpHeaders !== undefined) {
    if (!isPlainObject(item.httpHeaders)) throw jsonParserError("'httpHeaders' must be an object");
    for (const [name, value] of Object.entries(item.httpHeaders)) {
      if (INHERITED_HEADERS.has(name.toLowerCase()))
        throw jsonParserError(
          `The ${name} header can't be set on a subrequest: subrequests inherit it from the composite request.`,
        );
      headers[name] = String(value);
    }
  }
  return { method, url, referenceId, headers, body: item.body };
}

function requiredString(item: Record<string, unknown>, field: string): string {
  const value = item[field];
  if (typeof value !== 'string' || value === '')
    throw jsonParserError(`'${field}' is a required field.`);
  return value;
}

function isQueryOrCollection(url: string): boolean {
  const parts = (restPathOf(url)?.rest ?? '').split('/').filter((p) => p !== '');
  return (
    parts[0] === 'query' ||
    parts[0] === 'queryAll' ||
    (parts[0] === 'composite' && parts[1] === 'sobjects')
  );
}
