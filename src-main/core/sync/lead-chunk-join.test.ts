import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { completeLeads, settledRepeats, type ReadAll } from './lead-chunk-join';
import type { SalesforceRecord } from './lead-diff';
import type { LeadSelects } from './lead-query-plan';

const T1 = '2026-03-10T12:00:00.000+0000';
const T2 = '2026-03-10T12:00:05.000+0000';
const selects: LeadSelects = [
  ['Id', 'SystemModstamp', 'Name'],
  ['Id', 'SystemModstamp', 'A__c'],
  ['Id', 'SystemModstamp', 'B__c'],
];

type Org = Map<string, Record<string, unknown> & { SystemModstamp: string }>;

/** Answers each chunk query from `org` as it is when asked; `between` runs after the first. */
function reader(org: Org, between: () => void = () => undefined) {
  const asked: string[] = [];
  const readAll: ReadAll = async (_endpoint, soql) => {
    asked.push(soql);
    if (asked.length === 1) between();
    const fields = /SELECT (.*) FROM/.exec(soql)![1]!.split(', ');
    const ids = soql.includes(' IN (') ? [...soql.matchAll(/'(\w+)'/g)].map((m) => m[1]) : null;
    return [...org.entries()]
      .filter(([id]) => ids === null || ids.includes(id))
      .map(([id, lead]) => ({
        ...Object.fromEntries(fields.map((f) => [f, f === 'Id' ? id : lead[f]])),
        Id: id,
        SystemModstamp: lead.SystemModstamp,
      }));
  };
  return { readAll, asked };
}

const listed = (org: Org, ...ids: string[]): SalesforceRecord[] =>
  ids.map((id) => ({
    Id: id,
    SystemModstamp: org.get(id)!.SystemModstamp,
    Name: org.get(id)!.Name,
  }));

function twoLeads(): Org {
  return new Map([
    ['L1', { SystemModstamp: T1, Name: 'One', A__c: 'a1', B__c: 'b1' }],
    ['L2', { SystemModstamp: T1, Name: 'Two', A__c: 'a2', B__c: 'b2' }],
  ]);
}

describe('joining a wide Lead from its field chunks', () => {
  it('joins every chunk by Id, in the leading page order', async () => {
    const org = twoLeads();
    const { readAll, asked } = reader(org);
    const leads = await completeLeads(
      listed(org, 'L2', 'L1'),
      selects,
      ' WHERE X',
      'query',
      readAll,
    );
    expect(leads.map((l) => [l.Id, l.Name, l.A__c, l.B__c])).toEqual([
      ['L2', 'Two', 'a2', 'b2'],
      ['L1', 'One', 'a1', 'b1'],
    ]);
    expect(asked).toHaveLength(2);
  });

  it('reads a Lead saved between its chunk queries again whole, so no record mixes two versions', async () => {
    const org = twoLeads();
    const page = listed(org, 'L1', 'L2');
    const { readAll } = reader(org, () => {
      org.set('L1', { SystemModstamp: T2, Name: 'One v2', A__c: 'a1 v2', B__c: 'b1 v2' });
    });
    const leads = await completeLeads(page, selects, ' WHERE X', 'queryAll', readAll);
    expect(leads[0]).toMatchObject({
      Id: 'L1',
      SystemModstamp: T2,
      Name: 'One v2',
      A__c: 'a1 v2',
      B__c: 'b1 v2',
    });
    expect(leads[1]).toMatchObject({ Id: 'L2', Name: 'Two', A__c: 'a2' });
  });

  it('reads a Lead again whole when only one of its chunks saw a save', async () => {
    const org = twoLeads();
    const page = listed(org, 'L1');
    const { readAll } = reader(org);
    let asked = 0;
    // The save lands between the two chunk queries: the second sees it, the first did not.
    const savedBetween: ReadAll = (endpoint, soql) => {
      if ((asked += 1) === 2)
        org.set('L1', { SystemModstamp: T2, Name: 'One v2', A__c: 'a1 v2', B__c: 'b1 v2' });
      return readAll(endpoint, soql);
    };
    const [lead] = await completeLeads(page, selects, ' WHERE X', 'queryAll', savedBetween);
    expect(lead).toMatchObject({
      SystemModstamp: T2,
      Name: 'One v2',
      A__c: 'a1 v2',
      B__c: 'b1 v2',
    });
  });

  it('leaves out a Lead that is gone when read again (deleted during the import)', async () => {
    const org = twoLeads();
    const page = listed(org, 'L1', 'L2');
    const { readAll } = reader(org, () => org.delete('L2'));
    const leads = await completeLeads(page, selects, ' WHERE X', 'query', readAll);
    expect(leads.map((l) => l.Id)).toEqual(['L1']);
  });

  it('gives up with a clear error, after three whole re-reads, when a Lead changes on every read', async () => {
    const org = twoLeads();
    const page = listed(org, 'L1');
    let second = 0;
    const { readAll, asked } = reader(org);
    const restless: ReadAll = async (endpoint, soql) => {
      org.get('L1')!.SystemModstamp =
        `2026-03-10T12:01:${String(second++).padStart(2, '0')}.000+0000`;
      return readAll(endpoint, soql);
    };
    const failure = completeLeads(page, selects, ' WHERE X', 'queryAll', restless);
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({
      code: 'SALESFORCE_LEADS_CHANGING',
      message:
        '1 Lead(s) changed every time Leadbridge read their fields, so no consistent version could be stored. The sync will try again.',
    });
    // The other two chunks once, then three rounds of all three chunks by Id: no more calls.
    expect(asked).toHaveLength(2 + 3 * 3);
  });
});

describe('Leads the overlap lists again', () => {
  const cached = { systemModstamp: T1, fields: { Id: 'L1', SystemModstamp: T1, Name: 'One' } };
  const again: SalesforceRecord[] = [{ Id: 'L1', SystemModstamp: T1, Name: 'One' }];
  const stamp = Date.parse('2026-03-10T12:00:00.000Z');

  it('are not read whole again once a whole read confirmed them after the overlap', () => {
    const settled = settledRepeats(again, selects, () => cached, stamp + 120_000, 120_000);
    expect([...settled]).toEqual(['L1']);
  });

  it('are read whole while another save in the same second could still be pending', () => {
    expect(settledRepeats(again, selects, () => cached, stamp + 30_000, 120_000).size).toBe(0);
    expect(settledRepeats(again, selects, () => cached, undefined, 120_000).size).toBe(0);
    const renamed: SalesforceRecord[] = [{ ...again[0]!, Name: 'One, renamed same second' }];
    expect(settledRepeats(renamed, selects, () => cached, stamp + 120_000, 120_000).size).toBe(0);
  });

  it('are read whole when saved again since the cached version, or not cached at all', () => {
    const savedAgain: SalesforceRecord[] = [
      { ...again[0]!, SystemModstamp: '2026-03-10T12:00:01.000+0000' },
    ];
    expect(settledRepeats(savedAgain, selects, () => cached, stamp + 120_000, 120_000).size).toBe(
      0,
    );
    expect(settledRepeats(again, selects, () => undefined, stamp + 120_000, 120_000).size).toBe(0);
  });
});
