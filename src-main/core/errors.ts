import type { ApiError } from '../../src-preload/contract';

/**
 * An error a person can act on: a stable code for programs and a sentence that says what
 * happened and what to do. Anything else that escapes a handler is reported as INTERNAL
 * without its message, which may carry values we must not show.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return {
    code: 'INTERNAL',
    message: 'Leadbridge hit an unexpected error. Try again; if it persists, restart the app.',
  };
}
