// One record's create or update through the REST API, as every single-record resource saves it
// (sObject rows, rows by external id): the record rules, an injected lock, the assignment rule,
// one transaction (CDC), the request log; and a refusal answered as Salesforce answers it.
import type { OrgServices } from './api-context';
import { restOrigin } from './api-context';
import { duplicateErrorBody, saveOptionsFrom } from './duplicate-rules';
import type { Exchange } from './http-util';
import { sendJson } from './http-util';
import type { SaveError } from './records';
import { noteFailure, noteWrite } from './request-log';
import { lockedBy, unableToLockRow } from './save-result';
import type { ObjectSchema } from './schema-types';
import { notFound } from './sf-errors';

/** Errors in the request itself rather than in the record it saves. */
const REQUEST_ERRORS = new Set(['INVALID_FIELD', 'JSON_PARSER_ERROR']);

export class RecordSaves {
  constructor(private readonly services: OrgServices) {}

  /** Creates a record from a request body; a refusal is answered here and gives null. */
  insert(
    ex: Exchange,
    schema: ObjectSchema,
    body: unknown,
    version: string,
    userId: string,
  ): string | null {
    const { rules, state } = this.services;
    const checked = rules.checkCreate(schema, body, saveOptionsFrom(ex.headers));
    if (!checked.ok) return this.refused(ex, checked.error, version, null);
    const locked = this.lockedRecord(ex, lockedBy(schema.fields, checked.value, null));
    if (locked) return this.refused(ex, locked, version, null);
    const values = rules.assignOwner(schema, checked.value, null, autoAssign(ex));
    const id = state.transact(
      userId,
      restOrigin(version),
      (tx) => String(tx.insert(schema.name, values).Id),
      { unit: ex.unit },
    );
    noteWrite(ex, 'created', id);
    return id;
  }

  /** Updates record `id` from a request body; a refusal is answered here and gives false. */
  update(
    ex: Exchange,
    schema: ObjectSchema,
    id: string,
    body: unknown,
    version: string,
    userId: string,
  ): boolean {
    const { rules, state } = this.services;
    const locked = this.lockedRecord(ex, [id]);
    if (locked) return this.refused(ex, locked, version, id) ?? false;
    const checked = rules.checkUpdate(schema, id, body, saveOptionsFrom(ex.headers));
    if (!checked.ok) return this.refused(ex, checked.error, version, id) ?? false;
    const values = rules.assignOwner(schema, checked.value, id, autoAssign(ex));
    state.transact(userId, restOrigin(version), (tx) => tx.update(schema.name, id, values), {
      unit: ex.unit,
    });
    noteWrite(ex, 'updated', id);
    return true;
  }

  /** An injected lock on a record this write needs, as the error Salesforce answers. */
  lockedRecord(ex: Exchange, ids: readonly string[]): SaveError | null {
    const locked = this.services.faults.lockedRecord(ex.path, ids);
    return locked === null ? null : unableToLockRow(locked);
  }

  /** Answers a refused save as Salesforce does (always null, for the callers' returns). */
  refused(ex: Exchange, error: SaveError, version: string, id: string | null): null {
    noteFailure(ex, id, error.statusCode);
    if (error.statusCode === 'DUPLICATES_DETECTED') {
      sendJson(ex, 400, duplicateErrorBody(error, version));
      return null;
    }
    const status =
      error.statusCode === 'ENTITY_IS_DELETED'
        ? 404
        : error.statusCode === 'INVALID_CROSS_REFERENCE_KEY'
          ? 404
          : 400;
    if (error.statusCode === 'INVALID_CROSS_REFERENCE_KEY' && error.fields.length === 0)
      throw notFound();
    // A refused save names its fields, [] included (ENTITY_IS_DELETED,
    // CANNOT_UPDATE_CONVERTED_LEAD, a validation rule shown at the top of the page); an error in
    // the request itself (an unknown field, bad JSON) carries no "fields".
    const withFields = error.fields.length > 0 || !REQUEST_ERRORS.has(error.statusCode);
    sendJson(ex, status, [
      {
        message: error.message,
        errorCode: error.statusCode,
        ...(withFields ? { fields: error.fields } : {}),
      },
    ]);
    return null;
  }
}

function autoAssign(ex: Exchange): string | string[] | undefined {
  return ex.headers['sforce-auto-assign'];
}
