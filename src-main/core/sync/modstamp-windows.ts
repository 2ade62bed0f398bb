/**
 * The SystemModstamp ranges an incremental sync asks for. At first one open range (everything
 * after the watermark). When Salesforce stops that query as too long (QUERY_TIMEOUT, typical
 * of a large backlog), the range is cut in half until a query finishes, and the sync walks on
 * in ranges of that width up to now, so it catches up instead of failing the same way forever.
 */
export class ModstampWindows {
  /** Whole seconds: SOQL datetime literals have no milliseconds, so edges meet exactly. */
  #from: number;
  #width: number | null = null;
  readonly #now: number;

  constructor(fromMs: number, nowMs: number) {
    this.#from = Math.max(0, Math.floor(fromMs / 1000) * 1000);
    this.#now = nowMs;
  }

  /** The SOQL condition for the range to ask for now. */
  condition(): string {
    const lower = `SystemModstamp > ${soqlDateTime(this.#from)}`;
    const to = this.#to();
    return to === null ? lower : `${lower} AND SystemModstamp <= ${soqlDateTime(to)}`;
  }

  /** Halves the range after a timeout; false when it cannot get any smaller. */
  narrow(): boolean {
    const width = this.#width ?? this.#now - this.#from;
    const half = Math.floor(width / 2000) * 1000;
    if (half < MIN_WIDTH_MS) return false;
    this.#width = half;
    return true;
  }

  /** Moves to the next range once this one is read; false when this was the last. */
  advance(): boolean {
    const to = this.#to();
    if (to === null) return false;
    this.#from = to;
    return true;
  }

  /** The width of the ranges in seconds once narrowed, for the log. */
  widthSeconds(): number | null {
    return this.#width === null ? null : this.#width / 1000;
  }

  /** The last range stays open: whatever changed while the sync ran is in it. */
  #to(): number | null {
    if (this.#width === null || this.#from + this.#width >= this.#now) return null;
    return this.#from + this.#width;
  }
}

const MIN_WIDTH_MS = 1000;

/** SOQL datetime literal, whole seconds in UTC. */
export function soqlDateTime(millis: number): string {
  return new Date(Math.max(0, millis)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
