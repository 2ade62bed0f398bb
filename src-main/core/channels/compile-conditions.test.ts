import { describe, expect, it } from 'vitest';
import type { ConditionGroup, ConditionRule } from '../../../src-preload/contract';
import { channelTestDescribe } from '../../../test/support/channel-describe';
import { compileConditions, type LeadValues } from './compile-conditions';

const describeResult = channelTestDescribe();
/** Monday 2026-03-30 10:00 in Berlin (CEST, UTC+2), the day after the spring-forward. */
const NOW = Date.parse('2026-03-30T08:00:00Z');

function evaluate(
  conditions: ConditionGroup,
  after: LeadValues,
  before: LeadValues | null = null,
  timeZone = 'Europe/Berlin',
): boolean {
  const changed = new Set(
    before === null
      ? []
      : Object.keys({ ...before, ...after }).filter((f) => before[f] !== after[f]),
  );
  return compileConditions(conditions, describeResult, { timeZone, now: () => NOW })(
    before,
    after,
    changed,
  );
}

const one = (rule: ConditionRule): ConditionGroup => ({ combinator: 'and', rules: [rule] });

describe('value operators, per field type', () => {
  it.each<[string, ConditionRule, LeadValues, boolean]>([
    [
      'text is ignores case',
      { field: 'Company', operator: 'is', value: 'acme' },
      { Company: 'ACME' },
      true,
    ],
    [
      'text is on a blank is false',
      { field: 'Company', operator: 'is', value: 'acme' },
      { Company: null },
      false,
    ],
    [
      'text is_not on a blank is true',
      { field: 'Company', operator: 'is_not', value: 'acme' },
      {},
      true,
    ],
    [
      'contains ignores case',
      { field: 'Title', operator: 'contains', value: 'VP' },
      { Title: 'svp sales' },
      true,
    ],
    [
      'not_contains on a blank is true',
      { field: 'Title', operator: 'not_contains', value: 'vp' },
      { Title: '' },
      true,
    ],
    [
      'starts_with',
      { field: 'Email', operator: 'starts_with', value: 'Ann@' },
      { Email: 'ann@x.io' },
      true,
    ],
    [
      'ends_with',
      { field: 'Email', operator: 'ends_with', value: '.IO' },
      { Email: 'ann@x.io' },
      true,
    ],
    [
      'ends_with misses',
      { field: 'Email', operator: 'ends_with', value: '.com' },
      { Email: 'ann@x.io' },
      false,
    ],
    [
      'text is_any_of ignores case',
      { field: 'Country', operator: 'is_any_of', value: ['US', 'CA'] },
      { Country: 'ca' },
      true,
    ],
    [
      'text is_none_of',
      { field: 'Country', operator: 'is_none_of', value: ['US', 'CA'] },
      { Country: 'DE' },
      true,
    ],
    [
      'picklist is compares API values exactly',
      { field: 'Rating', operator: 'is', value: 'Hot' },
      { Rating: 'hot' },
      false,
    ],
    ['picklist is', { field: 'Rating', operator: 'is', value: 'Hot' }, { Rating: 'Hot' }, true],
    [
      'picklist is_any_of',
      { field: 'Rating', operator: 'is_any_of', value: ['Hot', 'Warm'] },
      { Rating: 'Warm' },
      true,
    ],
    [
      'picklist is_none_of on a blank',
      { field: 'Rating', operator: 'is_none_of', value: ['Hot'] },
      { Rating: null },
      true,
    ],
    [
      'multi-select is_any_of: one selected value is listed',
      { field: 'Interests__c', operator: 'is_any_of', value: ['CRM', 'Data'] },
      { Interests__c: 'Analytics;CRM' },
      true,
    ],
    [
      'multi-select is_any_of is case-sensitive',
      { field: 'Interests__c', operator: 'is_any_of', value: ['CRM'] },
      { Interests__c: 'Analytics;crm' },
      false,
    ],
    [
      'multi-select is_none_of',
      { field: 'Interests__c', operator: 'is_none_of', value: ['Billing'] },
      { Interests__c: 'Analytics;CRM' },
      true,
    ],
    [
      'multi-select is: the same set in any order',
      { field: 'Interests__c', operator: 'is', value: ['CRM', 'Analytics'] },
      { Interests__c: 'Analytics;CRM' },
      true,
    ],
    [
      'multi-select is: a larger set is not it',
      { field: 'Interests__c', operator: 'is', value: 'Analytics;CRM' },
      { Interests__c: 'Analytics;CRM;Data' },
      false,
    ],
    [
      'checkbox is',
      { field: 'IsConverted', operator: 'is', value: true },
      { IsConverted: true },
      true,
    ],
    [
      'checkbox is_not',
      { field: 'IsConverted', operator: 'is_not', value: true },
      { IsConverted: false },
      true,
    ],
    [
      'currency gt',
      { field: 'AnnualRevenue', operator: 'gt', value: 1_000_000 },
      { AnnualRevenue: 1_000_000.01 },
      true,
    ],
    [
      'int lte',
      { field: 'NumberOfEmployees', operator: 'lte', value: '50' },
      { NumberOfEmployees: 50 },
      true,
    ],
    [
      'percent between, inclusive',
      { field: 'Discount__c', operator: 'between', value: [5, 12.5] },
      { Discount__c: 12.5 },
      true,
    ],
    [
      'number lt on a blank is false',
      { field: 'AnnualRevenue', operator: 'lt', value: 10 },
      { AnnualRevenue: null },
      false,
    ],
    [
      'number is',
      { field: 'NumberofLocations__c', operator: 'is', value: 3 },
      { NumberofLocations__c: 3 },
      true,
    ],
    [
      'date lt',
      { field: 'ConvertedDate', operator: 'lt', value: '2026-01-01' },
      { ConvertedDate: '2025-12-31' },
      true,
    ],
    [
      'date gte',
      { field: 'ConvertedDate', operator: 'gte', value: '2026-01-01' },
      { ConvertedDate: '2025-12-31' },
      false,
    ],
    [
      'date is',
      { field: 'LastActivityDate', operator: 'is', value: '2026-03-30' },
      { LastActivityDate: '2026-03-30' },
      true,
    ],
    [
      'date in_last 7 days includes today',
      { field: 'LastActivityDate', operator: 'in_last', value: { amount: 7, unit: 'days' } },
      { LastActivityDate: '2026-03-30' },
      true,
    ],
    [
      'date in_last 7 days reaches back 7 days',
      { field: 'LastActivityDate', operator: 'in_last', value: { amount: 7, unit: 'days' } },
      { LastActivityDate: '2026-03-23' },
      true,
    ],
    [
      'date in_last 7 days stops there',
      { field: 'LastActivityDate', operator: 'in_last', value: { amount: 7, unit: 'days' } },
      { LastActivityDate: '2026-03-22' },
      false,
    ],
    [
      'date in_next 1 month',
      { field: 'LastActivityDate', operator: 'in_next', value: { amount: 1, unit: 'months' } },
      { LastActivityDate: '2026-04-30' },
      true,
    ],
    [
      'date in_next 2 weeks',
      { field: 'LastActivityDate', operator: 'in_next', value: { amount: 2, unit: 'weeks' } },
      { LastActivityDate: '2026-04-14' },
      false,
    ],
    [
      'datetime is a day in the time zone (00:30 Berlin)',
      { field: 'CreatedDate', operator: 'is', value: '2026-03-29' },
      { CreatedDate: '2026-03-28T23:30:00.000+0000' },
      true,
    ],
    [
      'datetime gt a day is after its end in the zone',
      { field: 'CreatedDate', operator: 'gt', value: '2026-03-28' },
      { CreatedDate: '2026-03-28T23:30:00.000+0000' },
      true,
    ],
    [
      'datetime lt an instant',
      { field: 'CreatedDate', operator: 'lt', value: '2026-03-28T23:30:00Z' },
      { CreatedDate: '2026-03-28T23:29:59.999+0000' },
      true,
    ],
    [
      'datetime in_last 1 days, Berlin yesterday',
      { field: 'CreatedDate', operator: 'in_last', value: { amount: 1, unit: 'days' } },
      { CreatedDate: '2026-03-28T23:00:00.000+0000' },
      true,
    ],
    [
      'datetime in_last 1 days, Berlin the day before',
      { field: 'CreatedDate', operator: 'in_last', value: { amount: 1, unit: 'days' } },
      { CreatedDate: '2026-03-28T22:59:59.000+0000' },
      false,
    ],
    ['is_empty: null', { field: 'Phone', operator: 'is_empty' }, { Phone: null }, true],
    [
      'is_empty: empty text',
      { field: 'Phone', operator: 'is_empty', value: '' },
      { Phone: '' },
      true,
    ],
    ['is_empty: a missing field', { field: 'Phone', operator: 'is_empty' }, {}, true],
    [
      'is_empty: whitespace is a value',
      { field: 'Phone', operator: 'is_empty' },
      { Phone: ' ' },
      false,
    ],
    [
      'is_not_empty: zero is a value',
      { field: 'AnnualRevenue', operator: 'is_not_empty' },
      { AnnualRevenue: 0 },
      true,
    ],
  ])('%s', (_name, rule, lead, expected) => {
    expect(evaluate(one(rule), lead)).toBe(expected);
  });

  it('datetime days follow the chosen time zone', () => {
    const rule = one({ field: 'CreatedDate', operator: 'is', value: '2026-03-28' });
    const lead = { CreatedDate: '2026-03-28T23:30:00.000+0000' };
    expect(evaluate(rule, lead, null, 'America/Los_Angeles')).toBe(true);
    expect(evaluate(rule, lead, null, 'Asia/Tokyo')).toBe(false);
  });
});

