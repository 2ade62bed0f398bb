import type { App } from 'electron';
import path from 'node:path';

export const deepLinkScheme = 'leadbridge';
const prefix = `${deepLinkScheme}://`;

/** The `leadbridge://` URLs among a command line (Windows/Linux pass the link as an argument). */
export function deepLinksFromArgv(argv: readonly string[]): string[] {
  return argv.filter((arg) => arg.toLowerCase().startsWith(prefix) && isParsable(arg));
}

/**
 * What may be logged of a deep link: its path only. Query values (OAuth codes, state) are
 * secrets or personal data and never reach the log.
 */
export function deepLinkPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`.slice(0, 200);
  } catch {
    return '';
  }
}

export type DeepLinkHandler = (url: string) => void;

export interface DeepLinks {
  /** Links that arrived before a handler existed are delivered to it at once, in order. */
  setHandler(handler: DeepLinkHandler): void;
  /** For `second-instance`: the other launch's command line. */
  receiveArgv(argv: readonly string[]): void;
}

/**
 * Registers the scheme and funnels every way a link arrives — this launch's argv, a second
 * launch's argv, macOS `open-url` — into one handler. Call before `ready`: macOS delivers
 * the link that launched the app very early.
 */
export function setUpDeepLinks(app: App, argv: readonly string[]): DeepLinks {
  registerScheme(app);
  const pending: string[] = [];
  let handler: DeepLinkHandler | undefined;
  const deliver = (url: string) => (handler ? handler(url) : pending.push(url));

  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (deepLinksFromArgv([url]).length > 0) deliver(url);
  });
  deepLinksFromArgv(argv).forEach(deliver);

  return {
    setHandler: (next) => {
      handler = next;
      pending.splice(0).forEach(next);
    },
    receiveArgv: (otherArgv) => deepLinksFromArgv(otherArgv).forEach(deliver),
  };
}

function registerScheme(app: App): void {
  // Run from source (`electron .`), the OS must start electron with our entry script.
  const entry = process.argv[1];
  if (process.defaultApp && entry) {
    app.setAsDefaultProtocolClient(deepLinkScheme, process.execPath, [path.resolve(entry)]);
  } else {
    app.setAsDefaultProtocolClient(deepLinkScheme);
  }
}

function isParsable(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}
