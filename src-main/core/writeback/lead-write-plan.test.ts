import { describe, expect, it } from 'vitest';
import { mergeLeadUpdates } from './lead-update-merge';
import { planLeadWrite } from './lead-write-plan';
import type { QueuedItem } from './outbox-store';
import { describeOutbox } from './outbox-status';
import { classifyCallError, classifyRecordError } from './write-errors';
import { AppError } from '../errors';

const LEAD = '00Q000000000001AAA';

function item(id: number, values: Record<string, unknown>, basis: Record<string, unknown>) {
  return {
    id,
    kind: 'lead_update',
    object: 'Lead',
    leadId: LEAD,
    values,
    hostUsers: {},
    basis,
    idempotencyKey: `k${id}`,
    attempts: 0,
    inFlightSince: null,
    cause: { kind: 'system', id: null, name: null },
    instanceId: null,
  } satisfies QueuedItem;
}

const plan = (items: QueuedItem[], current: Record<string, unknown>) =>
  planLeadWrite(
    mergeLeadUpdates(items)[0]!,
    { Id: LEAD, IsConverted: false, ...current },
    new Map(),
  );

describe('lead write plan (conflict check)', () => {
  it('writes a field that still holds what Leadbridge saw, and not one a person changed since', () => {
    const result = plan(
      [item(1, { Status: 'Qualified', Title: 'CTO' }, { Status: 'Open', Title: null })],
      {
        Status: 'Open',
        Title: 'VP Sales',
      },
    );
    expect(result).toEqual({
      kind: 'write',
      fields: { Status: 'Qualified' },
      conflicts: new Map([[1, [{ field: 'Title', ours: 'CTO', basis: null, theirs: 'VP Sales' }]]]),
      failures: new Map(),
    });
  });

  it('treats an earlier decision of ours that already landed as no conflict (last decision wins)', () => {
    const result = plan(
      [
        item(1, { Status: 'Working' }, { Status: 'Open' }),
        item(2, { Status: 'Qualified' }, { Status: 'Open' }),
      ],
      { Status: 'Working' },
    );
    expect(result).toMatchObject({
      kind: 'write',
      fields: { Status: 'Qualified' },
      conflicts: new Map(),
    });
  });

  it('sends nothing for a value Salesforce already holds, in its own date-time notation', () => {
    const result = plan(
      [
        item(
          1,
          { Last_Meeting_Date__c: '2026-11-25T15:00:00.000Z' },
          { Last_Meeting_Date__c: null },
        ),
      ],
      {
        Last_Meeting_Date__c: '2026-11-25T15:00:00.000+0000',
      },
    );
    expect(result).toMatchObject({ kind: 'write', fields: {}, conflicts: new Map() });
  });

  it('skips a converted Lead, and a Lead Salesforce no longer returns, with the reason', () => {
    const merged = mergeLeadUpdates([item(1, { Rating: 'Hot' }, { Rating: null })])[0]!;
    expect(planLeadWrite(merged, { Id: LEAD, IsConverted: true }, new Map())).toMatchObject({
      kind: 'skip',
      reason: { code: 'CANNOT_UPDATE_CONVERTED_LEAD' },
    });
    expect(planLeadWrite(merged, undefined, new Map())).toMatchObject({
      kind: 'skip',
      reason: { code: 'ENTITY_IS_DELETED' },
    });
  });
});

describe('write errors', () => {
  it('retries locks, limits and unavailability; stops validation and picklist refusals with advice', () => {
    expect(
      classifyRecordError('UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record'),
    ).toMatchObject({ next: 'retry' });
    expect(classifyCallError(new AppError('REQUEST_LIMIT_EXCEEDED', 'spent'))).toMatchObject({
      next: 'retry',
    });
    expect(
      classifyRecordError('FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Status needs a reason.'),
    ).toEqual({
      next: 'failed',
      code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message:
        'Salesforce answered: Status needs a reason. A validation rule in Salesforce refused the value: change the Update channel’s value or ask an admin about the rule, then Retry.',
    });
  });
});

describe('outbox status message', () => {
  const counts = { pending: 3, sent: 10, conflict: 1, failed: 2, skipped: 0, discarded: 0 };
  const at = Date.parse('2026-11-22T09:00:00.000Z');
  it('says why writes wait, and points at failures and conflicts', () => {
    expect(
      describeOutbox({ counts, draining: false, heldBy: 'paused', nextAttemptAt: null, now: at }),
    ).toBe('3 writes waiting: sync is paused. 2 failed writes, 1 conflict: see the Outbox.');
    expect(
      describeOutbox({
        counts: { ...counts, failed: 0, conflict: 0 },
        draining: false,
        heldBy: null,
        nextAttemptAt: '2026-11-22T09:04:10.000Z',
        now: at,
      }),
    ).toBe('3 writes waiting: next try in 5 minutes.');
    expect(
      describeOutbox({
        counts: { ...counts, pending: 0, failed: 0, conflict: 0 },
        draining: false,
        heldBy: null,
        nextAttemptAt: null,
        now: at,
      }),
    ).toBe('All writes are in Salesforce.');
  });
});
