/**
 * Resolves after `turns` turns of the event loop. undici puts a request on the socket on a
 * later turn: a caller that asks for the next page or result set and then writes this one
 * (SQLite is synchronous) waits for this first, or the request leaves only after the write and
 * the network idles while SQLite works.
 */
export async function requestLeaves(turns = 1): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}
