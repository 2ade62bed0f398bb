import { redactFacts, redactText } from './log-redaction';
import type { Logger } from './ports';

/** Where a finished line goes: stderr, a log file, or both. */
export type LogSink = (line: string) => void;

/**
 * Diagnostic lines as JSON, one a line, redacted before any sink sees them: a service
 * manager's journal and a log file read the same lines.
 */
export function createDiagnosticLogger(
  scope: string,
  sinks: readonly LogSink[],
  now: () => Date = () => new Date(),
): Logger {
  const write = (level: string, message: string, facts?: Record<string, unknown>) => {
    const line = `${JSON.stringify({
      time: now().toISOString(),
      level,
      scope,
      message: redactText(message),
      ...(facts ? redactFacts(facts) : {}),
    })}\n`;
    for (const sink of sinks) sink(line);
  };
  return {
    info: (message, facts) => write('info', message, facts),
    warn: (message, facts) => write('warn', message, facts),
    error: (message, facts) => write('error', message, facts),
  };
}
