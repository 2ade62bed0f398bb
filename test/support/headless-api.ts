/**
 * A contract method called over a headless host's /api as the renderer calls it, with the
 * token; a refusal throws with its status and body. `port` is read at each call, as a test may
 * restart its host.
 */
export function headlessApi(port: () => number, token: string) {
  return async function api<T = Record<string, unknown>>(
    method: string,
    body: unknown = {},
  ): Promise<T> {
    const response = await fetch(`http://127.0.0.1:${port()}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}
