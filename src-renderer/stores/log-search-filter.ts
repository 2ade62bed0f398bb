import type { LogEntry } from '../../src-preload/contract';

/**
 * The host's rule for `search`, mirrored so a live entry is kept when a page would have
 * contained it: the subject equal to the term, or the term's words in a row among the words
 * of the details' JSON, the last as a prefix, ignoring case and accents (the host's index
 * splits on anything but letters and digits, and folds the same way). The host also finds a
 * Lead's entries by its cached name or email, which the renderer cannot check: the log store
 * asks the host about a live entry with a Lead that this rule does not match.
 */
export function matchesSearch(entry: LogEntry, search: string): boolean {
  const term = search.trim();
  if (term === '') return true;
  if (entry.subject === term) return true;
  const wanted = words(term);
  if (wanted.length === 0) return false;
  const text = words(JSON.stringify(entry.details));
  const last = wanted.length - 1;
  return text.some((_, start) =>
    wanted.every((word, i) =>
      i === last ? text[start + i]?.startsWith(word) : text[start + i] === word,
    ),
  );
}

function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}