describe('change operators see the Lead before and after', () => {
  const status = (value: string | null) => ({ Status: value });
  it.each<[string, ConditionRule, LeadValues | null, LeadValues, boolean]>([
    ['changed', { field: 'Status', operator: 'changed' }, status('A'), status('B'), true],
    [
      'changed is false on a created Lead (ISCHANGED)',
      { field: 'Status', operator: 'changed' },
      null,
      status('B'),
      false,
    ],
    [
      'changed: null to empty text is no change',
      { field: 'Phone', operator: 'changed' },
      { Phone: null },
      { Phone: '' },
      false,
    ],
    [
      'changed: a case-only edit of text is a change',
      { field: 'Company', operator: 'changed' },
      { Company: 'acme' },
      { Company: 'Acme' },
      true,
    ],
    [
      'changed: the same instant written differently is no change',
      { field: 'CreatedDate', operator: 'changed' },
      { CreatedDate: '2026-03-28T23:30:00.000+0000' },
      { CreatedDate: '2026-03-28T23:30:00Z' },
      false,
    ],
    [
      'changed: a multi-select reordered is no change',
      { field: 'Interests__c', operator: 'changed' },
      { Interests__c: 'CRM;Data' },
      { Interests__c: 'Data;CRM' },
      false,
    ],
    [
      'changed_to',
      { field: 'Status', operator: 'changed_to', value: 'Working - Contacted' },
      status('Open - Not Contacted'),
      status('Working - Contacted'),
      true,
    ],
    [
      'changed_to is false on a created Lead',
      { field: 'Status', operator: 'changed_to', value: 'Working - Contacted' },
      null,
      status('Working - Contacted'),
      false,
    ],
    [
      'changed_to another value',
      { field: 'Status', operator: 'changed_to', value: 'Working - Contacted' },
      status('Working - Contacted'),
      status('Closed - Converted'),
      false,
    ],
    [
      'changed_from',
      { field: 'Status', operator: 'changed_from', value: 'Open - Not Contacted' },
      status('Open - Not Contacted'),
      status('Working - Contacted'),
      true,
    ],
    [
      'changed_from needs it to have been that',
      { field: 'Status', operator: 'changed_from', value: 'Open - Not Contacted' },
      status('Closed - Converted'),
      status('Working - Contacted'),
      false,
    ],
    [
      'changed_from_to',
      {
        field: 'Status',
        operator: 'changed_from_to',
        value: ['Open - Not Contacted', 'Working - Contacted'],
      },
      status('Open - Not Contacted'),
      status('Working - Contacted'),
      true,
    ],
    [
      'changed_from_to, other origin',
      {
        field: 'Status',
        operator: 'changed_from_to',
        value: ['Open - Not Contacted', 'Working - Contacted'],
      },
      status(null),
      status('Working - Contacted'),
      false,
    ],
    [
      'changed_to on a checkbox',
      { field: 'IsConverted', operator: 'changed_to', value: true },
      { IsConverted: false },
      { IsConverted: true },
      true,
    ],
    [
      'became_empty',
      { field: 'Email', operator: 'became_empty' },
      { Email: 'a@b.c' },
      { Email: null },
      true,
    ],
    [
      'became_empty needs a value before',
      { field: 'Email', operator: 'became_empty' },
      { Email: '' },
      { Email: null },
      false,
    ],
    [
      'became_not_empty',
      { field: 'Email', operator: 'became_not_empty' },
      { Email: null },
      { Email: 'a@b.c' },
      true,
    ],
    [
      'became_not_empty is false on a created Lead',
      { field: 'Email', operator: 'became_not_empty' },
      null,
      { Email: 'a@b.c' },
      false,
    ],
  ])('%s', (_name, rule, before, after, expected) => {
    expect(evaluate(one(rule), after, before)).toBe(expected);
  });

  it('a field the sync did not report as changed has not changed', () => {
    const evaluator = compileConditions(
      one({ field: 'Status', operator: 'changed' }),
      describeResult,
      {
        timeZone: 'UTC',
        now: () => NOW,
      },
    );
    expect(evaluator({ Status: 'A' }, { Status: 'B' }, new Set(['Rating']))).toBe(false);
    expect(evaluator({ Status: 'A' }, { Status: 'B' }, new Set(['Status']))).toBe(true);
  });
});

