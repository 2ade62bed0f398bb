import type { Logger } from './core/ports';

/**
 * Errors of a connection, not of the program: a socket that dropped or was aborted while
 * something read from it. The app's state is intact after one, so running on is safe.
 */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ABORT_ERR',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
  'UND_ERR_ABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isConnectionError(error: unknown): boolean {
  for (let at = error, depth = 0; at && depth < 4; depth += 1) {
    const code = errorCode(at);
    if ((code && CONNECTION_ERROR_CODES.has(code)) || (at as Error).name === 'AbortError')
      return true;
    at = (at as { cause?: unknown }).cause;
  }
  return false;
}

/** What may be logged of an error: its kind and where it came from, not its values. */
function describe(error: unknown): Record<string, unknown> {
  const frame = error instanceof Error ? /\n\s+at (.+)/.exec(error.stack ?? '')?.[1] : undefined;
  return {
    name: error instanceof Error ? error.name : typeof error,
    code: errorCode(error) ?? errorCode((error as { cause?: unknown } | null)?.cause),
    at: frame,
  };
}

/**
 * The last line of defence of a host process: an exception nothing caught, or a promise
 * rejection nobody handled. Calls to Salesforce end in errors of their own (see
 * BoundedTransport); this is the backstop, not the fix. A dropped connection and an
 * abandoned promise are logged and the host keeps running; any other exception may have left
 * the program half-way through something, so it is logged and handed to `onFatal`.
 */
export function installLastResortHandlers(
  target: NodeJS.EventEmitter,
  logger: Logger,
  onFatal: (error: unknown) => void,
): () => void {
  const onException = (error: unknown) => {
    if (isConnectionError(error)) {
      logger.warn('uncaught connection error; running on', describe(error));
      return;
    }
    logger.error('uncaught exception; stopping', describe(error));
    onFatal(error);
  };
  const onRejection = (reason: unknown) => {
    logger.warn('unhandled promise rejection; running on', describe(reason));
  };
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
