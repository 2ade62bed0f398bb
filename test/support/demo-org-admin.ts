/** Calls the org's admin API as the demo page and tests do: JSON, so state changes are let in. */
export async function admin(url: string, method: string, pathName: string, body?: unknown) {
  const response = await fetch(`${url}/__admin/${pathName}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${pathName}: ${response.status}`);
  return response.status === 204 ? undefined : ((await response.json()) as unknown);
}
