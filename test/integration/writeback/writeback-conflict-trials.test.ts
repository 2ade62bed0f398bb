import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogPage, OutboxItem } from '../../../src-preload/contract';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { pick, seededRandom } from '../../../src-main/demo-org/prng';
import { WORKING } from '../../support/channel-fixture';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import {
  bookingOf,
  coreCaller,
  HOST_EMAIL,
  openInstancesFor,
  outboxItems,
  outboxSettled,
  setUpWriteback,
  userIdOf,
  type ContractCall,
} from '../../support/writeback-trials';

// 100 randomized trials of a person editing a Lead in Salesforce between Leadbridge's decision
// (an instance booked: OwnerId, Meeting_Status__c and Meeting_Link__c queued) and the write.
// Each trial edits one of the target fields to another value, to the value Leadbridge decided,
// or an unrelated field, or nothing; sometimes a sync brings the edit in before the write.
// LEADBRIDGE_CONFLICT_SEED replays a run.
const SEED = process.env.LEADBRIDGE_CONFLICT_SEED ?? 'writeback-conflict-1';
const ROUNDS = 10;
const TRIALS_PER_ROUND = 10;

type Edit =
  | { kind: 'other-value'; field: string; value: string }
  | { kind: 'our-value'; field: string; value: string }
  | { kind: 'unrelated' }
  | { kind: 'none' };

let org: DemoOrgHandle;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
let call: ContractCall;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 300, seed: 'writeback-conflicts' });
  harness = await createConnectedCore(org);
  call = coreCaller(harness.core);
  await syncNow(harness.core);
  await setUpWriteback(call);
}, 60_000);

afterAll(async () => {
  harness?.core.dispose();
  await org?.close();
});

describe(`a person's edit between decision and write (seed ${SEED})`, () => {
  it('is never overwritten in 100 randomized trials, and each conflict is logged with both values', async () => {
    const random = seededRandom(SEED);
    const hostId = await userIdOf(org, HOST_EMAIL);
    const otherUserId = await userIdOf(org, 'sam.host@leadbridge.demo');
    const fresh = harness.core.leads
      .search('', 300, 0)
      .leads.filter((lead) => lead.status !== WORKING && !lead.isConverted)
      .map((lead) => lead.id);
    const overwrites: string[] = [];
    const problems: string[] = [];
    let conflicts = 0;

    for (let round = 0; round < ROUNDS; round += 1) {
      const leadIds = fresh.splice(0, TRIALS_PER_ROUND);
      const instances = await openInstancesFor(org, call, leadIds);
      // Held: what is decided now is written only after the person's edit below.
      await call('sync:pause');
      for (const instance of instances.values()) {
        await call('instances:set-status', {
          instanceId: instance.id,
          status: 'booked',
          reason: 'Booked on the phone',
          booking: bookingOf(instance.recordId),
        });
      }
      const ours = (leadId: string): Record<string, string> => ({
        OwnerId: hostId,
        Meeting_Status__c: 'Booked',
        Meeting_Link__c: bookingOf(leadId).meetingUrl,
      });
      const theirs = (field: string, leadId: string) =>
        ({
          OwnerId: otherUserId,
          Meeting_Status__c: pick(random, ['Declined', 'Accepted', 'Not Scheduled']),
          Meeting_Link__c: `https://rep.example.com/${leadId}/${round}`,
        })[field]!;
      const edits = new Map<string, Edit>();
      for (const leadId of leadIds) {
        const field = pick(random, ['OwnerId', 'Meeting_Status__c', 'Meeting_Link__c']);
        const roll = random();
        const edit: Edit =
          roll < 0.55
            ? { kind: 'other-value', field, value: theirs(field, leadId) }
            : roll < 0.7
              ? { kind: 'our-value', field, value: ours(leadId)[field]! }
              : roll < 0.85
                ? { kind: 'unrelated' }
                : { kind: 'none' };
        edits.set(leadId, edit);
        if (edit.kind === 'other-value' || edit.kind === 'our-value')
          org.updateRecord('Lead', leadId, { [edit.field]: edit.value });
        if (edit.kind === 'unrelated') org.updateRecord('Lead', leadId, { Title: `VP ${round}` });
      }
      // Sometimes the sync brings the person's edits into the cache before the write.
      if (random() < 0.5) await syncNow(harness.core);
      await call('sync:resume');
      await outboxSettled(call);

      const items = (await outboxItems(call)).filter(
        (item) =>
          item.kind === 'lead_update' && item.leadId !== null && leadIds.includes(item.leadId),
      );
      for (const leadId of leadIds) {
        const edit = edits.get(leadId)!;
        const lead = org.getRecord('Lead', leadId)!;
        const item = items.find((candidate) => candidate.leadId === leadId);
        const label = `round ${round} ${leadId} ${edit.kind}${'field' in edit ? ` ${edit.field}` : ''}`;
        const expected = { ...ours(leadId) };
        if (edit.kind === 'other-value') expected[edit.field] = edit.value;
        for (const [field, value] of Object.entries(expected)) {
          if (lead[field] !== value)
            overwrites.push(`${label}: ${field} is ${String(lead[field])}, not ${value}`);
        }
        if (edit.kind === 'other-value') conflicts += 1;
        const theirs = edit.kind === 'other-value' ? edit : null;
        problems.push(...outcomeProblems(item, theirs, ours(leadId), label));
        if (theirs) problems.push(...(await conflictLogProblems(leadId, theirs, label)));
      }
    }
    expect(overwrites).toEqual([]);
    expect(problems).toEqual([]);
    // The seed must give enough real conflicts for the trials to mean something.
    expect(conflicts).toBeGreaterThan(40);
  }, 120_000);
});

