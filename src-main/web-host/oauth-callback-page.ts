import type { ServerResponse } from 'node:http';
import type { ConnectionStatus } from '../../src-preload/contract';
import { toApiError } from '../core/errors';

export interface OAuthCallbackRoute {
  path: string;
  handle(callbackUrl: string): Promise<ConnectionStatus>;
}

/**
 * The tab Salesforce sends back to: completes the sign-in and says, in plain words, what
 * happened. The Leadbridge tab updates by itself through the event stream.
 */
export async function serveOAuthCallback(
  route: OAuthCallbackRoute,
  callbackUrl: string,
  response: ServerResponse,
): Promise<void> {
  let title: string;
  let body: string;
  let status = 200;
  try {
    const connection = await route.handle(callbackUrl);
    title = 'Leadbridge is connected';
    body = `${connection.message} You can close this tab and return to Leadbridge.`;
  } catch (error) {
    const { code, message } = toApiError(error);
    status = 400;
    title = 'Leadbridge is not connected';
    body = `${message} [${code}]`;
  }
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px system-ui,sans-serif;margin:15vh auto;max-width:34rem;color:#1f2937;padding:0 1rem}h1{font-size:1.4rem}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
