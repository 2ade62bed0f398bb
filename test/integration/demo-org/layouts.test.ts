// `/sobjects/<Object>/describe/layouts`: the one page layout of an org without record types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;

beforeAll(async () => {
  org = await startDemoOrg({ seed: 'layouts' });
  token = org.issueSession().access_token;
});
afterAll(async () => {
  await org.close();
});

interface Item {
  required: boolean;
  editableForUpdate: boolean;
  layoutComponents: { type: string; value?: string }[];
}
interface Section {
  heading: string;
  columns: number;
  layoutRows: { layoutItems: Item[]; numItems: number }[];
}
interface Layout {
  id: string;
  detailLayoutSections: Section[];
  editLayoutSections: Section[];
}

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const res = await restCall(org.url, token, 'GET', path);
  return { status: res.status, body: await res.json() };
}

function fieldItems(layout: Layout): Map<string, Item> {
  const items = new Map<string, Item>();
  for (const section of layout.detailLayoutSections)
    for (const row of section.layoutRows)
      for (const item of row.layoutItems)
        for (const component of item.layoutComponents)
          if (component.type === 'Field') items.set(component.value ?? '', item);
  return items;
}

describe('GET /sobjects/<Object>/describe/layouts', () => {
  it('answers layouts, recordTypeMappings and recordTypeSelectorRequired in the documented shape', async () => {
    const { status, body } = await get('/sobjects/Lead/describe/layouts');
    expect(status).toBe(200);
    const { layouts, recordTypeMappings, recordTypeSelectorRequired } = body as {
      layouts: Layout[];
      recordTypeMappings: Record<string, unknown>[];
      recordTypeSelectorRequired: boolean[];
    };
    expect(recordTypeSelectorRequired).toEqual([false]);
    expect(layouts).toHaveLength(1);
    const layout = layouts[0] as Layout;
    expect(Object.keys(layout).sort()).toEqual([
      'buttonLayoutSection',
      'detailLayoutSections',
      'editLayoutSections',
      'feedView',
      'highlightsPanelLayoutSection',
      'id',
      'multirowEditLayoutSections',
      'offlineLinks',
      'quickActionList',
      'relatedContent',
      'relatedLists',
      'saveOptions',
    ]);
    expect(layout.id).toMatch(/^00h[A-Za-z0-9]{15}$/);
    expect(recordTypeMappings).toEqual([
      expect.objectContaining({
        layoutId: layout.id,
        master: true,
        recordTypeId: '012000000000000AAA',
        urls: { layout: '/services/data/v62.0/sobjects/Lead/describe/layouts/012000000000000AAA' },
      }),
    ]);
  });

  it('lays out the object’s fields two to a row, required ones marked', async () => {
    const { body } = await get('/sobjects/Lead/describe/layouts');
    const layout = (body as { layouts: Layout[] }).layouts[0] as Layout;
    expect(layout.detailLayoutSections.map((s) => s.heading)).toEqual([
      'Lead Information',
      'System Information',
    ]);
    for (const section of layout.detailLayoutSections) {
      expect(section.columns).toBe(2);
      for (const row of section.layoutRows) expect(row.numItems).toBe(2);
    }
    const items = fieldItems(layout);
    expect(items.get('LastName')?.required).toBe(true);
    expect(items.get('Company')?.required).toBe(true);
    expect(items.get('Email')?.required).toBe(false);
    expect(items.get('CreatedById')?.editableForUpdate).toBe(false);
    expect(items.has('Lead_Score__c')).toBe(true);
    expect(items.has('SystemModstamp')).toBe(false);
  });

  it('answers the master record type’s layout alone, and 404 for another record type', async () => {
    const all = await get('/sobjects/Contact/describe/layouts');
    const byType = await get('/sobjects/Contact/describe/layouts/012000000000000AAA');
    expect(byType.status).toBe(200);
    expect(byType.body).toEqual((all.body as { layouts: Layout[] }).layouts[0]);
    expect((await get('/sobjects/Contact/describe/layouts/012dM0000004CxyQAE')).status).toBe(404);
  });
});
