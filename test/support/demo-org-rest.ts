/** A REST call to a demo org as a signed-in client makes it (API v62.0, JSON body). */
export function restCall(
  orgUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${orgUrl}/services/data/v62.0${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The records of a SOQL query's first page. */
export async function restQuery(
  orgUrl: string,
  token: string,
  soql: string,
): Promise<Record<string, unknown>[]> {
  const response = await restCall(orgUrl, token, 'GET', `/query?q=${encodeURIComponent(soql)}`);
  return ((await response.json()) as { records: Record<string, unknown>[] }).records;
}
