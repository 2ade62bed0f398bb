import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands for an org without Change Data Capture on Lead: passes everything through to the
 * demo org but asks CometD for a channel that does not exist, so the refusal is the org's own.
 */
export async function refusingLeadChannel(target: string): Promise<{ url: string; close(): void }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.url?.startsWith('/cometd/'))
        body = Buffer.from(
          body.toString().replaceAll('"/data/LeadChangeEvent"', '"/data/NoSuchChangeEvent"'),
        );
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
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
