// A load generator for one HTTP endpoint: keep-alive connections, each request built fresh
// (a webhook is signed when sent), every answer read. Two shapes: as many in flight as the
// server takes (its capacity), and a fixed offered rate (the answer time under that load).
import http from 'node:http';

export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  /** Answers by status (or the network error's code). */
  answers: Map<string, number>;
  /** Answer times of the 2xx answers, ms. */
  latencies: number[];
  elapsedMs: number;
}

export const okCount = (result: LoadResult) =>
  [...result.answers].reduce((sum, [status, n]) => (status.startsWith('2') ? sum + n : sum), 0);

export const perSecond = (result: LoadResult) => okCount(result) / (result.elapsedMs / 1000);

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export class HttpLoad {
  private readonly agent: http.Agent;

  constructor(
    private readonly origin: URL,
    private readonly next: () => LoadRequest,
    connections: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  /** `inFlight` requests at all times for `durationMs`. */
  async closedLoop(inFlight: number, durationMs: number): Promise<LoadResult> {
    const result = emptyResult();
    const started = performance.now();
    const worker = async () => {
      while (performance.now() - started < durationMs) await this.send(result);
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    result.elapsedMs = performance.now() - started;
    return result;
  }

  /** `rate` requests a second, started on schedule whether or not earlier ones are answered. */
  async openLoop(rate: number, durationMs: number): Promise<LoadResult> {
    const result = emptyResult();
    const pending: Promise<void>[] = [];
    const started = performance.now();
    let sent = 0;
    while (performance.now() - started < durationMs) {
      const due = Math.floor(((performance.now() - started) / 1000) * rate);
      for (; sent < due; sent += 1) pending.push(this.send(result));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(pending);
    result.elapsedMs = performance.now() - started;
    return result;
  }

  close(): void {
    this.agent.destroy();
  }

  private send(result: LoadResult): Promise<void> {
    const request = this.next();
    const sentAt = performance.now();
    return new Promise((resolve) => {
      const count = (answer: string) => {
        result.answers.set(answer, (result.answers.get(answer) ?? 0) + 1);
        if (answer.startsWith('2')) result.latencies.push(performance.now() - sentAt);
        resolve();
      };
      const outgoing = http.request(
        {
          host: this.origin.hostname,
          port: this.origin.port,
          method: 'POST',
          path: request.path,
          agent: this.agent,
          headers: { ...request.headers, 'Content-Length': Buffer.byteLength(request.body) },
        },
        (response) => {
          response.resume();
          response.once('end', () => count(String(response.statusCode)));
        },
      );
      outgoing.once('error', (error: NodeJS.ErrnoException) => count(error.code ?? 'error'));
      outgoing.end(request.body);
    });
  }
}

function emptyResult(): LoadResult {
  return { answers: new Map(), latencies: [], elapsedMs: 0 };
}
