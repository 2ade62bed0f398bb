import fs from 'node:fs';
import path from 'node:path';
import type { LogSink } from './diagnostic-log';

export interface RotatingLogFileOptions {
  directory: string;
  /** `leadbridge` → leadbridge.log, then leadbridge.1.log (newest) … leadbridge.<keep>.log. */
  baseName: string;
  /** A file is rotated before a line would take it past this size. */
  maxBytes: number;
  /** How many rotated files are kept besides the current one. */
  keep: number;
  /** Told once when the folder cannot be written (full disk, permissions); never throws. */
  onWriteFailed?: (error: unknown) => void;
}

/**
 * The packaged app's diagnostic log: it has no terminal, so its lines go to a file the user
 * can open from Settings or the tray. Size-capped and rotated so it never fills a disk.
 * Written synchronously: the line before a crash is the one that matters.
 */
export class RotatingLogFile {
  readonly #options: RotatingLogFileOptions;
  #size: number | undefined;
  #failed = false;

  constructor(options: RotatingLogFileOptions) {
    this.#options = options;
  }

  get currentFile(): string {
    return this.#fileAt(0);
  }

  readonly write: LogSink = (line) => {
    try {
      const bytes = Buffer.byteLength(line);
      const size = this.#size ?? this.#measure();
      if (size > 0 && size + bytes > this.#options.maxBytes) {
        this.#rotate();
        this.#size = 0;
      }
      fs.appendFileSync(this.currentFile, line, { mode: 0o600 });
      this.#size = (this.#size ?? 0) + bytes;
      this.#failed = false;
    } catch (error) {
      // The size on disk is unknown now; measured again at the next line.
      this.#size = undefined;
      if (!this.#failed) this.#options.onWriteFailed?.(error);
      this.#failed = true;
    }
  };

  #measure(): number {
    fs.mkdirSync(this.#options.directory, { recursive: true, mode: 0o700 });
    try {
      return fs.statSync(this.currentFile).size;
    } catch {
      return 0;
    }
  }

  #rotate(): void {
    const { keep } = this.#options;
    fs.rmSync(this.#fileAt(keep), { force: true });
    for (let index = keep - 1; index >= 0; index -= 1) {
      const from = this.#fileAt(index);
      if (fs.existsSync(from)) fs.renameSync(from, this.#fileAt(index + 1));
    }
  }

  #fileAt(index: number): string {
    const { directory, baseName } = this.#options;
    return path.join(directory, index === 0 ? `${baseName}.log` : `${baseName}.${index}.log`);
  }
}
