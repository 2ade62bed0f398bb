/**
 * The host's rule for a kind filter, mirrored so live entries are filtered exactly like
 * pages: `sync` matches `sync` and every `sync.*` kind. No filter matches everything.
 */
export function matchesKinds(kind: string, kinds: readonly string[]): boolean {
  if (kinds.length === 0) return true;
  return kinds.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
}

/** The domains the filter offers; the log's kinds start with one of these. */
export const logKindPrefixes = [
  'app',
  'connection',
  'sync',
  'lead',
  'channel',
  'instance',
  'meeting-type',
  'writeback',
  'booking',
] as const;
