/**
 * The FTS5 queries over `leads_search` for what the user typed: its words as one phrase,
 * whole (`exact`), or with the last word as a prefix (`typing`: "mary.sm" finds
 * mary.smith@acme.com). Only letters and digits are kept, as the index splits text into words
 * on anything else, so no input can be read as FTS5 syntax; with none left both match nothing.
 *
 * A prefix makes FTS5 gather every Lead of every word that starts with it: "com" at the end of
 * an email is ~1,000,000 of them over 1,000,000 Leads (~40 ms), while whole words are
 * looked up (< 1 ms). So whole words are asked first, and the prefix only when they find none.
 */
export function wordsQueries(typed: string): { exact: string; typing: string } {
  const words = typed.match(/[\p{L}\p{N}]+/gu);
  if (!words) return { exact: '""', typing: '""' };
  const phrase = `"${words.join(' ')}"`;
  return { exact: phrase, typing: `${phrase}*` };
}

/** Lead Ids whose name, email or company holds the words of the `?` bound to a query above. */
export const LEADS_MATCHING_WORDS = `SELECT id FROM leads
  WHERE rowid IN (SELECT rowid FROM leads_search WHERE leads_search MATCH ?)`;
