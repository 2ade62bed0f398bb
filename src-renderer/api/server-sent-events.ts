/**
 * Server-Sent Events over fetch rather than EventSource: EventSource cannot send an
 * Authorization header, and a token in the URL would end up in logs and history.
 * Reconnects with a growing delay until the signal aborts.
 */
export async function readServerSentEvents(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  onEvent: (event: string, data: unknown) => void,
  /** Called on every successful (re)connection; `reconnected` is false the first time. */
  onOpen: (reconnected: boolean) => void = () => undefined,
): Promise<void> {
  let delayMs = 500;
  let opened = false;
  while (!signal.aborted) {
    try {
      const response = await fetch(url, { headers, signal });
      if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
      delayMs = 500;
      onOpen(opened);
      opened = true;
      await parseStream(response.body, onEvent);
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    delayMs = Math.min(delayMs * 2, 10_000);
  }
}

async function parseStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: string, data: unknown) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
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
