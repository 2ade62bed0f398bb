import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '../../src-main/core/platform/webhook-signature';

export interface ReceivedInstanceEvent {
  body: Record<string, unknown>;
  /** Whether Leadbridge-Signature matched the secret and the raw body. */
  signed: boolean;
}

/**
 * The meeting platform's end of outbound instance events, on 127.0.0.1 and a free port: it
 * checks each request's signature (at the sender's clock) and answers the statuses queued in
 * `answers` first (a 503, …), then 200. Every request is kept, accepted or not.
 */
export async function startInstanceEventReceiver(secret: string, now: () => number) {
  const requests: ReceivedInstanceEvent[] = [];
  const answers: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const header = req.headers['leadbridge-signature'];
      const signed = verify(typeof header === 'string' ? header : undefined, raw, secret, now()).ok;
      requests.push({ body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, signed });
      res.statusCode = signed ? (answers.shift() ?? 200) : 401;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/platform/instance-events`,
    requests,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
