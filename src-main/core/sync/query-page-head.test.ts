import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { salesforceFixturesDirectory } from '../../../test/support/salesforce-fixtures';
import { pageHead } from './query-page-head';

describe('pageHead (where the next page is, before the page is parsed)', () => {
  it('reads the next page from the head of a page as Salesforce lays it out, compact or indented', () => {
    // Captured from a real org: indented, keys in Salesforce's order.
    const indented = fs.readFileSync(
      path.join(salesforceFixturesDirectory, 'query-page-not-done.json'),
      'utf8',
    );
    expect(pageHead(indented)).toEqual({
      done: false,
      nextRecordsUrl: '/services/data/v51.0/query/01gB000003OCxSPIA1-2000',
    });
    const compact = JSON.stringify(JSON.parse(indented));
    expect(pageHead(compact)).toEqual(pageHead(indented));
  });

  it('says nothing follows for a last page, and nothing it cannot be sure of', () => {
    expect(pageHead('{"totalSize":1,"done":true,"records":[]}')).toEqual({ done: true });
    expect(pageHead('{"done":false,"totalSize":9,"nextRecordsUrl":"/next","records":[]}')).toEqual({
      done: true,
    });
    expect(
      pageHead('{"totalSize":1,"done":true,"records":[{"Id":"00Q1","nextRecordsUrl":"/x"}]}'),
    ).toEqual({ done: true });
  });
});
