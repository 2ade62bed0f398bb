// The outcome of checking one record save, in the shape of Salesforce's SaveResult errors.

export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
  /** Present for DUPLICATES_DETECTED: the record(s) the duplicate rule matched. */
  duplicateOf?: string;
}

export interface SaveResult {
  id?: string;
  success: boolean;
  errors: SaveError[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: SaveError };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });

export const fail = (
  statusCode: string,
  message: string,
  fields: string[] = [],
): Checked<never> => ({
  ok: false,
  error: { statusCode, message, fields },
});
