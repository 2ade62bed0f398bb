import diagnostics from 'node:diagnostics_channel';

/** undici (fetch) publishes here when a request's headers are written to its socket. */
const SENT_HEADERS = 'undici:client:sendHeaders';
/** The longest wait: a request held back (a session refresh, a new connection) is not waited for. */
const MOST_MS = 50;

/**
 * Resolves once the request just started is on the socket (or after at most 50 ms). Call it
 * right after starting the request for the next page or result set, before writing this one:
 * SQLite is synchronous, and the request leaves only after jsforce's and undici's several
 * turns of the event loop, so without this wait it left after the write and the network
 * idled while SQLite worked. (Counting turns missed: how many depends on the caller's stack.)
 * Another request leaving first ends the wait early, which costs overlap, never correctness.
 */
export function requestLeaves(): Promise<void> {
  return new Promise((resolve) => {
    // One turn more once it is sent: libuv finishes the socket write, and a server in this
    // very process (the demo org in tests) reads the request, before the caller blocks.
    const done = () => {
      clearTimeout(timer);
      diagnostics.unsubscribe(SENT_HEADERS, done);
      setImmediate(resolve);
    };
    const timer = setTimeout(done, MOST_MS);
    diagnostics.subscribe(SENT_HEADERS, done);
  });
}
