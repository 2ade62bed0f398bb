// Standalone demo org: `npm run demo-org -- [--port N] [--leads N] [--contacts N] [--seed S] [--org-id ID] [--data FILE]`.
import { parseArgs } from 'node:util';
import { startDemoOrg } from './index';

function fail(message: string): never {
  process.stderr.write(`demo-org: ${message}\n`);
  process.exit(2);
}

function integer(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    fail(`--${name} must be a non-negative integer, got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  let values: {
    port?: string;
    leads?: string;
    contacts?: string;
    seed?: string;
    'org-id'?: string;
    data?: string;
  };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        leads: { type: 'string' },
        contacts: { type: 'string' },
        seed: { type: 'string' },
        'org-id': { type: 'string' },
        data: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(
      `${error instanceof Error ? error.message : String(error)}\nusage: npm run demo-org -- [--port N] [--leads N] [--contacts N] [--seed S] [--org-id ID] [--data FILE]`,
    );
  }
  const org = await startDemoOrg({
    port: integer(values.port, 'port', 0),
    leads: integer(values.leads, 'leads', 500),
    ...(values.contacts === undefined ? {} : { contacts: integer(values.contacts, 'contacts', 4) }),
    seed: values.seed,
    orgId: values['org-id'],
    dataFile: values.data,
  });
  process.stdout.write(`Salesforce emulator: ${org.url} (org ${org.orgId})\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    org.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`could not stop cleanly: ${String(error)}`),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
