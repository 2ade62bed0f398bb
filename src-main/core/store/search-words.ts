/**
 * The FTS5 query over `leads_search` for what the user typed: its words as one phrase, the
 * last a prefix ("mary.sm" finds mary.smith@acme.com). Only letters and digits are kept, as
 * the index splits text into words on anything else, so no input can be read as FTS5
 * syntax; with none left it matches nothing.
 */
export function leadWordsQuery(typed: string): string {
  const words = typed.match(/[\p{L}\p{N}]+/gu);
  return words ? `"${words.join(' ')}"*` : '""';
}

/** Lead Ids whose name, email or company holds the words of the `?` bound to `leadWordsQuery`. */
export const LEADS_MATCHING_WORDS = `SELECT id FROM leads
  WHERE rowid IN (SELECT rowid FROM leads_search WHERE leads_search MATCH ?)`;
