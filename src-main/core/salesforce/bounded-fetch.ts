import { AppError } from '../errors';

/** A response read to its end: a body that stalls or drops is an error, never a hang. */
export interface WholeResponse {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * One HTTP exchange with Salesforce under a single deadline that covers connecting, the
 * headers and the whole body. Failures become AppErrors that say what happened; the ones
 * worth repeating at once are told apart by `isDroppedConnection`.
 */
export async function fetchWhole(
  url: string,
  init: Omit<RequestInit, 'signal'>,
  timeoutMs: number,
): Promise<WholeResponse> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal });
    const body = await response.text();
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    throw networkFailure(url, timeoutMs, signal.aborted, error);
  }
}

/**
 * A dropped or refused connection is worth asking again at once. A timeout is not: it has
 * already taken the whole deadline, and the caller's own schedule retries it later.
 */
export function isDroppedConnection(error: unknown): boolean {
  return error instanceof AppError && error.code === 'SALESFORCE_UNREACHABLE';
}

function networkFailure(url: string, timeoutMs: number, timedOut: boolean, cause: unknown) {
  const host = new URL(url).host;
  if (timedOut) {
    return new AppError(
      'SALESFORCE_TIMEOUT',
      `Salesforce (${host}) did not finish answering within ${Math.max(1, Math.round(timeoutMs / 1000))} seconds. Leadbridge will try again; if it keeps happening, check the network connection.`,
      { cause },
    );
  }
  return new AppError(
    'SALESFORCE_UNREACHABLE',
    `The connection to Salesforce (${host}) failed or dropped before the answer was complete. Leadbridge will try again; if it keeps happening, check the network connection.`,
    { cause },
  );
}
