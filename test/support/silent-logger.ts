import type { Logger } from '../../src-main/core/ports';

export interface RecordingLogger extends Logger {
  lines: { level: string; message: string; facts?: Record<string, unknown> }[];
}

/** Keeps diagnostic lines in memory, so tests can assert what would have been logged. */
export function createRecordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const record = (level: string) => (message: string, facts?: Record<string, unknown>) => {
    lines.push({ level, message, ...(facts ? { facts } : {}) });
  };
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}
