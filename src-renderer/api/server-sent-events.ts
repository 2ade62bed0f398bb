import { apiErrorFrom, type HostLink } from './host-link';

export interface StreamTiming {
  /** The first wait before trying again; it doubles after every failed try… */
  retryMs: number;
  /** …up to this. */
  maxRetryMs: number;
  /**
   * The host sends a heartbeat every 15 s: a stream silent this long is dead (a frozen or
   * sleeping host never closes it), and so is a connection attempt unanswered this long.
   */
  silenceMs: number;
}

export const defaultStreamTiming: StreamTiming = {
  retryMs: 500,
  maxRetryMs: 10_000,
  silenceMs: 40_000,
};

/**
 * Server-Sent Events over fetch rather than EventSource: EventSource cannot send an
 * Authorization header, and a token in the URL would end up in logs and history.
 * Reconnects with a growing delay until the signal aborts, and reports every change of the
 * link (`onLink`) so the window can say when the host stopped answering and when it is back.
 */
export async function readServerSentEvents(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  onEvent: (event: string, data: unknown) => void,
  onLink: (link: HostLink) => void,
  timing: StreamTiming = defaultStreamTiming,
): Promise<void> {
  let delayMs = timing.retryMs;
  const opened = () => {
    delayMs = timing.retryMs;
    onLink({ state: 'open' });
  };
  while (!signal.aborted) {
    const outcome = await readOnce(url, headers, signal, onEvent, opened, timing.silenceMs);
    if (signal.aborted) return;
    // Only a failed try is reported and backed off: a host that closed an open stream (it
    // drops a reader that fell behind) is tried again soon without flashing "unreachable".
    if (outcome !== 'ended') onLink(outcome);
    await sleep(delayMs, signal);
    delayMs = Math.min(delayMs * 2, timing.maxRetryMs);
  }
}

/** One connection: until the host closes it ('ended') or the try fails (the link to report). */
async function readOnce(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  onEvent: (event: string, data: unknown) => void,
  onOpen: () => void,
  silenceMs: number,
): Promise<HostLink | 'ended'> {
  const attempt = new AbortController();
  const abort = () => attempt.abort();
  signal.addEventListener('abort', abort);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expectWithin = () => {
    clearTimeout(timer);
    timer = setTimeout(abort, silenceMs);
  };
  expectWithin();
  try {
    const response = await fetch(url, { headers, signal: attempt.signal });
    if (!response.ok) return { state: 'refused', error: await apiErrorFrom(response) };
    if (!response.body) return { state: 'unreachable' };
    onOpen();
    expectWithin();
    await parseStream(response.body, onEvent, expectWithin);
    return 'ended';
  } catch {
    return { state: 'unreachable' };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

async function parseStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: string, data: unknown) => void,
  onBytes: () => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onBytes();
    buffer += decoder.decode(value, { stream: true });
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      dispatchBlock(block, onEvent);
    }
  }
}

export function dispatchBlock(
  block: string,
  onEvent: (event: string, data: unknown) => void,
): void {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0) return;
  try {
    onEvent(event, JSON.parse(data.join('\n')) as unknown);
  } catch {
    // A block we cannot parse is skipped; the next one may still be fine.
  }
}
