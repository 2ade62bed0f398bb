import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OrgProxy {
  url: string;
  /** CometD requests that reached the proxy so far. */
  cometdRequests(): number;
  /** How long the org has held the client's current /meta/connect (its long poll); 0 if none. */
  longPollHeldMs(): number;
  /** From now on every CometD request fails at the network, as when the org is unreachable. */
  cutCometd(): void;
  close(): void;
}

/** Edits the body of an answer from the org on its way back (`path` with its query string). */
export type AnswerRewrite = (path: string, body: string) => string;

/**
 * Stands between a client and the demo org, passing everything through; `rewriteCometd` edits
 * the body of each CometD request on its way to the org, `rewriteAnswer` each REST answer's.
 */
export async function orgProxy(
  target: string,
  rewriteCometd: (body: string) => string = (body) => body,
  rewriteAnswer?: AnswerRewrite,
): Promise<OrgProxy> {
  const upstream = new URL(target);
  let cometdRequests = 0;
  let cometdCut = false;
  /** When each /meta/connect now held at the org was sent on. */
  const heldConnects = new Set<{ sentAt: number }>();
  const server = http.createServer((req, res) => {
    const cometd = req.url?.startsWith('/cometd/') === true;
    if (cometd) cometdRequests += 1;
    if (cometd && cometdCut) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (cometd) body = Buffer.from(rewriteCometd(body.toString()));
      if (cometd && body.includes('"/meta/connect"')) {
        const held = { sentAt: Date.now() };
        heldConnects.add(held);
        res.on('close', () => heldConnects.delete(held));
      }
      const headers = { ...req.headers, host: upstream.host, 'content-length': body.length };
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
        },
        (answer) => {
          if (cometd || !rewriteAnswer) {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            return;
          }
          const parts: Buffer[] = [];
          answer.on('data', (part: Buffer) => parts.push(part));
          answer.on('end', () => {
            const text = rewriteAnswer(req.url ?? '', Buffer.concat(parts).toString());
            const headers = { ...answer.headers, 'content-length': Buffer.byteLength(text) };
            delete headers['transfer-encoding'];
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(text);
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cometdRequests: () => cometdRequests,
    longPollHeldMs: () => Math.max(0, ...[...heldConnects].map((held) => Date.now() - held.sentAt)),
    cutCometd: () => {
      cometdCut = true;
      // Long polls held open now fail too.
      server.closeAllConnections();
    },
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
