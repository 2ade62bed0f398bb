export const routes = [
  { path: 'connection', label: 'Connection' },
  { path: 'sync', label: 'Sync & Log' },
  { path: 'leads', label: 'Leads' },
  { path: 'mapping', label: 'Mapping' },
  { path: 'channels', label: 'Channels' },
  { path: 'meetings', label: 'Meetings' },
  { path: 'bookings', label: 'Bookings' },
  { path: 'outbox', label: 'Outbox' },
  { path: 'settings', label: 'Settings' },
] as const;

export type RoutePath = (typeof routes)[number]['path'];

/** The one working screen so far, so a fresh window opens where something happens. */
export const defaultRoute: RoutePath = 'sync';

/** `#/sync` → `sync`; anything unknown (including a leftover `#token=…`) → the default. */
export function routeFromHash(hash: string): RoutePath {
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return routes.find((route) => route.path === path)?.path ?? defaultRoute;
}

export function hashForRoute(path: RoutePath): string {
  return `#/${path}`;
}
