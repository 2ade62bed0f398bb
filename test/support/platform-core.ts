import { afterEach, beforeEach, expect } from 'vitest';
import { dispatch } from '../../src-main/core/contract-dispatcher';
import { sign } from '../../src-main/core/platform/webhook-signature';
import { startDemoOrg, type DemoOrgHandle } from '../../src-main/demo-org';
import {
  channelDraftSchema,
  type FieldWrite,
  type InstanceStatus,
  type MeetingType,
} from '../../src-preload/contract';
import { syncNow } from './connected-core';
import type { FakeClock } from './fake-clock';
import { createRecordingLogger } from './silent-logger';
import type { createTestCore } from './test-core';

export const ALEX = 'alex.host@leadbridge.demo';
export const GENERIC_SECRET = 'generic-secret-for-tests';
export const CALENDAR = { id: 'cal-intro', name: 'Intro call (30 min)' };

export interface PlatformHarness {
  core: Awaited<ReturnType<typeof createTestCore>>;
  clock: FakeClock;
}

/** How a test signs its core in to the org; `close` ends anything it started beside the core. */
export type PlatformConnect = (
  org: DemoOrgHandle,
) => Promise<{ harness: PlatformHarness; close?: () => void }>;

/** The fields are set before each test runs; `harness` may be replaced by a test that restarts. */
export interface ConnectedPlatform {
  org: DemoOrgHandle;
  harness: PlatformHarness;
}

/**
 * Per test: a fresh demo org, a core signed in to it (by `connect`) and synced once, the generic
 * webhook secret set, and the org's request log emptied so a test counts only its own calls;
 * all closed after the test.
 */
export function useConnectedPlatform(
  seeding: { leads: number; seed: string },
  connect: PlatformConnect,
): ConnectedPlatform {
  const setup = {} as ConnectedPlatform;
  let closeConnection: (() => void) | undefined;
  beforeEach(async () => {
    setup.org = await startDemoOrg(seeding);
    const connected = await connect(setup.org);
    setup.harness = connected.harness;
    closeConnection = connected.close;
    await syncNow(setup.harness.core);
    await platformCall(setup, 'platform:set-secret', {
      name: 'generic_secret',
      value: GENERIC_SECRET,
    });
    setup.org.clearRequests();
  });
  afterEach(async () => {
    setup.harness.core.dispose();
    closeConnection?.();
    await setup.org.close();
  });
  return setup;
}

/** A contract method called as the renderer would; a refusal throws with its message. */
export async function platformCall(setup: ConnectedPlatform, method: string, input?: unknown) {
  const result = await dispatch(
    setup.harness.core.handlers,
    method,
    input,
    createRecordingLogger(),
  );
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/** The meeting type the platform's events are for: Alex hosting on the intro calendar. */
export function introCall(setup: ConnectedPlatform): MeetingType {
  return setup.harness.core.meetingTypes.create({
    name: 'Intro call',
    hosts: [ALEX],
    calendar: CALENDAR,
  });
}

/** An enabled Update channel on `type` making `writes` when an instance enters `statuses`. */
export function updateChannel(
  setup: ConnectedPlatform,
  type: MeetingType,
  name: string,
  statuses: InstanceStatus[],
  writes: FieldWrite[],
) {
  const { core } = setup.harness;
  const channel = core.channels.create(
    channelDraftSchema.parse({
      meetingTypeId: type.id,
      name,
      kind: 'update',
      action: 'write_fields',
      rules: {
        conditions: { combinator: 'and', rules: [] },
        trigger: 'every_time',
        timeZone: 'UTC',
      },
      update: { statuses, writes },
    }),
  );
  return core.channels.setEnabled(channel.id, true);
}

/**
 * A generic event for `guest` on the intro calendar, as the platform POSTs it to /hooks/generic,
 * signed with the generic secret; the intake must accept it.
 */
export async function postGeneric(
  setup: ConnectedPlatform,
  type: string,
  id: string,
  guest: Record<string, unknown>,
) {
  const booked = type === 'booking.created';
  const body = Buffer.from(
    JSON.stringify({
      id,
      type,
      occurred_at: '2026-11-22T09:00:00Z',
      calendar: CALENDAR,
      start: booked ? '2026-11-25T01:00:00Z' : null,
      end: booked ? '2026-11-25T01:30:00Z' : null,
      hosts: [{ email: ALEX, name: 'Alex Host' }],
      guest,
    }),
  );
  const { core, clock } = setup.harness;
  const signature = sign(GENERIC_SECRET, body, Math.floor(clock.now() / 1000));
  const answer = await core.platform.intake.receive(
    'generic',
    { 'content-type': 'application/json', 'leadbridge-signature': signature },
    body,
  );
  expect(answer.status).toBe(200);
}

/** The applier (kicked by the intake), the booking poster and the worker done with what they had. */
export async function settled(setup: ConnectedPlatform) {
  for (let i = 0; i < 3; i += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    await setup.harness.core.outboxWorker.idle();
  }
}

/** Records of `object` the org created, as its request log counts them. */
export function createdRecords(setup: ConnectedPlatform, object: string) {
  return setup.org
    .requests()
    .flatMap((request) => request.writes?.created ?? [])
    .filter((id) => setup.org.getRecord(object, id) !== undefined);
}
