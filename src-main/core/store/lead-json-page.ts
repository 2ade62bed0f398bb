import type { Database, Statement } from 'better-sqlite3';

/**
 * A page of the query API as SQLite holds it (JSONB), parsed once: what the sync needs to
 * follow it, and the records the import stores without building a JavaScript object each.
 */
export interface JsonLeadPage {
  readonly jsonb: Buffer;
  readonly totalSize: number;
  readonly done: boolean;
  readonly nextRecordsUrl: string | undefined;
  /** Records on the page. */
  readonly size: number;
  /** The last record's Id (the import's cursor once the page commits). */
  readonly lastId: string | undefined;
}

interface PageHeader {
  jsonb: Buffer;
  totalSize: unknown;
  done: string | null;
  nextRecordsUrl: unknown;
  recordsType: string | null;
  size: number;
  unreadable: number;
  lastId: string | null;
}

/** Reads query pages into JSONB (one parse, by SQLite) and checks them as `leadRecords` does. */
export class JsonLeadPageReader {
  readonly #read: Statement<[string], PageHeader>;

  constructor(db: Database) {
    // MATERIALIZED: the page is parsed once, however often the query names it.
    this.#read = db.prepare(`
      WITH page (p) AS MATERIALIZED (SELECT jsonb(?))
      SELECT p AS jsonb,
        p ->> '$.totalSize' AS totalSize,
        json_type(p, '$.done') AS done,
        p ->> '$.nextRecordsUrl' AS nextRecordsUrl,
        json_type(p, '$.records') AS recordsType,
        (SELECT count(*) FROM jsonb_each(p, '$.records')) AS size,
        (SELECT count(*) FROM jsonb_each(p, '$.records')
          WHERE type IS NOT 'object' OR json_type(value, '$.Id') IS NOT 'text'
            OR json_type(value, '$.SystemModstamp') IS NOT 'text') AS unreadable,
        p ->> '$.records[#-1].Id' AS lastId
      FROM page`);
  }

  /** The page, or undefined when the text is not a page of Leads the cache can key on. */
  read(text: string): JsonLeadPage | undefined {
    let header: PageHeader | undefined;
    try {
      header = this.#read.get(text);
    } catch {
      // Not JSON at all (a proxy's HTML page, a cut-off body): no header, refused below.
    }
    if (
      !header ||
      typeof header.totalSize !== 'number' ||
      (header.done !== 'true' && header.done !== 'false') ||
      (header.nextRecordsUrl !== null && typeof header.nextRecordsUrl !== 'string') ||
      header.recordsType !== 'array' ||
      header.unreadable > 0
    )
      return undefined;
    return {
      jsonb: header.jsonb,
      totalSize: header.totalSize,
      done: header.done === 'true',
      nextRecordsUrl: header.nextRecordsUrl ?? undefined,
      size: header.size,
      lastId: header.lastId ?? undefined,
    };
  }
}

/**
 * A number as a field's value: right after its key. (A query's records hold no arrays of
 * values, and inside a string the quote before a colon is escaped, so text like "1,000" or a
 * time "09:15:00" never looks like one.)
 */
const NUMBER_VALUE = /":\s*(-?\d[\d.eE+-]*)/g;

/**
 * Whether SQLite, which keeps a JSON number's and string's text as it came, renders this page's
 * values exactly as JSON.stringify(JSON.parse(text)) does: numbers already in JavaScript's
 * shortest form (not 1.0, 1E+3, -0 or a 17-digit integer), strings without \u or \/ escapes.
 * Salesforce's pages are; when one is not, its Leads go through JavaScript, so the cache holds
 * the same bytes either way. A lookalike inside a string ("ratio:1.50") only costs that page
 * the slower path.
 */
export function rendersAsParsed(text: string): boolean {
  // Escapes JSON.stringify never writes, or writes differently (\u00e9 → é, \u001F →
  // \u001f). Two plain searches: the regex they replace took about 4 times as long over a
  // 1.3 MB page.
  if (text.includes('\\u') || text.includes('\\/')) return false;
  for (const [, token] of text.matchAll(NUMBER_VALUE)) {
    if (String(Number(token)) !== token) return false;
  }
  return true;
}
