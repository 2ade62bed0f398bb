import fs from 'node:fs';
import path from 'node:path';

/**
 * Responses captured from real Salesforce orgs live beside the repository, in
 * ../shared/fixtures/salesforce (provenance in its SOURCES.md); CI clones the repo there.
 */
export const salesforceFixturesDirectory = path.resolve(
  process.env.LEADBRIDGE_SALESFORCE_FIXTURES ??
    path.join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'salesforce'),
);

export function readSalesforceFixture(name: string): unknown {
  const file = path.join(salesforceFixturesDirectory, name);
  if (!fs.existsSync(file)) {
    throw new Error(
      `Missing Salesforce fixture ${file}. Clone the project with shared/ beside it, or set LEADBRIDGE_SALESFORCE_FIXTURES.`,
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}
