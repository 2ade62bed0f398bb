import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../test/support/fake-clock';
import { eventChannel, methodNames, type ApiResult } from '../../src-preload/contract';
import { createTestCore } from '../../test/support/test-core';
import type { Logger } from '../core/ports';
import { appLocation } from './app-url';
import { bindContractToIpc, type ContractWindow } from './ipc-contract';

vi.mock('electron', () => ({ ipcMain: {} }));

const indexHtml = 'file:///app/out/renderer/index.html';
const location = appLocation(indexHtml, undefined);
const quietLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<ApiResult<unknown>>;

function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    handle: vi.fn((channel: string, listener: Listener) => {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => listeners.delete(channel)),
  };
}

function fakeWindow(id = 1): ContractWindow & {
  url: string;
  destroyed: boolean;
  webContents: { send: ReturnType<typeof vi.fn> };
} {
  const window = {
    url: indexHtml,
    destroyed: false,
    isDestroyed: () => window.destroyed,
    webContents: { id, getURL: () => window.url, send: vi.fn() },
  };
  return window;
}

function invokeEvent(
  senderId: number,
  frameUrl: string | null,
  parent: object | null = null,
): IpcMainInvokeEvent {
  // Only the fields the sender check reads; the rest of the event is irrelevant here.
  return {
    sender: { id: senderId },
    senderFrame: frameUrl === null ? null : { url: frameUrl, parent },
  } as unknown as IpcMainInvokeEvent;
}

let core: Awaited<ReturnType<typeof createTestCore>>;

beforeEach(async () => {
  core = await createTestCore({
    hostKind: 'electron',
    clock: new FakeClock(Date.parse('2025-01-01T00:00:00Z')),
    logger: quietLogger,
  });
});

afterEach(() => core.dispose());

function bind(window: ContractWindow | null = fakeWindow()) {
  const ipcMain = fakeIpcMain();
  const appInfo = vi.fn(core.handlers['app:info']);
  const unbind = bindContractToIpc({
    ipcMain,
    handlers: { ...core.handlers, 'app:info': appInfo },
    events: core.events,
    logger: quietLogger,
    location,
    window: () => window ?? undefined,
  });
  const call = (name: string, input: unknown, event = invokeEvent(1, indexHtml)) => {
    const listener = ipcMain.listeners.get(name);
    if (!listener) throw new Error(`${name} is not registered`);
    return listener(event, input);
  };
  return { ipcMain, appInfo, unbind, call };
}

describe('bindContractToIpc', () => {
  it('registers every contract method, each through one handle', () => {
    const { ipcMain } = bind();
    expect(ipcMain.handle).toHaveBeenCalledTimes(methodNames.length);
    expect([...ipcMain.listeners.keys()].sort()).toEqual([...methodNames].sort());
  });

  it('answers our own window with the method value', async () => {
    const { call } = bind();
    const result = await call('app:info', undefined);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        name: 'Leadbridge',
        version: '9.9.9',
        hostKind: 'electron',
      }),
    });
  });

  it('answers bad input with INVALID_INPUT', async () => {
    const { call } = bind();
    const result = await call('log:list', { limit: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const extra = await call('app:info', { token: 'x' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it.each([
    ['another webContents', invokeEvent(2, indexHtml)],
    ['another page', invokeEvent(1, 'https://evil.com/')],
    ['a missing frame', invokeEvent(1, null)],
    ['a subframe', invokeEvent(1, indexHtml, {})],
  ])('refuses %s with UNTRUSTED_SENDER without running the handler', async (_why, event) => {
    const { call, appInfo } = bind();
    const result = await call('app:info', undefined, event);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(appInfo).not.toHaveBeenCalled();
  });

  it('refuses every caller while no window exists', async () => {
    const { call } = bind(null);
    const result = await call('app:info', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
  });

  it('forwards core events to the window on their event channels', () => {
    const window = fakeWindow();
    bind(window);
    core.sync.pause();
    expect(window.webContents.send).toHaveBeenCalledWith(
      eventChannel('sync:status'),
      expect.objectContaining({ state: 'paused', paused: true }),
    );
    expect(window.webContents.send).toHaveBeenCalledWith(
      eventChannel('log:appended'),
      expect.objectContaining({ kind: 'sync.paused' }),
    );
  });

  it('sends nothing to a window that shows another page or is gone', () => {
    const window = fakeWindow();
    bind(window);
    window.url = 'https://evil.com/';
    core.sync.pause();
    window.url = indexHtml;
    window.destroyed = true;
    core.sync.resume();
    expect(window.webContents.send).not.toHaveBeenCalled();
  });

  it('unbinds: handlers removed and events no longer forwarded', () => {
    const window = fakeWindow();
    const { ipcMain, unbind } = bind(window);
    unbind();
    expect(ipcMain.listeners.size).toBe(0);
    core.sync.pause();
    expect(window.webContents.send).not.toHaveBeenCalled();
  });
});
