import { describe, expect, it } from 'vitest';
import { readSalesforceFixture } from '../../../test/support/salesforce-fixtures';
import { MAX_QUERY_URI_BYTES, queryUri } from '../sync/lead-query-plan';
import type { SaveResult } from '../writeback/collections-sender';
import { lookUpQueries } from './record-lookup';
import { duplicateMatch } from './duplicate-match';

const emails = (count: number) =>
  Array.from({ length: count }, (_, i) => `firstname.lastname${i}@some-company-${i}.example`);

describe('booking look-ups', () => {
  it('a batch of 200 guests is one query per object; more take as few as fit a query URI', () => {
    expect(lookUpQueries('Lead', emails(200))).toHaveLength(1);
    const many = lookUpQueries('Contact', emails(1000));
    expect(many.length).toBeGreaterThan(1);
    expect(many.length).toBeLessThanOrEqual(5);
    for (const soql of many) {
      expect(Buffer.byteLength(queryUri('query', soql))).toBeLessThanOrEqual(MAX_QUERY_URI_BYTES);
    }
    expect(many.join(' ').match(/@/g)).toHaveLength(1000);
  });

  it('Leads are looked up unconverted only, Contacts all, oldest first, names quoted', () => {
    expect(lookUpQueries('Lead', ["o'brien@example.com"])).toEqual([
      "SELECT Id, Email, CreatedDate FROM Lead WHERE Email IN ('o\\'brien@example.com') AND IsConverted = false ORDER BY CreatedDate",
    ]);
    expect(lookUpQueries('Contact', ['a@example.com'])[0]).not.toMatch(/IsConverted/);
  });
});

describe('duplicate rule answers', () => {
  const blocked = (error: Record<string, unknown>): SaveResult => ({
    success: false,
    errors: [{ statusCode: 'DUPLICATES_DETECTED', message: 'Use one of these records?', ...error }],
  });

  it('the record a rule matched, as Salesforce names it (REST spells it duplicateResut)', () => {
    const [answer] = readSalesforceFixture('error-duplicates-detected.json') as {
      duplicateResut: unknown;
    }[];
    expect(duplicateMatch(blocked({ duplicateResut: answer!.duplicateResut }))).toEqual({
      object: 'Contact',
      id: '0038M0000016Wv8QAE',
    });
    expect(
      duplicateMatch(
        blocked({
          duplicateResult: {
            matchResults: [{ matchRecords: [{ record: { Id: '00Q8M000001ABCDEAA' } }] }],
          },
        }),
      ),
    ).toEqual({ object: 'Lead', id: '00Q8M000001ABCDEAA' });
  });

  it('none when the rule names no record (collections answers may not), or another object', () => {
    const [withoutMatch] = readSalesforceFixture(
      'composite-create-response-duplicates-detected.json',
    ) as SaveResult[];
    expect(duplicateMatch(withoutMatch!)).toBeNull();
    expect(
      duplicateMatch(
        blocked({
          duplicateResult: {
            matchResults: [{ matchRecords: [{ record: { Id: '001000000000001AAA' } }] }],
          },
        }),
      ),
    ).toBeNull();
  });
});
