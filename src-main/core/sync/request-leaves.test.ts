import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLeaves } from './request-leaves';

/**
 * A server on its own thread, so that it notes a request's arrival while this thread is
 * blocked as a SQLite write blocks it. It answers with the arrival time (epoch ms).
 */
const SERVER = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const server = http.createServer((request, response) => {
  const arrived = performance.timeOrigin + performance.now();
  request.resume();
  response.end(String(arrived));
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

const now = () => performance.timeOrigin + performance.now();

function blockFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('requestLeaves', () => {
  let worker: Worker;
  let url: string;

  beforeAll(async () => {
    worker = new Worker(SERVER, { eval: true });
    const port = await new Promise<number>((resolve) => worker.once('message', resolve));
    url = `http://127.0.0.1:${port}/page`;
    await fetch(url).then((response) => response.text()); // a kept-alive connection, as the sync has
  });
  afterAll(async () => {
    worker.postMessage('stop');
    await new Promise((resolve) => worker.once('exit', resolve));
  });

  it('waits until the request is on the socket, so that the server has it during a blocking write', async () => {
    const answer = fetch(url).then((response) => response.text());
    await requestLeaves();
    const writeStarted = now();
    blockFor(200);
    const arrived = Number(await answer);
    expect(arrived).toBeLessThan(writeStarted + 100);
  });

  it('waits at most 50 ms when no request leaves', async () => {
    const started = performance.now();
    await requestLeaves();
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(45);
    expect(waited).toBeLessThan(1_000);
  });
});
