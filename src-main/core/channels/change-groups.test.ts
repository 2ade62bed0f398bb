import { describe, expect, it } from 'vitest';
import { LeadRepository } from '../store/lead-repository';
import { createMeetingsStore, leadId } from '../../../test/support/meetings-store';
import { ChangeGroupReader } from './change-groups';

const stamp = (second: number) => `2026-11-22T09:00:${String(second).padStart(2, '0')}.000+0000`;

function leadsStore() {
  const store = createMeetingsStore();
  const leads = new LeadRepository(store.db, store.clock);
  const version = (second: number, fields: Record<string, unknown>) => ({
    Id: leadId(1),
    SystemModstamp: stamp(second),
    IsDeleted: false,
    ...fields,
  });
  return { ...store, leads, reader: new ChangeGroupReader(store.db), version };
}

describe('change groups', () => {
  it('judges an older change on the Lead as that change left it, not as it is now', () => {
    const { leads, reader, version } = leadsStore();
    leads.importPage([version(1, { Status: 'Open', Country: 'DE', Title: 'A' })]);
    leads.applyPage([version(2, { Status: 'Working', Country: 'US', Title: 'A' })]);
    leads.applyPage([version(3, { Status: 'Closed', Country: 'US', Title: 'B' })]);

    const [first, second] = reader.after(0, 100);
    expect(first).toMatchObject({
      kind: 'changed',
      changedFields: new Set(['Status', 'Country']),
      before: { Status: 'Open', Country: 'DE', Title: 'A' },
      after: { Status: 'Working', Country: 'US', Title: 'A' },
    });
    expect(second).toMatchObject({
      changedFields: new Set(['Status', 'Title']),
      before: { Status: 'Working', Title: 'A' },
      after: { Status: 'Closed', Title: 'B' },
    });
    // Reading from the cursor after the first change still undoes the newer one correctly.
    expect(reader.after(first!.lastChangeId, 100)).toEqual([second]);
  });

  it('never splits one save across batches, and a created Lead had nothing before', () => {
    const { leads, reader, version } = leadsStore();
    leads.applyPage([version(1, { Status: 'Open', Country: 'DE', Title: 'A' })]);
    leads.applyPage([version(2, { Status: 'Working', Country: 'US', Title: 'B' })]);
    const [created] = reader.after(0, 1);
    expect(created).toMatchObject({ kind: 'created', before: null });
    const [save] = reader.after(created!.lastChangeId, 1);
    expect(save!.changedFields).toEqual(new Set(['Status', 'Country', 'Title']));
    expect(reader.containing(save!.lastChangeId)).toEqual(save);
  });
});
