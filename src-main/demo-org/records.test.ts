import { describe, expect, it } from 'vitest';
import { OrgState } from './org-state';
import { RecordRules } from './records';
import { leadEmailRule } from './duplicate-rules';

function setup(duplicateRuleOnEmail = false) {
  const state = new OrgState(
    {
      accessTokenLifetimeSeconds: 7200,
      rotateRefreshTokens: false,
      dailyApiLimit: 1000,
      duplicateRules: duplicateRuleOnEmail ? leadEmailRule() : {},
      maxRequestHeadBytes: 16_384,
      demoUserViewsSetup: true,
      bulkQueryRunMs: 0,
      maxQueryBatch: 2_000,
    },
    () => Date.UTC(2025, 0, 1),
  );
  const lead = state.schema('Lead');
  if (!lead) throw new Error('no Lead');
  return { state, lead, rules: new RecordRules(state) };
}

describe('describe-driven record rules', () => {
  it('requires LastName and Company on create and fills defaults', () => {
    const { lead, rules, state } = setup();
    expect(rules.checkCreate(lead, { FirstName: 'A' })).toMatchObject({
      ok: false,
      error: { statusCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName', 'Company'] },
    });
    const checked = rules.checkCreate(lead, { LastName: 'B', Company: 'C' });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const record = state.transact(state.demoUserId, 'test', (tx) =>
      tx.insert('Lead', checked.value),
    );
    expect(record).toMatchObject({
      Status: 'Open - Not Contacted',
      OwnerId: state.demoUserId,
      IsDeleted: false,
      Name: 'B',
    });
    expect(String(record.CreatedDate)).toBe('2025-01-01T00:00:00.000+0000');
  });

  it('refuses unknown, read-only and badly typed values the way Salesforce does', () => {
    const { lead, rules } = setup();
    const base = { LastName: 'B', Company: 'C' };
    expect(rules.checkCreate(lead, { ...base, Nope__c: 1 })).toMatchObject({
      error: { statusCode: 'INVALID_FIELD' },
    });
    expect(rules.checkCreate(lead, { ...base, Name: 'x' })).toMatchObject({
      error: { statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['Name'] },
    });
    expect(rules.checkCreate(lead, { ...base, Meeting_Status__c: 'Maybe' })).toMatchObject({
      error: { statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' },
    });
    expect(rules.checkCreate(lead, { ...base, LeadSource: 'Carrier pigeon' }).ok).toBe(true);
    expect(rules.checkCreate(lead, { ...base, Lead_Score__c: 'high' })).toMatchObject({
      error: { statusCode: 'JSON_PARSER_ERROR' },
    });
    expect(rules.checkCreate(lead, { ...base, Email: 'not-an-email' })).toMatchObject({
      error: { statusCode: 'INVALID_EMAIL_ADDRESS' },
    });
    expect(rules.checkCreate(lead, { ...base, OwnerId: 'abc' })).toMatchObject({
      error: { statusCode: 'MALFORMED_ID' },
    });
    expect(rules.checkId(lead, '0035f00002EztxDAAR')).toMatchObject({
      error: { statusCode: 'MALFORMED_ID' },
    });
  });

  it('detects duplicates on email when the rule is on', () => {
    const { lead, rules, state } = setup(true);
    state.transact(state.demoUserId, 'test', (tx) =>
      tx.insert('Lead', { LastName: 'A', Company: 'C', Email: 'same@example.com' }),
    );
    expect(
      rules.checkCreate(lead, { LastName: 'B', Company: 'C', Email: 'SAME@example.com' }),
    ).toMatchObject({ error: { statusCode: 'DUPLICATES_DETECTED' } });
  });

  it('renames a field in describe and in the stored records', () => {
    const { lead, state } = setup();
    const record = state.transact(state.demoUserId, 'test', (tx) =>
      tx.insert('Lead', { LastName: 'A', Company: 'C', Timezone__c: 'UTC' }),
    );
    expect(state.alterField('Lead', 'Timezone__c', { name: 'Time_Zone__c' })).toBe(true);
    expect(lead.byLowerName.has('timezone__c')).toBe(false);
    expect(state.table('Lead').get(String(record.Id))).toMatchObject({ Time_Zone__c: 'UTC' });
  });
});
