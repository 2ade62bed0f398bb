// sObject Collections retrieve (GET and POST /composite/sobjects/<Object>) as a real org serves
// it: the records in the order of the ids asked for, null for an id naming no readable record.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall, restQuery } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;
let leadIds: string[];

beforeEach(async () => {
  org = await startDemoOrg({ leads: 3, seed: 'composite-retrieve' });
  token = org.issueSession().access_token;
  leadIds = (await restQuery(org.url, token, 'SELECT Id FROM Lead ORDER BY Id')).map((r) =>
    String(r.Id),
  );
});
afterEach(async () => {
  await org.close();
});

const V = '/services/data/v62.0';
const lead = (id: string | undefined) => ({
  attributes: { type: 'Lead', url: `${V}/sobjects/Lead/${id}` },
  Id: id,
  LastName: org.getRecord('Lead', id ?? '')?.LastName,
});

describe('collections retrieve', () => {
  it('answers GET ?ids=&fields= in the order asked, null for a deleted, hidden or unknown id', async () => {
    const [first, deleted, hidden] = leadIds;
    org.deleteRecord('Lead', deleted ?? '');
    org.setVisible(hidden ?? '', false);
    const unknown = '00QdM000009999ZUAQ';
    const ids = [hidden, first, deleted, unknown, first].join(',');
    const response = await restCall(
      org.url,
      token,
      'GET',
      `/composite/sobjects/Lead?ids=${ids}&fields=id,lastname`,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([null, lead(first), null, null, lead(first)]);
  });

  it('answers POST {ids, fields} the same way', async () => {
    const [first, second] = leadIds;
    const response = await restCall(org.url, token, 'POST', '/composite/sobjects/Lead', {
      ids: [second, 'not-an-id', first],
      fields: ['Id', 'LastName'],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([lead(second), null, lead(first)]);
  });

  it('refuses an unknown field with 400 INVALID_FIELD, and a call without fields or ids', async () => {
    const unknownField = await restCall(
      org.url,
      token,
      'GET',
      `/composite/sobjects/Lead?ids=${leadIds[0]}&fields=Id,Nope__c`,
    );
    expect(unknownField.status).toBe(400);
    expect(await unknownField.json()).toEqual([
      { message: "No such column 'Nope__c' on sobject of type Lead", errorCode: 'INVALID_FIELD' },
    ]);
    const noFields = await restCall(
      org.url,
      token,
      'GET',
      `/composite/sobjects/Lead?ids=${leadIds[0]}`,
    );
    expect(noFields.status).toBe(400);
    const noIds = await restCall(org.url, token, 'POST', '/composite/sobjects/Lead', {
      fields: ['Id'],
    });
    expect(noIds.status).toBe(400);
  });

  it('refuses more than 2,000 ids in a POST', async () => {
    const response = await restCall(org.url, token, 'POST', '/composite/sobjects/Lead', {
      ids: Array.from({ length: 2001 }, () => leadIds[0]),
      fields: ['Id'],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject([{ errorCode: 'EXCEEDED_ID_LIMIT' }]);
  });
});
