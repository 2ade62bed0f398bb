import type { ConnectionState } from '../../src-preload/contract';

export const routes = [
  { path: 'connection', label: 'Connection' },
  { path: 'sync', label: 'Sync & Log' },
  { path: 'leads', label: 'Leads' },
  { path: 'mapping', label: 'Mapping' },
  { path: 'channels', label: 'Channels' },
  { path: 'meetings', label: 'Meetings' },
  { path: 'bookings', label: 'Bookings' },
  { path: 'outbox', label: 'Outbox' },
  { path: 'health', label: 'Sync health' },
  { path: 'settings', label: 'Settings' },
] as const;

export type RoutePath = (typeof routes)[number]['path'];

/** `#/sync` → `sync`; null when the fragment names no screen (empty, unknown, `#token=…`). */
export function routeFromHash(hash: string): RoutePath | null {
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return routes.find((route) => route.path === path)?.path ?? null;
}

/**
 * Where a window opens when its address names no screen: Connection until an org is
 * connected (nothing else can work before), then Sync & Log. Null while the connection is
 * not known yet; Connection when it cannot be read (that screen says why and offers a retry).
 */
export function startRoute(
  connection: ConnectionState | null,
  readFailed: boolean,
): RoutePath | null {
  if (connection === 'connected') return 'sync';
  if (connection === null && !readFailed) return null;
  return 'connection';
}

export function hashForRoute(path: RoutePath): string {
  return `#/${path}`;
}
