import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoExamples } from '../../../src-main/core/channels/demo-examples';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { LEAD_STATUSES } from '../../../src-main/demo-org/field-catalog';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import { decisionsOf, WORKING } from '../../support/channel-fixture';

const HOST = 'alex.host@leadbridge.demo';
const DEMO = { hostEmail: HOST, timeZone: 'UTC', leadStatuses: LEAD_STATUSES };

let org: DemoOrgHandle;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;

beforeEach(async () => {
  org = await startDemoOrg({ leads: 50, seed: 'demo-examples' });
  harness = await createConnectedCore(org);
});
afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

describe('the demo’s example channel', () => {
  it('is seeded once, disabled, and once enabled activates an instance when a Lead becomes Working - Contacted', async () => {
    const { core } = harness;
    expect(seedDemoExamples(core, DEMO)).toBe(true);
    expect(seedDemoExamples(core, DEMO)).toBe(false);
    const [example] = core.channels.list();
    expect(example).toMatchObject({
      name: 'Status changed to Working - Contacted',
      meetingTypeName: 'Intro call',
      action: 'initialize_and_activate',
      enabled: false,
    });
    expect(core.meetingTypes.list(false)[0]).toMatchObject({
      hosts: [HOST],
      activityLogging: { tasks: true, events: true },
    });

    await syncNow(core);
    // The value is one of the demo org's Lead Status values: enabling checks it.
    expect(core.channels.setEnabled(example!.id, true).enabled).toBe(true);
    const lead = core.leads.search('', 50, 0).leads.find((l) => l.status !== WORKING)!;
    org.updateRecord('Lead', lead.id, { Status: WORKING });
    await syncNow(core);
    expect((await decisionsOf(core, lead.id))[0]).toMatchObject({
      fired: true,
      effect: 'activated',
    });
  });
});
