import type { LogEntry } from '../../src-preload/contract';

/**
 * The host's rule for `search`, mirrored so a live entry is kept exactly when a page would
 * have contained it: the subject equal to the term, or the term inside the subject or the
 * details' JSON, ignoring case. SQLite's LIKE folds ASCII letters only, so this does too.
 */
export function matchesSearch(entry: LogEntry, search: string): boolean {
  const term = search.trim();
  if (term === '') return true;
  if (entry.subject === term) return true;
  const needle = foldAscii(term);
  if (entry.subject !== null && foldAscii(entry.subject).includes(needle)) return true;
  return foldAscii(JSON.stringify(entry.details)).includes(needle);
}

function foldAscii(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}
