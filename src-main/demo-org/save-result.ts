// The outcome of checking one record save, in the shape of Salesforce's SaveResult errors.
import type { DuplicateFinding } from './duplicate-rules';

export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
  /** Present for DUPLICATES_DETECTED: the rule and the records it matched. */
  duplicate?: DuplicateFinding;
}

export interface SaveResult {
  id?: string;
  success: boolean;
  errors: SaveError[];
  /** An UpsertResult's: the record was created rather than updated. */
  created?: boolean;
}

/** What a request says about its saves beyond the records (from its headers). */
export interface SaveOptions {
  /** `Sforce-Duplicate-Rule-Header: allowSave=true`: save despite a duplicate rule's alert. */
  allowSave: boolean;
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

/** Another transaction holds the record (Salesforce gives up waiting after about 10 s). */
export function unableToLockRow(id: string): SaveError {
  return {
    statusCode: 'UNABLE_TO_LOCK_ROW',
    message: `unable to obtain exclusive access to this record or 1 records: ${id}`,
    fields: [],
  };
}

/** The records a save holds locks on: its own, or (a create) the ones it refers to. */
export function lockedBy(
  fields: readonly { name: string; type: string }[],
  values: Record<string, unknown>,
  id: string | null,
): string[] {
  if (id !== null) return [id];
  return fields
    .filter((field) => field.type === 'reference')
    .map((field) => values[field.name])
    .filter((value): value is string => typeof value === 'string');
}
