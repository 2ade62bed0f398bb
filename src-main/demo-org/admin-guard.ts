// Who may use /__admin. It changes a running org (faults, edits, expired sessions), so a web
// page open in the same browser must not reach it, even though the org listens on loopback.
import type { IncomingMessage } from 'node:http';
import { isLoopback } from './http-util';

const READ_ONLY_METHODS = new Set(['GET', 'HEAD']);

/**
 * Why the request is refused, or null. Loopback peers only; a Host naming this org's own
 * loopback address (a rebinding page on evil.example sends its own name); no foreign
 * Origin; and JSON on every state-changing request, which a cross-site page cannot send
 * without a CORS preflight that this API never grants.
 */
export function adminRefusal(req: IncomingMessage): string | null {
  if (!isLoopback(req.socket.remoteAddress)) return 'The admin API only answers loopback clients';
  const port = req.socket.localPort;
  const host = req.headers.host;
  const ownHosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (host === undefined || !ownHosts.includes(host.toLowerCase()))
    return `The admin API only answers requests addressed to http://127.0.0.1:${port}`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`)
    return 'The admin API does not answer other sites';
  if (!READ_ONLY_METHODS.has(req.method ?? 'GET') && !isJson(req.headers['content-type']))
    return 'The admin API needs Content-Type: application/json on requests that change the org';
  return null;
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}
