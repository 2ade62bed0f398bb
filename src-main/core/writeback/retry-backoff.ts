/** The first retry after a transient error; each further one waits twice as long. */
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 30 * 60_000;

/** When an item that failed `attempts` times before (transiently) is tried again. */
export function retryAt(attempts: number, now: number): string {
  const delay = Math.min(FIRST_RETRY_MS * 2 ** attempts, MAX_RETRY_MS);
  return new Date(now + delay).toISOString();
}
