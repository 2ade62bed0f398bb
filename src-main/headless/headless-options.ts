import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { normaliseOrgId } from '../demo-org/salesforce-id';

export interface HeadlessOptions {
  port: number;
  dataDirectory: string;
  secretsKeyFile: string;
  token: string;
  /** Start the built-in demo org at launch (it otherwise starts on "Try with a demo org"). */
  demo: boolean;
  /** Use a demo org that already runs at this loopback address instead of a built-in one. */
  demoOrgUrl: string | null;
  /** The built-in demo org runs as this org (18-char id) instead of the default one. */
  demoOrgId: string | null;
}

export const DEFAULT_PORT = 4780;

export const usage = `Usage: npm run serve -- [--port N] [--data-dir DIR] [--token-file FILE] [--demo]
                         [--demo-org URL | --demo-org-id ID]

  --port N           port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --data-dir DIR     where the cache, settings and sealed secrets live
                     (default: $LEADBRIDGE_DATA_DIR or ~/.local/share/leadbridge)
  --token-file FILE  read the access token for /api from FILE (or set $LEADBRIDGE_TOKEN;
                     default: a new random one each launch)
  --token T          the token on the command line, where other users of this machine
                     can read it (ps): prefer --token-file or $LEADBRIDGE_TOKEN there
  --demo             start the built-in demo org (a Salesforce emulator) at launch
  --demo-org URL     use a demo org already running on 127.0.0.1 (npm run demo-org)
  --demo-org-id ID   run the built-in demo org as another org (an 18-char id starting
                     with 00D), with its own leads: to try switching orgs`;

export class UsageError extends Error {}

/** Reads the command line; throws UsageError with a sentence saying what to fix. */
export function parseHeadlessOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): HeadlessOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        demo: { type: 'boolean' },
        'demo-org': { type: 'string' },
        'demo-org-id': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  const token = chosenToken(values.token, values['token-file'], env.LEADBRIDGE_TOKEN);
  if (values['demo-org'] !== undefined && values['demo-org-id'] !== undefined) {
    throw new UsageError(
      '--demo-org-id sets the built-in demo org; a demo org at --demo-org has its own id (npm run demo-org -- --org-id ID).',
    );
  }
  const home = os.homedir();
  const dataDirectory = path.resolve(
    values['data-dir'] ??
      env.LEADBRIDGE_DATA_DIR ??
      path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'leadbridge'),
  );
  return {
    port,
    dataDirectory,
    secretsKeyFile: path.resolve(
      env.LEADBRIDGE_SECRETS_KEY_FILE ??
        path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'leadbridge', 'secrets.key'),
    ),
    token: token ?? crypto.randomBytes(24).toString('base64url'),
    demo: values.demo ?? false,
    demoOrgUrl: values['demo-org'] === undefined ? null : loopbackOrigin(values['demo-org']),
    demoOrgId: values['demo-org-id'] === undefined ? null : demoOrgId(values['demo-org-id']),
  };
}

/** --token, else --token-file, else $LEADBRIDGE_TOKEN; undefined when none is given. */
function chosenToken(
  flag: string | undefined,
  file: string | undefined,
  variable: string | undefined,
): string | undefined {
  if (flag !== undefined && file !== undefined) {
    throw new UsageError('Give --token or --token-file, not both.');
  }
  if (flag !== undefined) return validToken(flag, '--token');
  if (file !== undefined) return validToken(readTokenFile(file), `The token in ${file}`);
  if (variable !== undefined && variable !== '') return validToken(variable, '$LEADBRIDGE_TOKEN');
  return undefined;
}

function readTokenFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new UsageError(
      `--token-file: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
}

function validToken(token: string, source: string): string {
  if (!/^[A-Za-z0-9._~-]{16,256}$/.test(token)) {
    throw new UsageError(`${source} must be 16 to 256 letters, digits or . _ ~ - characters.`);
  }
  return token;
}

/** The demo org is an emulator without TLS: only this machine's loopback address will do. */
function loopbackOrigin(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || url.protocol !== 'http:' || url.hostname !== '127.0.0.1' || !url.port) {
    throw new UsageError(`--demo-org must look like http://127.0.0.1:PORT, not "${value}".`);
  }
  return url.origin;
}

function demoOrgId(value: string): string {
  const orgId = normaliseOrgId(value);
  if (!orgId) {
    throw new UsageError(
      `--demo-org-id must be a Salesforce org id (15 or 18 letters and digits starting with 00D), not "${value}".`,
    );
  }
  return orgId;
}
