// The versions a real org serves and refuses, the version root's resources, the identity URL's
// own ways of taking a token, and request paths as Salesforce's CLI writes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';

let org: DemoOrgHandle;
let token: string;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 3, seed: 'versions' });
  token = org.issueSession().access_token;
});
afterAll(async () => {
  await org.close();
});

function get(path: string, authorized = true): Promise<Response> {
  return fetch(`${org.url}${path}`, {
    headers: authorized ? { authorization: `Bearer ${token}` } : {},
  });
}

describe('API versions', () => {
  it('lists every version from 31.0 to 62.0 with its release', async () => {
    const versions = (await (await get('/services/data/', false)).json()) as {
      version: string;
      label: string;
      url: string;
    }[];
    expect(versions).toHaveLength(32);
    expect(versions[0]).toEqual({
      version: '31.0',
      label: "Summer '14",
      url: '/services/data/v31.0',
    });
    expect(versions.find((v) => v.version === '51.0')?.label).toBe("Spring '21");
    expect(versions.at(-1)).toEqual({
      version: '62.0',
      label: "Winter '25",
      url: '/services/data/v62.0',
    });
  });

  it('serves the oldest supported version as the latest', async () => {
    for (const version of ['31.0', '50.0', '51.0', '62.0']) {
      const res = await get(`/services/data/v${version}/sobjects/User/${org.demoUserId}`);
      expect(res.status, version).toBe(200);
    }
  });

  it('answers 410 GONE for a retired version, 404 for one the org has not reached', async () => {
    for (const version of ['7.0', '20.0', '30.0']) {
      const res = await get(`/services/data/v${version}/query?q=SELECT+Id+FROM+Lead`);
      expect(res.status, version).toBe(410);
      const [error] = (await res.json()) as { errorCode: string; message: string }[];
      expect(error?.errorCode).toBe('GONE');
    }
    expect((await get('/services/data/v63.0/query?q=SELECT+Id+FROM+Lead')).status).toBe(404);
  });
});

describe('the version root', () => {
  it('names the identity URL of the signed-in user, absolute', async () => {
    const root = (await (await get('/services/data/v62.0/')).json()) as Record<string, string>;
    expect(root.identity).toBe(`${org.url}/id/${org.orgId}/${org.demoUserId}`);
    expect(root.sobjects).toBe('/services/data/v62.0/sobjects');
  });
});

describe('the identity URL', () => {
  const identityPath = (): string => `/id/${org.orgId}/${org.demoUserId}`;

  it('takes the access token as ?oauth_token=', async () => {
    const res = await get(
      `${identityPath()}?format=json&oauth_token=${encodeURIComponent(token)}`,
      false,
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user_id: string }).user_id).toBe(org.demoUserId);
  });

  it('refuses a bad ?oauth_token= as it refuses a bad header', async () => {
    const res = await get(`${identityPath()}?oauth_token=not-a-token`, false);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('Bad_OAuth_Token');
  });

  it('fills the {version} of its URLs from ?version=', async () => {
    const urls = async (query: string): Promise<Record<string, string>> =>
      ((await (await get(`${identityPath()}${query}`)).json()) as { urls: Record<string, string> })
        .urls;
    expect((await urls('')).rest).toBe(`${org.url}/services/data/v{version}/`);
    expect((await urls('?version=58.0')).rest).toBe(`${org.url}/services/data/v58.0/`);
    expect((await urls('?version=latest')).sobjects).toBe(
      `${org.url}/services/data/v62.0/sobjects/`,
    );
  });
});

describe('request paths', () => {
  it('serves "//services/…", as an instance URL kept with a trailing slash makes it', async () => {
    const res = await get('//services/data/v62.0/query?q=SELECT+Id+FROM+Lead');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { totalSize: number }).totalSize).toBe(3);
  });
});
