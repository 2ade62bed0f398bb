import { AppError } from '../core/errors';

export const OAUTH_CALLBACK_PATH = '/oauth/callback';
/** The development sign-in's loopback port: fixed, because Salesforce matches the callback URL exactly. */
export const DEFAULT_LOOPBACK_PORT = 7717;

export type OAuthRedirect =
  { kind: 'scheme'; uri: string } | { kind: 'loopback'; uri: string; port: number };

export interface RedirectContext {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/**
 * Where Salesforce sends the browser back after sign-in. An installed app owns `leadbridge://`.
 * A development Electron can claim it only on Windows (the registry takes electron's path and
 * our entry script); macOS gives a scheme only to an app bundle that declares it, and Linux
 * only to a .desktop entry, so there the sign-in comes back to a loopback address instead
 * (RFC 8252 §7.3, as Salesforce's own CLI does).
 */
export function chooseOAuthRedirect(context: RedirectContext): OAuthRedirect {
  if (context.isPackaged || context.platform === 'win32') {
    return { kind: 'scheme', uri: 'leadbridge://oauth/callback' };
  }
  const port = loopbackPort(context.env.LEADBRIDGE_OAUTH_PORT);
  return { kind: 'loopback', uri: `http://localhost:${port}${OAUTH_CALLBACK_PATH}`, port };
}

function loopbackPort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_LOOPBACK_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new AppError(
      'BAD_OAUTH_PORT',
      `LEADBRIDGE_OAUTH_PORT must be a port number from 1024 to 65535 (it is "${value.slice(0, 20)}"). Fix or unset it and start again.`,
    );
  }
  return port;
}
