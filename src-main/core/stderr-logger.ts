import { createDiagnosticLogger, type LogSink } from './diagnostic-log';
import type { Logger } from './ports';

export const stderrSink: LogSink = (line) => {
  process.stderr.write(line);
};

/** Diagnostic lines on stderr as JSON, so a service manager's journal can keep them. */
export function createStderrLogger(scope: string): Logger {
  return createDiagnosticLogger(scope, [stderrSink]);
}