describe('groups', () => {
  const hot = { field: 'Rating', operator: 'is', value: 'Hot' } as const;
  const us = { field: 'Country', operator: 'is', value: 'US' } as const;
  it.each<[string, ConditionGroup, LeadValues, boolean]>([
    [
      'and needs every rule',
      { combinator: 'and', rules: [hot, us] },
      { Rating: 'Hot', Country: 'CA' },
      false,
    ],
    [
      'or needs one rule',
      { combinator: 'or', rules: [hot, us] },
      { Rating: 'Hot', Country: 'CA' },
      true,
    ],
    [
      'not negates the group',
      { combinator: 'or', not: true, rules: [hot, us] },
      { Rating: 'Hot' },
      false,
    ],
    [
      'nested groups',
      {
        combinator: 'and',
        rules: [
          hot,
          { combinator: 'or', rules: [us, { field: 'Country', operator: 'is', value: 'CA' }] },
        ],
      },
      { Rating: 'Hot', Country: 'ca' },
      true,
    ],
  ])('%s', (_name, group, lead, expected) => {
    expect(evaluate(group, lead)).toBe(expected);
  });

  it('refuses conditions that do not validate, with the first problem as the message', () => {
    expect(() =>
      compileConditions(one({ field: 'Nope__c', operator: 'is_empty' }), describeResult, {
        timeZone: 'UTC',
        now: () => NOW,
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'CHANNEL_CONDITIONS_INVALID',
        message: expect.stringContaining('Nope__c'),
      }),
    );
  });

  it('evaluates relative dates against the clock at evaluation time, not compile time', () => {
    let now = NOW;
    const evaluator = compileConditions(
      one({ field: 'LastActivityDate', operator: 'in_last', value: { amount: 1, unit: 'days' } }),
      describeResult,
      { timeZone: 'Europe/Berlin', now: () => now },
    );
    const lead = { LastActivityDate: '2026-03-29' };
    expect(evaluator(null, lead, new Set())).toBe(true);
    now += 2 * 86_400_000;
    expect(evaluator(null, lead, new Set())).toBe(false);
  });
});
