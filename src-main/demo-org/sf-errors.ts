// Salesforce's REST error shape: a JSON array of {message, errorCode[, fields]}.

export interface SfErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** An error that maps one-to-one to a Salesforce REST error response. */
export class SfApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  toBody(): SfErrorBody[] {
    const body: SfErrorBody = { message: this.message, errorCode: this.errorCode };
    if (this.fields) body.fields = this.fields;
    return [body];
  }
}

export const notFound = (): SfApiError =>
  new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');

/** A resource called with a method it does not take; `allowed` as Salesforce lists them. */
export const methodNotAllowed = (method: string, allowed: string): SfApiError =>
  new SfApiError(
    405,
    'METHOD_NOT_ALLOWED',
    `HTTP Method '${method}' not allowed. Allowed are ${allowed}`,
  );

export const invalidSession = (): SfApiError =>
  new SfApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

export const jsonParserError = (detail: string): SfApiError =>
  new SfApiError(400, 'JSON_PARSER_ERROR', detail);

/** Versions 7.0–30.0 are retired: Salesforce's REST API answers 410 GONE. */
export const versionRetired = (version: string): SfApiError =>
  new SfApiError(
    410,
    'GONE',
    `API version ${version} is retired and no longer available. Use version 31.0 or later.`,
  );

/** The org's daily API allowance is spent. */
export const requestLimitExceeded = (): SfApiError =>
  new SfApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');

/** What a user without the needed permission (e.g. View Setup and Configuration) is told. */
export const insufficientAccess = (): SfApiError =>
  new SfApiError(403, 'INSUFFICIENT_ACCESS', 'insufficient access rights on object id');

/** A malformed request to the admin API (not part of Salesforce). */
export const badAdminRequest = (message: string): SfApiError =>
  new SfApiError(400, 'INVALID_ADMIN_REQUEST', message);
