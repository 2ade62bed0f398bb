import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder under the OS temp dir; `remove()` deletes it and everything in it. */
export function makeTempDirectory(prefix: string): { path: string; remove(): void } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { path: directory, remove: () => fs.rmSync(directory, { recursive: true, force: true }) };
}
