import fs from 'node:fs';
import path from 'node:path';

const directory = path.join(import.meta.dirname, '..', 'fixtures', 'platform');

/** A sample webhook body from test/fixtures/platform (see PROVENANCE.md there), as bytes. */
export function platformFixtureBytes(name: string): Buffer {
  return fs.readFileSync(path.join(directory, `${name}.json`));
}

/** The same sample parsed, for tests that change one field. */
export function platformFixture(name: string): Record<string, unknown> {
  return JSON.parse(platformFixtureBytes(name).toString('utf8')) as Record<string, unknown>;
}
