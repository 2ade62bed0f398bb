import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../src-preload/contract';
import { platformFixtureBytes } from '../../../test/support/platform-fixtures';
import { createRecordingLogger } from '../../../test/support/silent-logger';
import { FakeClock } from '../../../test/support/fake-clock';
import { createTestCore, memorySecretStore } from '../../../test/support/test-core';
import { dispatch } from '../contract-dispatcher';

const cores: Awaited<ReturnType<typeof createTestCore>>[] = [];
afterEach(() => cores.splice(0).forEach((core) => core.dispose()));

const TIMEREX_TOKEN = 'tr-token-abcd1234';

/** TimeRex's sample confirmation and then its cancel, as the receiver hands them to the intake. */
async function receiveConfirmedThenCancelled(core: Awaited<ReturnType<typeof createTestCore>>) {
  const headers = { 'x-timerex-authorization': TIMEREX_TOKEN };
  for (const sample of ['timerex-event-confirmed', 'timerex-event-cancelled'])
    await core.platform.intake.receive('timerex', headers, platformFixtureBytes(sample));
}

async function setup(secretStore = memorySecretStore(), clock = new FakeClock(Date.now())) {
  const core = await createTestCore({ secretStore, clock });
  cores.push(core);
  const events: EventMessage[] = [];
  core.events.subscribe((message) => events.push(message));
  const call = async (method: string, input?: unknown) => {
    const result = await dispatch(core.handlers, method, input, createRecordingLogger());
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as Record<string, unknown>;
  };
  const refusal = async (method: string, input?: unknown) => {
    const result = await dispatch(core.handlers, method, input, createRecordingLogger());
    if (result.ok) throw new Error(`${method} was accepted`);
    return result.error;
  };
  return { core, events, call, refusal, secretStore };
}

