/** How long and how often one Salesforce call may try before it gives up with a clear error. */
export interface CallLimits {
  /** One attempt: connecting, the headers and the whole body. A stalled body counts. */
  timeoutMs: number;
  /** Attempts of a request that is safe to repeat (GET) after a transient failure. */
  attempts: number;
  /** The pause before retry n is n times this. */
  retryDelayMs: number;
}

export const DEFAULT_CALL_LIMITS: CallLimits = {
  timeoutMs: 120_000,
  attempts: 3,
  retryDelayMs: 500,
};
