import { describe, expect, it } from 'vitest';
import { outboxCounts, outboxItemFixture } from '../../test-support/outbox-fixture';
import {
  attentionText,
  canDiscard,
  canRetry,
  describeCounts,
  describeOutcome,
  OUTBOX_STATE_LOOKS,
  outboxNeedsMention,
  reasonLabel,
} from './outbox-look';
import { outboxStatusFixture } from '../../test-support/outbox-fixture';
import { outboxStateSchema } from '../../../src-preload/contract';

const at = (iso: string) => `at ${iso.slice(11, 16)}`;

describe('outbox look', () => {
  it('gives every state its own label and colour', () => {
    const looks = outboxStateSchema.options.map((state) => OUTBOX_STATE_LOOKS[state]);
    expect(new Set(looks.map((look) => look.label)).size).toBe(looks.length);
    expect(new Set(looks.map((look) => look.color)).size).toBe(looks.length);
  });

  it('says what happened to an item in each state', () => {
    const item = outboxItemFixture(1);
    expect(describeOutcome(item, at)).toBe('Waiting to be sent');
    expect(
      describeOutcome(
        {
          ...item,
          attempts: 2,
          nextAttemptAt: '2026-11-30T10:05:00.000Z',
          error: { code: 'UNABLE_TO_LOCK_ROW', message: 'The record was locked.' },
        },
        at,
      ),
    ).toBe('Tried 2 times; next try at 10:05: The record was locked.');
    expect(describeOutcome({ ...item, state: 'sent', resultId: '00T000000000001' }, at)).toBe(
      'Created 00T000000000001',
    );
    const instanceEvent = { ...item, kind: 'instance_event' as const, resultId: null };
    expect(describeOutcome({ ...instanceEvent, state: 'sent' }, at)).toBe(
      'Sent to the meeting platform',
    );
    expect(describeOutcome({ ...instanceEvent, state: 'failed', error: null }, at)).toBe(
      'The meeting platform refused it',
    );
    expect(
      describeOutcome(
        {
          ...item,
          state: 'failed',
          error: { code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Phone is required.' },
        },
        at,
      ),
    ).toBe('Phone is required.');
    expect(
      describeOutcome(
        {
          ...item,
          state: 'conflict',
          conflicts: [{ field: 'Status', ours: 1, basis: 2, theirs: 3 }],
        },
        at,
      ),
    ).toBe('1 field not written: a person changed it first');
  });

  it('lets a person retry refusals and conflicts, and discard only what was not sent', () => {
    expect(outboxStateSchema.options.filter((state) => canRetry({ state }))).toEqual([
      'conflict',
      'failed',
    ]);
    expect(outboxStateSchema.options.filter((state) => canDiscard({ state }))).toEqual([
      'pending',
      'conflict',
      'failed',
    ]);
  });

  it('counts what needs a person first, and mentions the outbox only when something waits or failed', () => {
    expect(describeCounts(outboxCounts({ pending: 3, failed: 1, sent: 1200 }))).toBe(
      '1 failed · 3 pending · 1,200 sent',
    );
    expect(describeCounts(outboxCounts())).toBe('Nothing written yet');
    expect(outboxNeedsMention(outboxStatusFixture({ counts: outboxCounts({ sent: 9 }) }))).toBe(
      false,
    );
    expect(outboxNeedsMention(outboxStatusFixture({ counts: outboxCounts({ failed: 1 }) }))).toBe(
      true,
    );
    expect(attentionText(outboxCounts({ failed: 2 }))).toBe('2 writes failed');
    expect(attentionText(outboxCounts({ conflict: 2 }))).toBeNull();
  });

  it('reads a reason as Salesforce’s code in words and the state it left items in', () => {
    expect(reasonLabel({ code: 'CANNOT_UPDATE_CONVERTED_LEAD', state: 'skipped' })).toBe(
      'Cannot update converted lead (skipped)',
    );
    expect(reasonLabel({ code: 'CONFLICT', state: 'conflict' })).toBe('Conflict');
  });
});
