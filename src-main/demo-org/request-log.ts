// The API calls the org has received, for tests that assert how the client talks to Salesforce.

export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  status: number;
  time: string;
  durationMs: number;
}

const MAX_ENTRIES = 20_000;

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES)
      this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
