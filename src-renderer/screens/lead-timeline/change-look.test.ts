import { describe, expect, it } from 'vitest';
import type { LeadChange } from '../../../src-preload/contract';
import { changeLook, newestFirst } from './change-look';

const change = (id: number, patch: Partial<LeadChange> = {}): LeadChange => ({
  id,
  leadId: '00Q000000000001AAA',
  kind: 'changed',
  field: 'Status',
  oldValue: 'Open',
  newValue: 'Working',
  systemModstamp: '2025-01-01T00:00:00Z',
  detectedAt: '2025-01-01T00:00:00Z',
  ...patch,
});

describe('timeline entries', () => {
  it('puts the newest first', () => {
    expect(newestFirst([change(1), change(3), change(2)]).map((c) => c.id)).toEqual([3, 2, 1]);
  });

  it('shows a field change as old → new, and created/deleted without values', () => {
    expect(changeLook(change(1))).toMatchObject({
      title: 'Status',
      values: { from: 'Open', to: 'Working' },
    });
    expect(changeLook(change(2, { oldValue: null, newValue: 42 })).values).toEqual({
      from: '—',
      to: '42',
    });
    expect(changeLook(change(3, { kind: 'created', field: null })).values).toBeNull();
  });

  it('names what happened in the log’s words, not the change’s kind', () => {
    expect(changeLook(change(1)).kindLabel).toBe('Field changed');
    expect(changeLook(change(2, { kind: 'created', field: null })).kindLabel).toBe('Lead created');
  });

  it('shows a merge with the surviving Lead and a conversion as one entry', () => {
    const master = '00Q000000000002AAA';
    expect(
      changeLook(change(1, { kind: 'merged', field: 'MasterRecordId', newValue: master })),
    ).toMatchObject({ title: `Merged into ${master}`, values: null });
    expect(
      changeLook(change(2, { kind: 'converted', field: null, newValue: { contactId: 'x' } })),
    ).toMatchObject({ title: 'Converted to a Contact', values: null });
  });
});
