/**
 * Salesforce writes a query page's keys in one order: totalSize, done, nextRecordsUrl, then
 * the records. The head of its text says whether another page follows and where, before
 * the page is parsed; a page laid out otherwise says nothing here and is followed once read.
 * Anchored at the start, the pattern reads the head only, however long the page.
 */
const PAGE_HEAD =
  /^\s*\{\s*"totalSize"\s*:\s*\d+\s*,\s*"done"\s*:\s*false\s*,\s*"nextRecordsUrl"\s*:\s*"([^"\\]+)"/;

export function pageHead(text: string): { done: boolean; nextRecordsUrl?: string } {
  const next = PAGE_HEAD.exec(text)?.[1];
  return next === undefined ? { done: true } : { done: false, nextRecordsUrl: next };
}
