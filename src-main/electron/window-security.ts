import type { WebPreferences } from 'electron';
import { isAppUrl, type AppLocation } from './app-url';
import { openExternalSafely, type AlsoAllowed, type ExternalOpener } from './external-links';

/**
 * The renderer gets no Node, no direct IPC and its own JS world: the preload's contract
 * bridge is the only door. Spelled out even where Electron's defaults agree, so a default
 * changing upstream cannot loosen the window.
 */
export function buildWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
  };
}

export interface NavigationAttempt {
  url: string;
  preventDefault(): void;
}

/**
 * For will-navigate / will-redirect: the window only ever shows our page. A link to
 * Salesforce (help, the org) goes to the system browser instead of replacing the app.
 */
export function navigationGuard(
  location: AppLocation,
  shell: ExternalOpener,
  alsoAllowed?: AlsoAllowed,
) {
  return (attempt: NavigationAttempt): void => {
    if (isAppUrl(attempt.url, location)) return;
    attempt.preventDefault();
    void openExternalSafely(shell, attempt.url, alsoAllowed);
  };
}

/** For setWindowOpenHandler: never a second Electron window; allowed links open outside. */
export function windowOpenHandler(shell: ExternalOpener, alsoAllowed?: AlsoAllowed) {
  return (details: { url: string }): { action: 'deny' } => {
    void openExternalSafely(shell, details.url, alsoAllowed);
    return { action: 'deny' };
  };
}
