// The demo page shows what Leadbridge writes back: a Lead's owner and its Tasks and Events, and
// the Contacts booking posts find or create with their Events, read from the admin API the page
// polls, under stable accessible names for the e2e tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall, restQuery } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;
let leadId: string;
let alexId: string;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 3, seed: 'demo-page' });
  token = org.issueSession().access_token;
  leadId = String((await query('SELECT Id FROM Lead ORDER BY Id LIMIT 1'))[0]?.Id);
  alexId = String(
    (await query("SELECT Id FROM User WHERE Email = 'alex.host@leadbridge.demo'"))[0]?.Id,
  );
});
afterAll(async () => {
  await org.close();
});

function query(soql: string): Promise<Record<string, unknown>[]> {
  return restQuery(org.url, token, soql);
}

function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return restCall(org.url, token, method, path, body, headers);
}

describe('the demo page shows a Lead’s owner, Tasks and Events', () => {
  it('answers a Lead’s detail with its owner and activities as written through the API', async () => {
    await api(
      'PATCH',
      `/sobjects/Lead/${leadId}`,
      { OwnerId: alexId, Status: 'Working - Contacted' },
      {
        'Sforce-Auto-Assign': 'FALSE',
      },
    );
    await api('POST', '/composite/sobjects', {
      records: [
        {
          attributes: { type: 'Event' },
          WhoId: leadId,
          Subject: 'Intro call with Alex Host',
          StartDateTime: '2026-12-01T15:00:00Z',
          EndDateTime: '2026-12-01T15:30:00Z',
          Location: 'https://meet.example/intro',
        },
        {
          attributes: { type: 'Task' },
          WhoId: leadId,
          Subject: 'Intro call: invitation sent',
          Status: 'Completed',
          TaskSubtype: 'Email',
          ActivityDate: '2026-11-30',
        },
      ],
    });
    const response = await fetch(`${org.url}/__admin/leads/${leadId}`);
    expect(response.status).toBe(200);
    const detail = (await response.json()) as {
      lead: Record<string, unknown>;
      owner: Record<string, unknown>;
      tasks: Record<string, unknown>[];
      events: Record<string, unknown>[];
    };
    expect(detail.lead).toMatchObject({ Id: leadId, Status: 'Working - Contacted' });
    expect(detail.owner).toEqual({
      Id: alexId,
      Name: 'Alex Host',
      Email: 'alex.host@leadbridge.demo',
    });
    expect(detail.events).toMatchObject([
      {
        Subject: 'Intro call with Alex Host',
        StartDateTime: '2026-12-01T15:00:00.000+0000',
        EndDateTime: '2026-12-01T15:30:00.000+0000',
        Location: 'https://meet.example/intro',
      },
    ]);
    expect(detail.tasks).toMatchObject([
      { Subject: 'Intro call: invitation sent', Status: 'Completed', ActivityDate: '2026-11-30' },
    ]);
    const list = (await (await fetch(`${org.url}/__admin/leads?limit=10`)).json()) as {
      leads: { Id: string; Owner: { Name: string } }[];
    };
    expect(list.leads.find((lead) => lead.Id === leadId)?.Owner.Name).toBe('Alex Host');
    expect((await fetch(`${org.url}/__admin/leads/00QdM0000000000AAA`)).status).toBe(404);
  });

  it('labels the owner “Owner” and heads the activities “Activities”, keeping one status line', async () => {
    const page = await (await fetch(`${org.url}/`)).text();
    expect(page).toContain('<dt id="owner-label">Owner</dt>');
    expect(page).toContain('<dd id="lead-owner" aria-labelledby="owner-label"></dd>');
    expect(page).toContain('<h3 id="activities-heading">Activities</h3>');
    expect(page).toContain('<ul id="activities" aria-labelledby="activities-heading"></ul>');
    expect(page.match(/role="status"|<output/g)).toEqual(['role="status"']);
    const script = await (await fetch(`${org.url}/demo-org-assets/app.js`)).text();
    expect(script).toContain("fetch('/__admin/' + kind + 's/' + encodeURIComponent(selected.Id))");
    expect(script).toContain('setInterval(refresh, REFRESH_MS)');
  });
});

describe('the demo page shows Contacts and their Events', () => {
  it('lists Contacts with their Account and owner, and answers a Contact’s Events', async () => {
    const created = await api('POST', '/sobjects/Contact', {
      LastName: 'Booked',
      FirstName: 'Guest',
      Email: 'guest.booked@example.com',
    });
    const { id } = (await created.json()) as { id: string };
    await api('POST', '/sobjects/Event', {
      WhoId: id,
      Subject: 'Intro call: Guest Booked',
      StartDateTime: '2026-12-03T09:00:00Z',
      EndDateTime: '2026-12-03T09:30:00Z',
    });
    const list = (await (
      await fetch(`${org.url}/__admin/contacts?search=${encodeURIComponent('guest.booked')}`)
    ).json()) as { total: number; contacts: Record<string, unknown>[] };
    expect(list.total).toBe(1);
    expect(list.contacts[0]).toMatchObject({ Id: id, Name: 'Guest Booked', Account: null });
    const seeded = (await (await fetch(`${org.url}/__admin/contacts`)).json()) as {
      contacts: { Account: { Name: string } | null; Owner: { Name: string } | null }[];
    };
    expect(seeded.contacts.filter((c) => c.Account !== null && c.Owner !== null)).toHaveLength(4);
    const detail = (await (await fetch(`${org.url}/__admin/contacts/${id}`)).json()) as {
      contact: Record<string, unknown>;
      events: Record<string, unknown>[];
      tasks: unknown[];
    };
    expect(detail.contact).toMatchObject({ Id: id, Email: 'guest.booked@example.com' });
    expect(detail.events).toMatchObject([{ Subject: 'Intro call: Guest Booked' }]);
    expect(detail.tasks).toEqual([]);
    expect((await fetch(`${org.url}/__admin/contacts/003dM0000000000AAA`)).status).toBe(404);
  });

  it('has a Contacts table beside the Leads, whose rows open a Contact’s activities', async () => {
    const page = await (await fetch(`${org.url}/`)).text();
    expect(page).toContain('<table class="leads contact-table" aria-label="Contacts">');
    expect(page).toContain('<tbody id="contact-rows"></tbody>');
    const script = await (await fetch(`${org.url}/demo-org-assets/app.js`)).text();
    expect(script).toContain("fetch('/__admin/contacts?limit=100&search=' + q)");
    expect(script).toContain("select('contact', contact, 'Contact')");
  });
});
