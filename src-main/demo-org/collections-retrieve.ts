// sObject Collections retrieve (GET or POST /composite/sobjects/<Object>): records of one object
// by id, in the order asked, null where an id names no record the user can read.
import type { OrgServices } from './api-context';
import type { Exchange } from './http-util';
import { readJson, sendJson } from './http-util';
import { namedFields, readableRecord, recordBody } from './record-body';
import { isPlainObject } from './records';
import type { ObjectSchema } from './schema-types';
import { SfApiError } from './sf-errors';

/** A POST names up to 2,000 ids; a GET as many as its URL holds (about 800). */
const MAX_IDS_BY_POST = 2000;

export async function retrieveCollection(
  ex: Exchange,
  services: OrgServices,
  schema: ObjectSchema,
  version: string,
): Promise<void> {
  const { ids, fields } = ex.method === 'POST' ? await bodyArguments(ex) : queryArguments(ex);
  if (ids.length === 0) throw missingArgument('ids');
  if (fields.length === 0) throw missingArgument('fields');
  if (ids.length > MAX_IDS_BY_POST)
    throw new SfApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_IDS_BY_POST} records into this call`,
    );
  const specs = namedFields(schema, fields);
  const records = ids.map((raw) => {
    const id = services.rules.checkId(schema, raw);
    const record = id.ok ? readableRecord(services.state, schema, id.value) : undefined;
    return record ? recordBody(services.state, schema, record, version, specs) : null;
  });
  sendJson(ex, 200, records);
}

function queryArguments(ex: Exchange): { ids: string[]; fields: string[] } {
  const list = (name: string): string[] =>
    (ex.url.searchParams.get(name) ?? '').split(',').filter((item) => item.trim() !== '');
  return { ids: list('ids'), fields: list('fields') };
}

async function bodyArguments(ex: Exchange): Promise<{ ids: string[]; fields: string[] }> {
  const body = await readJson(ex);
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  if (!isPlainObject(body))
    throw new SfApiError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  return { ids: strings(body.ids), fields: strings(body.fields) };
}

function missingArgument(name: string): SfApiError {
  return new SfApiError(400, 'MISSING_ARGUMENT', `${name} parameter is required`);
}
