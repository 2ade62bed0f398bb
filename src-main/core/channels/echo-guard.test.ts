import { describe, expect, it } from 'vitest';
import { createMeetingsStore, leadId } from '../../../test/support/meetings-store';
import type { ChangeGroup } from './change-groups';
import { EchoGuard } from './echo-guard';

function change(after: Record<string, unknown>, before: Record<string, unknown>): ChangeGroup {
  return {
    firstChangeId: 1,
    lastChangeId: 2,
    leadId: leadId(1),
    systemModstamp: '2026-11-22T09:00:00.000+0000',
    detectedAt: '2026-11-22T09:00:00.000Z',
    kind: 'changed',
    closedBy: null,
    changedFields: new Set(Object.keys(after)),
    before,
    after,
  };
}

describe('echo guard', () => {
  it("removes Leadbridge's own write from a change, once, and leaves a person's edits", () => {
    const { db } = createMeetingsStore();
    const guard = new EchoGuard(db);
    expect(guard.active()).toBe(false);
    guard.expect(leadId(1), 'Status', 'Working', '2026-11-23T00:00:00.000Z');
    expect(guard.active()).toBe(true);

    const echoed = change({ Status: 'Working', Title: 'CTO' }, { Status: 'Open', Title: 'X' });
    expect(guard.strip(echoed, '2026-11-22T10:00:00.000Z')).toBe(false);
    expect(echoed.changedFields).toEqual(new Set(['Title']));
    expect(echoed.before).toMatchObject({ Status: 'Working', Title: 'X' });
    expect(guard.active()).toBe(false);

    // Expected no more: the same change again is a person's.
    const again = change({ Status: 'Working' }, { Status: 'Open' });
    expect(guard.strip(again, '2026-11-22T10:00:00.000Z')).toBe(false);
    expect(again.changedFields).toEqual(new Set(['Status']));
  });

  it('treats a change to another value, or after the expectation lapsed, as a person’s', () => {
    const { db } = createMeetingsStore();
    const guard = new EchoGuard(db);
    guard.expect(leadId(1), 'Status', 'Working', '2026-11-22T09:30:00.000Z');
    const other = change({ Status: 'Closed' }, { Status: 'Open' });
    expect(guard.strip(other, '2026-11-22T09:00:00.000Z')).toBe(false);
    const late = change({ Status: 'Working' }, { Status: 'Open' });
    expect(guard.strip(late, '2026-11-22T10:00:00.000Z')).toBe(false);
    const echo = change({ Status: 'Working' }, { Status: 'Open' });
    expect(guard.strip(echo, '2026-11-22T09:10:00.000Z')).toBe(true);
  });
});
