import type { Shell } from 'electron';
import { createDiagnosticLogger, type LogSink } from '../core/diagnostic-log';
import type { Logger } from '../core/ports';
import { RotatingLogFile } from '../core/rotating-log-file';
import { stderrSink } from '../core/stderr-logger';
import { AppError } from '../core/errors';

/** About 5 MB of recent history: enough for a support ticket, small on any disk. */
const MAX_FILE_BYTES = 1_000_000;
const ROTATED_FILES_KEPT = 4;

export interface DesktopLog {
  logger: Logger;
  directory: string;
}

/**
 * The desktop app's diagnostic log: rotating files in the OS's logs folder for the app
 * (a packaged app has no terminal), and stderr too while developing.
 */
export function createDesktopLog(options: { directory: string; packaged: boolean }): DesktopLog {
  const file = new RotatingLogFile({
    directory: options.directory,
    baseName: 'leadbridge',
    maxBytes: MAX_FILE_BYTES,
    keep: ROTATED_FILES_KEPT,
    onWriteFailed: (error) =>
      stderrSink(`${JSON.stringify({ message: 'log file not writable', error: String(error) })}\n`),
  });
  const sinks: LogSink[] = options.packaged ? [file.write] : [file.write, stderrSink];
  return { logger: createDiagnosticLogger('electron', sinks), directory: options.directory };
}

/** Shows the logs folder, and nothing else: the only path this app hands to shell.openPath. */
export async function openLogsFolder(shell: Pick<Shell, 'openPath'>, directory: string) {
  const failure = await shell.openPath(directory);
  if (failure) {
    throw new AppError(
      'LOGS_FOLDER_NOT_OPENED',
      `Leadbridge could not open its logs folder (${failure}). Open ${directory} in your file manager.`,
    );
  }
}
