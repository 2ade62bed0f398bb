import { useSyncExternalStore } from 'react';
import { routeFromHash, type RoutePath } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/**
 * The current screen, kept in the URL fragment so a reload reopens it. Read only after
 * the api client has taken `#token=…` out of the fragment (main.tsx imports it first).
 */
export function useHashRoute(): RoutePath {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}
