// The JSON object body every state-changing admin request carries.
import type { Exchange } from './http-util';
import { readJson } from './http-util';
import { isPlainObject } from './records';
import { badAdminRequest } from './sf-errors';

export async function objectBody(ex: Exchange): Promise<Record<string, unknown>> {
  const body = await readJson(ex);
  if (!isPlainObject(body)) throw badAdminRequest('the body must be a JSON object');
  return body;
}