describe('the meeting platform through the contract', () => {
  it('starts with the receiver off on 127.0.0.1:8787, no secrets, outbound off, nothing received', async () => {
    const { call } = await setup();
    expect(await call('platform:status')).toEqual({
      receiver: {
        enabled: false,
        port: 8787,
        bindAddress: '127.0.0.1',
        listening: false,
        baseUrl: null,
        error: null,
      },
      secrets: {
        timerex_token: { set: false, hint: null },
        calendly_signing_key: { set: false, hint: null },
        generic_secret: { set: false, hint: null },
        outbound_secret: { set: false, hint: null },
      },
      outbound: { enabled: false, url: null },
      received: { total: 0, pending: 0, failed: 0, lastAt: null },
    });
  });

  it('stores a pasted secret under platform.<name>, shows only its last 4 characters, and verifies with it at once', async () => {
    const { core, call, secretStore, events } = await setup();
    const answer = await call('platform:set-secret', {
      name: 'timerex_token',
      value: 'tr-token-abcd1234',
    });
    expect(answer.generated).toBeNull();
    expect(answer.status).toMatchObject({
      secrets: { timerex_token: { set: true, hint: '1234' } },
    });
    expect(JSON.stringify(answer)).not.toContain('tr-token-abcd1234');
    expect(secretStore.values.get('platform.timerex_token')).toBe('tr-token-abcd1234');
    expect(events.at(-1)).toMatchObject({ event: 'platform:changed' });
    expect(JSON.stringify(events)).not.toContain('tr-token-abcd1234');
    const received = await core.platform.intake.receive(
      'timerex',
      { 'x-timerex-authorization': 'tr-token-abcd1234' },
      platformFixtureBytes('timerex-event-confirmed'),
    );
    expect(received.status).toBe(200);
    expect(await call('platform:status')).toMatchObject({ received: { total: 1, pending: 1 } });
  });

  it('generates the generic and outbound secrets when no value is given, answering each once', async () => {
    const { call, secretStore } = await setup();
    const first = await call('platform:set-secret', { name: 'generic_secret' });
    expect(first.generated).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secretStore.values.get('platform.generic_secret')).toBe(first.generated);
    const again = await call('platform:set-secret', { name: 'generic_secret' });
    expect(again.generated).not.toBe(first.generated);
    expect(await call('platform:status')).toMatchObject({
      secrets: { generic_secret: { set: true, hint: String(again.generated).slice(-4) } },
    });
    expect((await call('platform:set-secret', { name: 'outbound_secret' })).generated).toBeTruthy();
  });

  it('refuses to generate a secret the platform makes, saying where to copy it from', async () => {
    const { refusal } = await setup();
    expect(await refusal('platform:set-secret', { name: 'timerex_token' })).toMatchObject({
      code: 'SECRET_REQUIRED',
      message: expect.stringMatching(/TimeRex/),
    });
    expect(await refusal('platform:set-secret', { name: 'calendly_signing_key' })).toMatchObject({
      code: 'SECRET_REQUIRED',
    });
    expect(
      await refusal('platform:set-secret', { name: 'generic_secret', value: 'short' }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('reads the secrets back from the store when the app starts again', async () => {
    const store = memorySecretStore();
    await store.set('platform.calendly_signing_key', 'calendly-key-wxyz');
    const { call, core } = await setup(store);
    expect(await call('platform:status')).toMatchObject({
      secrets: { calendly_signing_key: { set: true, hint: 'wxyz' } },
    });
    expect(core.platform.secrets.current('calendly_signing_key')).toBe('calendly-key-wxyz');
  });

  it('saves the receiver settings, tells the host to apply them, and shows what the host reports', async () => {
    const { core, call, events } = await setup();
    const applied: unknown[] = [];
    core.platform.service.onReceiverSettings((settings) => applied.push(settings));
    const receiver = { enabled: true, port: 9911, bindAddress: '127.0.0.1' };
    await call('platform:update', { receiver });
    expect(applied).toEqual([receiver]);
    expect(core.settings.get().hooksReceiver).toEqual(receiver);
    core.platform.service.receiverReported({
      listening: true,
      baseUrl: 'http://127.0.0.1:9911/hooks/',
      error: null,
    });
    expect(events.at(-1)).toMatchObject({
      event: 'platform:changed',
      payload: {
        receiver: {
          enabled: true,
          port: 9911,
          listening: true,
          baseUrl: 'http://127.0.0.1:9911/hooks/',
        },
      },
    });
  });

  it('takes an https outbound URL or plain http to this machine, and refuses plain http elsewhere or on without a URL', async () => {
    const { call, refusal } = await setup();
    expect(
      await call('platform:update', {
        outbound: { enabled: true, url: 'https://hooks.example.com/lb' },
      }),
    ).toMatchObject({ outbound: { enabled: true, url: 'https://hooks.example.com/lb' } });
    await call('platform:update', {
      outbound: { enabled: true, url: 'http://127.0.0.1:4999/platform/instance-events' },
    });
    expect(
      await refusal('platform:update', {
        outbound: { enabled: true, url: 'http://hooks.example.com/lb' },
      }),
    ).toMatchObject({ code: 'OUTBOUND_URL_INSECURE' });
    expect(
      await refusal('platform:update', { outbound: { enabled: true, url: null } }),
    ).toMatchObject({
      code: 'OUTBOUND_URL_MISSING',
    });
    expect(await call('platform:status')).toMatchObject({
      outbound: { enabled: true, url: 'http://127.0.0.1:4999/platform/instance-events' },
    });
  });

  it('announces stored webhooks with one platform:changed a second, not one per webhook', async () => {
    const clock = new FakeClock(Date.now());
    const { core, call, events } = await setup(memorySecretStore(), clock);
    await call('platform:set-secret', { name: 'timerex_token', value: TIMEREX_TOKEN });
    const announced = () => events.filter((message) => message.event === 'platform:changed').length;
    const before = announced();
    await receiveConfirmedThenCancelled(core);
    expect(announced()).toBe(before);
    clock.advance(1000);
    expect(announced()).toBe(before + 1);
    // (How many the applier took meanwhile depends on the event loop's turns, not on this.)
    expect(events.at(-1)).toMatchObject({ payload: { received: { total: 2 } } });
    clock.advance(5000);
    expect(announced()).toBe(before + 1);
  });

  it('lists received events newest first, filtered by guest email', async () => {
    const { core, call } = await setup();
    await call('platform:set-secret', { name: 'timerex_token', value: TIMEREX_TOKEN });
    await receiveConfirmedThenCancelled(core);
    const listed = await call('platform:events', { query: 'HANAKO' });
    expect(listed.total).toBe(2);
    expect((listed.events as { event: { kind: string } }[]).map((e) => e.event.kind)).toEqual([
      'cancelled',
      'booked',
    ]);
    expect(await call('platform:events', { query: 'nobody@' })).toMatchObject({
      total: 0,
      events: [],
    });
  });
});
