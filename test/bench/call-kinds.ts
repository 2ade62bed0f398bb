/** One entry of the demo org's request log, as far as the breakdown reads it. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
}

/** The org's request log as "METHOD path (object)", counted per kind, for the breakdown line. */
export function callKinds(requests: LoggedRequest[]): string {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const where = request.path.replace(/^\/services\/data\/v[\d.]+/, '');
    const soql = decodeURIComponent(request.query).match(/FROM (\w+)/)?.[1];
    const kind = `${request.method} ${where}${soql ? ` (${soql})` : ''}`;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, count]) => `${count}× ${kind}`).join(', ');
}
