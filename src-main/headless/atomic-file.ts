import fs from 'node:fs';

/** Write-then-rename, so a crash mid-write leaves the old file, never half a new one. */
export function writeFileAtomically(file: string, contents: string | Buffer, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents, { mode });
  fs.chmodSync(temporary, mode);
  fs.renameSync(temporary, file);
}
