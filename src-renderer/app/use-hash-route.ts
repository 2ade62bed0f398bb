import { useSyncExternalStore } from 'react';
import { routeFromHash, type RoutePath } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/**
 * The screen the URL fragment names (null: none), kept there so a reload reopens it. Read
 * only after the api client has taken `#token=…` out of the fragment (main.tsx imports it first).
 */
export function useHashRoute(): RoutePath | null {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}
