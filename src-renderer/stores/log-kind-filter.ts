/**
 * The host's rule for a kind filter, mirrored so live entries are filtered exactly like
 * pages: `sync` matches `sync` and every `sync.*` kind. No filter matches everything.
 */
export function matchesKinds(kind: string, kinds: readonly string[]): boolean {
  if (kinds.length === 0) return true;
  return kinds.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
}
