import http from 'node:http';
import type { Logger } from '../core/ports';
import { AppError } from '../core/errors';
import { serveOAuthCallback, type OAuthCallbackRoute } from '../web-host/oauth-callback-page';

export interface LoopbackCallback {
  close(): Promise<void>;
}

/**
 * The development sign-in's return address: 127.0.0.1:<port>, one path, GET only. It serves
 * nothing else, and the callback itself is checked by the connection flow (one sign-in at a
 * time, its state and PKCE verifier), so a stray request completes nothing.
 */
export async function startLoopbackCallback(options: {
  port: number;
  route: OAuthCallbackRoute;
  logger: Logger;
}): Promise<LoopbackCallback> {
  const { port, route, logger } = options;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== route.path || request.method !== 'GET') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    // The connected app registered localhost, whichever name the browser used.
    serveOAuthCallback(
      route,
      `http://localhost:${port}${url.pathname}${url.search}`,
      response,
    ).catch((error: unknown) => {
      logger.error('sign-in callback failed', { error: String(error) });
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new AppError(
              'OAUTH_PORT_IN_USE',
              `Port ${port} for the development sign-in is taken. Stop what uses it, or set LEADBRIDGE_OAUTH_PORT to a free port and add http://localhost:<port>/oauth/callback to the External Client App.`,
            )
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  logger.info('development sign-in returns to loopback', { port });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
