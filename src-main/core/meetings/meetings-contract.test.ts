import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../src-preload/contract';
import { createRecordingLogger } from '../../../test/support/silent-logger';
import { createTestCore } from '../../../test/support/test-core';
import { dispatch } from '../contract-dispatcher';

let core: Awaited<ReturnType<typeof createTestCore>>;
const events: EventMessage[] = [];
beforeAll(async () => {
  core = await createTestCore();
  core.events.subscribe((message) => events.push(message));
});
afterAll(() => core.dispose());

const call = (method: string, input?: unknown) =>
  dispatch(core.handlers, method, input, createRecordingLogger());
const LEAD = '00Q000000000001AAA';

describe('meetings through the contract', () => {
  it('refuses bad meeting types with INVALID_INPUT naming the field, and creates none', async () => {
    const bad: [unknown, RegExp][] = [
      [{ name: '', hosts: ['rep@example.com'] }, /name/],
      [{ name: 'Intro', hosts: [] }, /hosts/],
      [{ name: 'Intro', hosts: ['not an email'] }, /hosts\.0/],
      [{ name: 'Intro', hosts: ['rep@example.com'], owner: 'x' }, /owner/],
      [{ name: 'x'.repeat(121), hosts: ['rep@example.com'] }, /name/],
      [
        { name: 'Intro', hosts: Array.from({ length: 21 }, (_, i) => `h${i}@example.com`) },
        /hosts/,
      ],
      [{ name: 'Intro', hosts: ['rep@example.com'], calendar: { id: '' } }, /calendar/],
    ];
    for (const [input, field] of bad) {
      const result = await call('meeting-types:create', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(!result.ok && result.error.message).toMatch(field);
    }
    expect(await call('meeting-types:list')).toEqual({ ok: true, value: { meetingTypes: [] } });
  });

  it('creates, edits, lists and archives a meeting type', async () => {
    const created = await call('meeting-types:create', {
      name: '  Intro call ',
      hosts: [' Rep@Example.com'],
    });
    expect(created).toMatchObject({
      ok: true,
      value: { name: 'Intro call', hosts: ['rep@example.com'], calendar: null },
    });
    const id = created.ok ? (created.value as { id: number }).id : 0;
    expect(
      await call('meeting-types:update', { id, hosts: ['a@example.com', 'b@example.com'] }),
    ).toMatchObject({
      ok: true,
      value: { name: 'Intro call', hosts: ['a@example.com', 'b@example.com'] },
    });
    expect(await call('meeting-types:update', { id: '1' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call('meeting-types:update', { id: 9999, name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'MEETING_TYPE_NOT_FOUND' },
    });
    const demo = await call('meeting-types:create', { name: 'Demo', hosts: ['a@example.com'] });
    const demoId = demo.ok ? (demo.value as { id: number }).id : 0;
    expect(await call('meeting-types:archive', { id: demoId })).toMatchObject({
      ok: true,
      value: { deactivated: 0, meetingType: { archived: true } },
    });
    const listed = await call('meeting-types:list', {});
    expect(listed.ok && (listed.value as { meetingTypes: unknown[] }).meetingTypes).toHaveLength(1);
  });

  it('searches instances, shows the history and lets an admin change a status with a reason', async () => {
    const type = core.meetingTypes.list(false)[0]!;
    const { instance } = core.instances.openInstance({
      recordId: LEAD,
      email: 'ada@example.com',
      meetingTypeId: type.id,
      status: 'initialized',
      reason: 'Imported',
      cause: { kind: 'channel', id: '1', name: 'Import' },
    });
    expect(
      await call('instances:search', { query: 'ada@', statuses: ['initialized'] }),
    ).toMatchObject({ ok: true, value: { total: 1, instances: [{ id: instance.id }] } });

    for (const input of [
      { instanceId: instance.id, status: 'activated', reason: '   ' },
      { instanceId: instance.id, status: 'activated' },
      { instanceId: instance.id, status: 'booked', reason: 'by hand' },
      { instanceId: -1, status: 'activated', reason: 'x' },
      { instanceId: instance.id, status: 'activated', reason: 'x'.repeat(501) },
    ]) {
      expect(await call('instances:set-status', input)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(
      await call('instances:set-status', {
        instanceId: instance.id,
        status: 'completed',
        reason: 'held',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INSTANCE_TRANSITION_INVALID' } });
    expect(core.instances.history(instance.id)).toHaveLength(1);

    events.splice(0);
    expect(
      await call('instances:set-status', {
        instanceId: instance.id,
        status: 'activated',
        reason: ' Asked for a demo ',
      }),
    ).toMatchObject({ ok: true, value: { created: false, instance: { status: 'activated' } } });
    expect(events).toEqual(
      expect.arrayContaining([
        {
          event: 'instances:changed',
          payload: {
            changes: [
              expect.objectContaining({
                instanceId: instance.id,
                from: 'initialized',
                to: 'activated',
              }),
            ],
          },
        },
        expect.objectContaining({
          event: 'log:appended',
          payload: expect.objectContaining({ kind: 'instance.activated' }),
        }),
      ]),
    );
    expect(await call('instances:history', { instanceId: instance.id })).toMatchObject({
      ok: true,
      value: {
        instance: { status: 'activated' },
        history: [
          {
            from: 'initialized',
            to: 'activated',
            reason: 'Asked for a demo',
            cause: { kind: 'admin' },
          },
          { from: null, to: 'initialized', reason: 'Imported' },
        ],
      },
    });
    expect(await call('instances:history', { instanceId: 424242 })).toMatchObject({
      ok: false,
      error: { code: 'INSTANCE_NOT_FOUND' },
    });
    expect(await call('instances:search', { statuses: ['paused'] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('books by hand with the meeting’s facts, records attempts, and switches activity logging per type', async () => {
    const created = await call('meeting-types:create', {
      name: 'Demo call',
      hosts: ['rep@example.com'],
      activityLogging: { tasks: false, events: true },
    });
    expect(created).toMatchObject({
      ok: true,
      value: { activityLogging: { tasks: false, events: true } },
    });
    const typeId = created.ok ? (created.value as { id: number }).id : 0;
    expect(
      await call('meeting-types:update', { id: typeId, activityLogging: { tasks: true } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(
      await call('meeting-types:update', {
        id: typeId,
        activityLogging: { tasks: true, events: true },
      }),
    ).toMatchObject({ ok: true, value: { activityLogging: { tasks: true, events: true } } });

    const { instance } = core.instances.openInstance({
      recordId: '00Q000000000002AAA',
      email: 'grace@example.com',
      meetingTypeId: typeId,
      status: 'activated',
      reason: 'Imported',
      cause: { kind: 'admin' },
    });
    const booking = {
      start: '2026-12-03T15:00:00Z',
      end: '2026-12-03T15:30:00Z',
      hostEmail: ' Rep@Example.com',
    };
    for (const bad of [
      { ...booking, end: '2026-12-03T14:00:00Z' },
      { ...booking, hostEmail: 'nobody' },
      { ...booking, meetingUrl: 'ftp://files.example.com/x' },
    ]) {
      expect(
        await call('instances:set-status', {
          instanceId: instance.id,
          status: 'booked',
          reason: 'By phone',
          booking: bad,
        }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(
      await call('instances:set-status', {
        instanceId: instance.id,
        status: 'deactivated',
        reason: 'Stop',
        booking,
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(
      await call('instances:record-attempt', { instanceId: instance.id, kind: 'invite' }),
    ).toMatchObject({
      ok: true,
      value: { instance: { status: 'invited' }, outboxItemId: expect.any(Number) },
    });
    expect(
      await call('instances:record-attempt', { instanceId: instance.id, kind: 'call' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(
      await call('instances:set-status', {
        instanceId: instance.id,
        status: 'booked',
        reason: 'By phone',
        booking,
      }),
    ).toMatchObject({
      ok: true,
      value: {
        instance: { status: 'booked', hostEmail: 'rep@example.com', meetingUrl: null },
      },
    });
  });
});
