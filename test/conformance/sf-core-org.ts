// A demo org reached the way a user of Salesforce's own client library reaches a real one: an
// access token handed to `@salesforce/core` (`sf org login access-token` does the same), which
// looks the user up itself and picks the org's latest API version. Nothing here knows the demo
// org's internals beyond starting it and minting that token, so what passes here would pass
// against a real org.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthInfo, Connection } from '@salesforce/core';
import { startDemoOrg, type DemoOrgHandle, type DemoOrgOptions } from '../../src-main/demo-org';

export interface SfCoreOrg {
  org: DemoOrgHandle;
  conn: Connection;
  authInfo: AuthInfo;
  close(): Promise<void>;
}

/**
 * `@salesforce/core` keeps its state and key under the home directory: each suite gets its own,
 * so no test touches the developer's real CLI logins.
 */
function isolateCliHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'leadbridge-sf-core-'));
  process.env.HOME = home;
  process.env.SF_USE_GENERIC_UNIX_KEYCHAIN = 'true';
  process.env.SF_DISABLE_TELEMETRY = 'true';
  process.env.SF_DISABLE_LOG_FILE = 'true';
  return home;
}

export async function connectWithSfCore(options: DemoOrgOptions = {}): Promise<SfCoreOrg> {
  const previousHome = process.env.HOME;
  const home = isolateCliHome();
  const org = await startDemoOrg({ leads: 0, ...options });
  const { access_token: accessToken } = org.issueSession();
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken, instanceUrl: org.url, loginUrl: org.url },
  });
  const conn = await Connection.create({ authInfo });
  return {
    org,
    conn,
    authInfo,
    close: async () => {
      await org.close();
      rmSync(home, { recursive: true, force: true });
      if (previousHome === undefined) delete process.env.HOME;
      else process.env.HOME = previousHome;
    },
  };
}