describe('a later decision on a field Leadbridge wrote before the sync brought it back', () => {
  it('is not a conflict: the org holding our last sent value is not a person editing it', async () => {
    const leadId = harness.core.leads
      .search('', 300, 0)
      .leads.find((lead) => lead.status !== WORKING && !lead.isConverted)!.id;
    const instance = (await openInstancesFor(org, call, [leadId])).get(leadId)!;
    // Invited writes Meeting_Status__c = Invited at once; no sync brings it back before
    // the booking decides Booked on the same field against the cached (older) value.
    await call('instances:record-attempt', { instanceId: instance.id, kind: 'invite' });
    await outboxSettled(call);
    expect(org.getRecord('Lead', leadId)!.Meeting_Status__c).toBe('Invited');
    await call('instances:set-status', {
      instanceId: instance.id,
      status: 'booked',
      reason: 'Booked on the phone',
      booking: bookingOf(leadId),
    });
    await outboxSettled(call);

    expect(org.getRecord('Lead', leadId)!.Meeting_Status__c).toBe('Booked');
    const updates = (await outboxItems(call)).filter(
      (item) => item.leadId === leadId && item.kind === 'lead_update',
    );
    expect(updates.map((item) => [item.state, item.conflicts])).toEqual([
      ['sent', []],
      ['sent', []],
    ]);
  });
});

/** The item's state and conflicts, against the edit a person made (null: none on a target). */
function outcomeProblems(
  item: OutboxItem | undefined,
  theirs: Extract<Edit, { kind: 'other-value' }> | null,
  ours: Record<string, string>,
  label: string,
): string[] {
  if (!item) return [`${label}: no outbox item`];
  const conflicts = JSON.stringify(item.conflicts);
  if (!theirs)
    return item.state === 'sent' && item.conflicts.length === 0
      ? []
      : [`${label}: ${item.state}, conflicts ${conflicts}`];
  const listed =
    item.conflicts.length === 1 &&
    item.conflicts[0]!.field === theirs.field &&
    item.conflicts[0]!.ours === ours[theirs.field] &&
    item.conflicts[0]!.theirs === theirs.value;
  return item.state === 'conflict' && listed
    ? []
    : [`${label}: ${item.state}, conflicts ${conflicts} (theirs ${theirs.value})`];
}

/** The Lead's log names the conflict with the field and both values. */
async function conflictLogProblems(
  leadId: string,
  edit: Extract<Edit, { kind: 'other-value' }>,
  label: string,
): Promise<string[]> {
  const { entries } = await call<LogPage>('log:list', {
    kinds: ['writeback.conflict'],
    search: leadId,
    limit: 10,
  });
  const details = entries.map((entry) => JSON.stringify(entry.details));
  return details.length === 1 &&
    details[0]!.includes(edit.field) &&
    details[0]!.includes(edit.value)
    ? []
    : [`${label}: logged ${details.length} conflicts: ${details.join(' | ')}`];
}
