// The org's users as a real org has them: active hosts, a deactivated user and two active users
// sharing one email — found with the query Leadbridge's owner routing sends, through jsforce.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from 'jsforce';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';

let org: DemoOrgHandle;
let conn: Connection;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 40, seed: 'users' });
  conn = new Connection({
    instanceUrl: org.url,
    accessToken: org.issueSession().access_token,
    version: '62.0',
  });
});
afterAll(async () => {
  await org.close();
});

const HOSTS = ['alex.host@leadbridge.demo', 'sam.host@leadbridge.demo'];
const INACTIVE = 'jordan.left@leadbridge.demo';
const SHARED = 'casey.twin@leadbridge.demo';

async function activeUsersByEmail(emails: string[]) {
  const list = emails.map((email) => `'${email}'`).join(', ');
  const result = await conn.query<{ Id: string; Email: string }>(
    `SELECT Id, Email FROM User WHERE Email IN (${list}) AND IsActive = true`,
  );
  return result.records;
}

describe('the demo org has the users owner routing meets in a real org', () => {
  it('finds each active host by email, with its name, in one query', async () => {
    const found = await activeUsersByEmail(HOSTS);
    expect(found.map((user) => user.Email).sort()).toEqual(HOSTS);
    const alex = await conn.query<{ Name: string; FirstName: string; LastName: string }>(
      `SELECT Name, FirstName, LastName, IsActive FROM User WHERE Email = '${HOSTS[0]}'`,
    );
    expect(alex.records[0]).toMatchObject({ Name: 'Alex Host', FirstName: 'Alex', IsActive: true });
  });

  it('leaves a deactivated user out of the active users, though the user exists', async () => {
    expect(await activeUsersByEmail([INACTIVE])).toEqual([]);
    const any = await conn.query(
      `SELECT Id FROM User WHERE Email = '${INACTIVE}' AND IsActive = false`,
    );
    expect(any.totalSize).toBe(1);
  });

  it('answers two active users for the email two logins share', async () => {
    const found = await activeUsersByEmail([SHARED]);
    expect(found).toHaveLength(2);
    expect(new Set(found.map((user) => user.Id)).size).toBe(2);
  });

  it('keeps the demo user first and seeds Leads owned by the sales team only', async () => {
    const dana = await conn.query<{ Id: string }>(
      "SELECT Id FROM User WHERE Email = 'dana.demo@leadbridge-demo.example'",
    );
    expect(dana.records[0]?.Id).toBe(org.demoUserId);
    const owners = await conn.query<{ Owner: { Email: string } }>('SELECT Owner.Email FROM Lead');
    const emails = new Set(owners.records.map((lead) => lead.Owner.Email));
    expect(emails.size).toBeGreaterThan(1);
    for (const email of emails) expect(email).toMatch(/@leadbridge-demo\.example$/);
  });

  it('answers every field selected through one relationship (Owner.Name, Owner.Email)', async () => {
    const result = await conn.query<{ Owner: Record<string, unknown> }>(
      'SELECT Id, Owner.Name, Owner.Email, OwnerId FROM Lead LIMIT 1',
    );
    const owner = result.records[0]?.Owner ?? {};
    expect(Object.keys(owner).sort()).toEqual(['Email', 'Name', 'attributes']);
  });

  it('refuses a Lead owned by a deactivated user, as INACTIVE_OWNER_OR_USER', async () => {
    const inactive = await conn.query<{ Id: string }>(
      `SELECT Id FROM User WHERE Email = '${INACTIVE}'`,
    );
    const inactiveId = inactive.records[0]?.Id ?? '';
    const lead = await conn.query<{ Id: string }>('SELECT Id FROM Lead LIMIT 1');
    const leadId = lead.records[0]?.Id ?? '';
    const response = await fetch(`${org.url}/services/data/v62.0/sobjects/Lead/${leadId}`, {
      method: 'PATCH',
      headers: {
        Authorization: `Bearer ${conn.accessToken ?? ''}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ OwnerId: inactiveId }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([
      {
        errorCode: 'INACTIVE_OWNER_OR_USER',
        message: `operation performed with inactive user [${inactiveId.slice(0, 15)}] as owner of lead`,
        fields: [],
      },
    ]);
    expect(org.getRecord('Lead', leadId)?.OwnerId).not.toBe(inactiveId);
  });
});
