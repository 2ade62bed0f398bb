import type { Logger } from './ports';

/** Diagnostic lines on stderr as JSON, so a service manager's journal can keep them. */
export function createStderrLogger(scope: string): Logger {
  const write = (level: string, message: string, facts?: Record<string, unknown>) => {
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, scope, message, ...facts })}\n`,
    );
  };
  return {
    info: (message, facts) => write('info', message, facts),
    warn: (message, facts) => write('warn', message, facts),
    error: (message, facts) => write('error', message, facts),
  };
}
