import fs from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DemoOrgHandle } from '../../../src-main/demo-org';
import type { MeetingType } from '../../../src-preload/contract';
import { leadSettings } from '../../support/booking-fixture';
import { secretsSignedInTo, syncNow } from '../../support/connected-core';
import { FakeClock } from '../../support/fake-clock';
import { refusingLeadChannel } from '../../support/refusing-lead-channel';
import { createTestCore } from '../../support/test-core';
import { outboxRows } from '../../support/outbox-rows';
import {
  ALEX,
  createdRecords,
  introCall,
  platformCall,
  postGeneric,
  settled as platformSettled,
  updateChannel,
  useConnectedPlatform,
  type PlatformHarness,
} from '../../support/platform-core';

/** Longer than the posted-Lead sync's wait, far shorter than the 5-minute poll. */
const SECONDS = 3_000;

let proxy: Awaited<ReturnType<typeof refusingLeadChannel>>;

/**
 * A core signed in to an org without Change Data Capture on Lead (the stream refused, as a
 * real org without it does): only a sync brings a new Lead, so these tests see which.
 */
async function connectedWithoutStream(
  org: DemoOrgHandle,
  clock = new FakeClock(),
  dataDirectory?: string,
): Promise<PlatformHarness> {
  const issued = org.issueSession({ refreshToken: true });
  const secretStore = await secretsSignedInTo(proxy.url, { ...issued, instance_url: proxy.url });
  const started = await createTestCore({
    secretStore,
    clock,
    ...(dataDirectory === undefined ? {} : { dataDirectory }),
  });
  return { core: started, clock };
}

const platform = useConnectedPlatform(
  { leads: 40, seed: 'new-guest-update-channel' },
  async (org) => {
    proxy = await refusingLeadChannel(org.url);
    return { harness: await connectedWithoutStream(org), close: () => proxy.close() };
  },
);
const core = () => platform.harness.core;
const settled = () => platformSettled(platform);
const createdLeads = () => createdRecords(platform, 'Lead');

beforeEach(async () => {
  await platformCall(platform, 'booking-settings:save', leadSettings());
  platform.org.clearRequests();
});

/** The demo's example: when booked, the Lead's Status and Owner (the host's User). */
function whenBooked(): MeetingType {
  const type = introCall(platform);
  updateChannel(
    platform,
    type,
    'When booked: Status = Meeting Booked, Owner = host',
    ['booked'],
    [
      { field: 'Status', source: 'fixed', value: 'Meeting Booked' },
      { field: 'OwnerId', source: 'host_user' },
    ],
  );
  return type;
}

/** A new guest's generic event, as the platform POSTs it to /hooks/generic. */
const post = (type: string, id: string, email: string) =>
  postGeneric(platform, type, id, {
    email,
    first_name: 'Mika',
    last_name: `Guest ${id}`,
    company: 'Tanaka Trading',
  });

/** Seconds pass (timers due run), the syncs they started finish, and the writes they queued. */
async function secondsPass(ms = SECONDS) {
  platform.harness.clock.advance(ms);
  await core().sync.idle();
  await settled();
}

const entries = (kind: string) => core().log.list({ limit: 1000, kinds: [kind] }).entries;
const ownerEmail = (leadId: string) =>
  platform.org.getRecord('User', String(platform.org.getRecord('Lead', leadId)?.OwnerId))?.Email;
const leadUpdates = () => outboxRows(core()).filter((row) => row.kind === 'lead_update');

