// A demo org started as another org: its own org id, and user and record ids of its own.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_ID, startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { isWellFormedId } from '../../../src-main/demo-org/salesforce-id';
import { readOrgLeads } from '../../support/org-leads';
import { makeTempDirectory } from '../../support/temp-directory';

const OTHER_ORG = '00D5f000000AbCdEAK';
const started: DemoOrgHandle[] = [];
const temps: { remove(): void }[] = [];
afterEach(async () => {
  for (const org of started.splice(0)) await org.close();
  for (const temp of temps.splice(0)) temp.remove();
});

async function start(options: Parameters<typeof startDemoOrg>[0]): Promise<DemoOrgHandle> {
  const org = await startDemoOrg(options);
  started.push(org);
  return org;
}

async function userinfo(org: DemoOrgHandle): Promise<{ organization_id: string; user_id: string }> {
  const session = org.issueSession();
  const response = await fetch(`${org.url}/services/oauth2/userinfo`, {
    headers: { Authorization: `Bearer ${session.access_token}` },
  });
  return (await response.json()) as { organization_id: string; user_id: string };
}

describe('a demo org started as another org', () => {
  it('names its own org id in userinfo, the identity URL and its access tokens', async () => {
    const org = await start({ orgId: OTHER_ORG.slice(0, 15) });
    expect(org.orgId).toBe(OTHER_ORG);
    const session = org.issueSession();
    expect(session.id).toBe(`${org.url}/id/${OTHER_ORG}/${org.demoUserId}`);
    expect(session.access_token.startsWith(`${OTHER_ORG.slice(0, 15)}!`)).toBe(true);
    expect(await userinfo(org)).toMatchObject({
      organization_id: OTHER_ORG,
      user_id: org.demoUserId,
    });
  });

  it('mints user and record ids on its own pod, none shared with the default org', async () => {
    const other = await start({ orgId: OTHER_ORG, leads: 20, seed: 'same' });
    const standard = await start({ leads: 20, seed: 'same' });
    expect(standard.orgId).toBe(DEFAULT_ORG_ID);
    const otherIds = [...(await readOrgLeads(other, ['Id'])).keys()];
    const standardIds = [...(await readOrgLeads(standard, ['Id'])).keys()];
    expect(otherIds).toHaveLength(20);
    for (const id of [...otherIds, other.demoUserId]) {
      expect(isWellFormedId(id)).toBe(true);
      // Key prefix, then the org's pod ("5f"), as in a real org's ids.
      expect(id.slice(3, 5)).toBe('5f');
    }
    expect(otherIds.every((id) => id.startsWith('00Q5f0'))).toBe(true);
    expect(otherIds.filter((id) => standardIds.includes(id))).toEqual([]);
  });

  it('refuses an id that is not an org id', async () => {
    await expect(startDemoOrg({ orgId: '00QdM00000vfgTuUAI' })).rejects.toThrow(/not an org id/);
    await expect(startDemoOrg({ orgId: '00DdM00000vfgTuAAA' })).rejects.toThrow(/not an org id/);
  });

  it('keeps its org id in its data file, and refuses to load another org’s file', async () => {
    const temp = makeTempDirectory('lb-demo-org-file');
    temps.push(temp);
    const dataFile = path.join(temp.path, 'org.json');
    const first = await start({ orgId: OTHER_ORG, leads: 3, dataFile });
    const ids = [...(await readOrgLeads(first, ['Id'])).keys()];
    await first.close();

    const again = await start({ dataFile });
    expect(again.orgId).toBe(OTHER_ORG);
    expect([...(await readOrgLeads(again, ['Id'])).keys()].sort()).toEqual(ids.sort());
    await again.close();

    await expect(startDemoOrg({ orgId: DEFAULT_ORG_ID, dataFile })).rejects.toThrow(
      /holds the org 00D5f000000AbCdEAK/,
    );
  });
});
