import fs from 'node:fs';
import type { SettingsStore } from '../core/ports';
import { writeFileAtomically } from './atomic-file';

/** Settings as a plain JSON file in the data directory (nothing secret lives here). */
export class JsonSettingsStore implements SettingsStore {
  constructor(private readonly file: string) {}

  load(): unknown {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
    } catch {
      // Missing or unreadable: the core falls back to defaults key by key.
      return {};
    }
  }

  save(value: Record<string, unknown>): void {
    writeFileAtomically(this.file, `${JSON.stringify(value, null, 2)}\n`, 0o600);
  }
}