describe('a new guest’s booking and the Update channel (the Lead is not cached when it fires)', () => {
  it('the Update channel’s writes reach the Lead the post created within seconds, once', async () => {
    const type = whenBooked();
    await post('booking.created', 'bk-new', 'mika.new@example.com');
    await settled();
    const [leadId] = createdLeads();
    expect(createdLeads()).toHaveLength(1);
    expect(core().instances.findOpen(leadId!, type.id)?.status).toBe('booked');

    await secondsPass();

    expect(platform.org.getRecord('Lead', leadId!)?.Status).toBe('Meeting Booked');
    expect(ownerEmail(leadId!)).toBe(ALEX);
    expect(leadUpdates()).toEqual([
      expect.objectContaining({
        leadId,
        state: 'sent',
        values: { Status: 'Meeting Booked', OwnerId: null },
      }),
    ]);
    const fired = entries('channel.fired').filter((entry) => entry.subject === leadId);
    expect(fired.map((entry) => entry.details.effect)).toEqual(['write_queued']);
    const waited = entries('channel.waiting').filter((entry) => entry.subject === leadId);
    expect(waited.map((entry) => entry.details.effect)).toEqual(['waiting']);

    // Later syncs of the Lead (our own write's echo among them) fire nothing again.
    await syncNow(core());
    await settled();
    expect(leadUpdates()).toHaveLength(1);
  });

  it('a waiting firing survives a restart and fires when a later sync caches the Lead', async () => {
    whenBooked();
    // The clock stands still: the sync the post asked for has not run when the app closes.
    await post('booking.created', 'bk-restart', 'mika.restart@example.com');
    await settled();
    const [leadId] = createdLeads();
    expect(leadId).toBeDefined();
    const first = platform.harness.core;
    first.close();
    platform.harness = await connectedWithoutStream(
      platform.org,
      platform.harness.clock,
      first.dataDirectory,
    );
    try {
      expect(leadUpdates()).toEqual([]);
      await syncNow(core());
      await settled();
      expect(platform.org.getRecord('Lead', leadId!)?.Status).toBe('Meeting Booked');
      expect(leadUpdates()).toHaveLength(1);
    } finally {
      fs.rmSync(first.dataDirectory, { recursive: true, force: true });
    }
  });

  it('a booking cancelled before its Lead reached the cache: each status entered fires, in order, so the Lead ends as the cancel left it', async () => {
    const type = whenBooked();
    updateChannel(
      platform,
      type,
      'Status to Description',
      ['booked', 'cancelled'],
      [{ field: 'Description', source: 'instance_status' }],
    );
    await post('booking.created', 'bk-gone', 'mika.gone@example.com');
    await settled();
    await post('booking.cancelled', 'bk-gone', 'mika.gone@example.com');
    await settled();
    const [leadId] = createdLeads();
    expect(
      core().instances.search({ meetingTypeId: type.id, query: '', limit: 5, offset: 0 }).instances,
    ).toEqual([expect.objectContaining({ recordId: leadId, status: 'cancelled' })]);
    expect(leadUpdates()).toEqual([]);

    await secondsPass();

    expect(leadUpdates().map((row) => row.values)).toEqual([
      { Status: 'Meeting Booked', OwnerId: null },
      { Description: 'booked' },
      { Description: 'cancelled' },
    ]);
    const lead = platform.org.getRecord('Lead', leadId!)!;
    expect([lead.Status, lead.Description]).toEqual(['Meeting Booked', 'cancelled']);
  });

  it('a channel disabled before the Lead reached the cache writes nothing, and says so once', async () => {
    const type = whenBooked();
    const described = updateChannel(
      platform,
      type,
      'Status to Description',
      ['booked'],
      [{ field: 'Description', source: 'instance_status' }],
    );
    await post('booking.created', 'bk-off', 'mika.off@example.com');
    await settled();
    core().channels.setEnabled(described.id, false);

    await secondsPass();
    await syncNow(core());

    const [leadId] = createdLeads();
    expect(leadUpdates().map((row) => row.values)).toEqual([
      { Status: 'Meeting Booked', OwnerId: null },
    ]);
    const dropped = entries('channel.fired').filter(
      (entry) => entry.details.channelId === described.id && entry.details.effect === 'none',
    );
    expect(dropped).toEqual([
      expect.objectContaining({
        subject: leadId,
        details: expect.objectContaining({
          channel: 'Status to Description',
          reason: expect.stringMatching(/no longer fired on that status/),
        }),
      }),
    ]);
  });

  it('new guests’ bookings posted in waves share one sync, not one each', async () => {
    whenBooked();
    const before = entries('sync.completed').length;
    // Four waves, each posted by its own call, half a second apart.
    for (let wave = 0; wave < 4; wave += 1) {
      for (let i = 0; i < 10; i += 1) {
        await post('booking.created', `bk-${wave}-${i}`, `guest${wave}.${i}@example.com`);
      }
      await settled();
      platform.harness.clock.advance(500);
    }
    await secondsPass();

    expect(createdLeads()).toHaveLength(40);
    const syncs = entries('sync.completed').slice(0, -before || undefined);
    expect(syncs.map((entry) => entry.details.trigger)).toEqual(['booking-posted']);
    expect(leadUpdates().filter((row) => row.state === 'sent')).toHaveLength(40);
  });
});
