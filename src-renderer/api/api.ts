/**
 * The window's api client. Importing this module takes `#token=…` out of the address bar
 * (in a browser), so it is imported before anything reads the URL fragment.
 */
import { createApiClient, type ApiClient, type Transport } from './api-client';
import { createBridgeTransport } from './bridge-transport';
import { createHttpTransport } from './http-transport';

function windowTransport(): Transport {
  if (window.leadbridge) return createBridgeTransport(window.leadbridge);
  const http = createHttpTransport(window.location, window.history, window.sessionStorage);
  // Registered before the router's listener, so the token leaves the fragment before it is read.
  window.addEventListener('hashchange', () => http.takeNewToken());
  return http;
}

export const api: ApiClient = createApiClient(windowTransport());
