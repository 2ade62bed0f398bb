import { describe, expect, it, vi } from 'vitest';
import { syncStatusFixture } from '../test/support/sync-status-fixture';
import {
  eventChannel,
  eventNames,
  methodNames,
  type LeadbridgeBridge,
  type SyncStatus,
} from './contract';
import { bridgeEventName, bridgeMethodName } from './bridge-names';

const electron = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (channel: string, input: unknown) => ({
      ok: true,
      value: { channel, input },
    })),
  });
  const exposed = new Map<string, unknown>();
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)),
  };
  return { ipcRenderer, contextBridge, exposed };
});

vi.mock('electron', () => ({
  ipcRenderer: electron.ipcRenderer,
  contextBridge: electron.contextBridge,
}));

await import('./index');
const bridge = electron.exposed.get('leadbridge') as LeadbridgeBridge & Record<string, unknown>;

const status: SyncStatus = syncStatusFixture({
  state: 'paused',
  message: 'Sync is paused.',
  paused: true,
});

describe('preload bridge', () => {
  it('is exposed once, as window.leadbridge', () => {
    // Recorded at import time: the map survives the mock-call clearing between tests.
    expect([...electron.exposed.keys()]).toEqual(['leadbridge']);
    expect(bridge).toBeDefined();
  });

  it('has exactly one function per contract method and event, and nothing else', () => {
    const expected = [
      ...methodNames.map((name) => bridgeMethodName(name)),
      ...eventNames.map((name) => bridgeEventName(name)),
    ].sort();
    expect(Object.keys(bridge).sort()).toEqual(expected);
    for (const key of expected) expect(typeof bridge[key]).toBe('function');
    // No door besides the contract: no raw IPC, no generic invoke.
    for (const forbidden of ['invoke', 'send', 'on', 'ipcRenderer']) {
      expect(bridge).not.toHaveProperty(forbidden);
    }
  });

  it('invokes each method on its own channel with the caller input', async () => {
    for (const name of methodNames) {
      const call = bridge[bridgeMethodName(name)] as (input?: unknown) => Promise<unknown>;
      await expect(call({ probe: name })).resolves.toEqual({
        ok: true,
        value: { channel: name, input: { probe: name } },
      });
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(methodNames.length);
    await bridge.appInfo();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('app:info', undefined);
  });

  it('delivers event payloads without the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.onSyncStatus(listener);
    const channel = eventChannel('sync:status');
    expect(electron.ipcRenderer.listenerCount(channel)).toBe(1);

    electron.ipcRenderer.emit(channel, { sender: electron.ipcRenderer }, status);
    expect(listener).toHaveBeenCalledWith(status);
    expect(listener.mock.calls[0]).toHaveLength(1);

    unsubscribe();
    expect(electron.ipcRenderer.listenerCount(channel)).toBe(0);
    electron.ipcRenderer.emit(channel, {}, status);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps separate subscriptions independent', () => {
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = bridge.onLogAppended(first);
    const stopSecond = bridge.onLogAppended(second);
    stopFirst();
    electron.ipcRenderer.emit(eventChannel('log:appended'), {}, { id: 1 });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    stopSecond();
  });

  it('cannot be altered by the page', () => {
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});
