/**
 * The window's api client. Importing this module takes `#token=…` out of the address bar
 * (in a browser), so it is imported before anything reads the URL fragment.
 */
import { createApiClient, type ApiClient } from './api-client';
import { createBridgeTransport } from './bridge-transport';
import { createHttpTransport } from './http-transport';

export const api: ApiClient = createApiClient(
  window.leadbridge
    ? createBridgeTransport(window.leadbridge)
    : createHttpTransport(window.location, window.history, window.sessionStorage),
);
