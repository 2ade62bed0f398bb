/** What the UI shows when a call fails: the host's code and its message, never a bare "error". */
export interface UserError {
  code: string;
  message: string;
}

/**
 * The api client throws ApiClientError ({ code, message }); anything else reaching a store
 * is a bug, but it is still shown rather than swallowed. Read structurally so stores stay
 * importable without the window-bound api singleton.
 */
export function toUserError(error: unknown): UserError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      code: typeof code === 'string' ? code : 'UNEXPECTED',
      message: error.message || 'Something went wrong in the Leadbridge window.',
    };
  }
  return { code: 'UNEXPECTED', message: String(error) };
}
