import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppNotification } from '../../src-preload/contract';
import { EventBus } from '../core/event-bus';
import { appLocation } from './app-url';
import type { NotifiedWindow } from './desktop-notifications';

const fakes = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  class FakeNotification extends EventEmitter {
    static supported = true;
    static shown: FakeNotification[] = [];
    static isSupported() {
      return FakeNotification.supported;
    }
    constructor(readonly options: { title: string; body: string }) {
      super();
    }
    show() {
      FakeNotification.shown.push(this);
    }
  }
  return { FakeNotification };
});

vi.mock('electron', () => ({
  Notification: fakes.FakeNotification,
  BrowserWindow: class {},
  shell: {},
}));

const { showDesktopNotifications } = await import('./desktop-notifications');
const { FakeNotification } = fakes;

const reconnect: AppNotification = {
  kind: 'reconnect-needed',
  title: 'Reconnect needed',
  body: 'Salesforce no longer accepts the sign-in. Open Connection and connect again.',
  route: 'connection',
};

function fakeWindow(look: { visible: boolean; focused: boolean }) {
  const calls: string[] = [];
  const window: NotifiedWindow = {
    isDestroyed: () => false,
    isMinimized: () => false,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
    isVisible: () => look.visible,
    isFocused: () => look.focused,
    loadURL: async (url) => void calls.push(`load ${url}`),
  };
  return { window, calls };
}

const location = appLocation('file:///opt/leadbridge/out/renderer/index.html', undefined);
let events: EventBus;

beforeEach(() => {
  events = new EventBus();
  FakeNotification.shown = [];
  FakeNotification.supported = true;
});

describe('desktop notifications', () => {
  it('shows a raised notification as a system notification while the window is hidden', () => {
    const { window } = fakeWindow({ visible: false, focused: false });
    showDesktopNotifications({ events, window, location });

    events.emit('notification:raised', reconnect);

    expect(FakeNotification.shown.map((shown) => shown.options)).toEqual([
      { title: 'Reconnect needed', body: reconnect.body },
    ]);
  });

  it('opens the window on the notification’s screen when clicked', () => {
    const { window, calls } = fakeWindow({ visible: true, focused: false });
    showDesktopNotifications({ events, window, location });
    events.emit('notification:raised', { ...reconnect, route: 'channels' });

    FakeNotification.shown[0]!.emit('click');

    expect(calls).toEqual([
      'show',
      'focus',
      'load file:///opt/leadbridge/out/renderer/index.html#/channels',
    ]);
  });

  it('leaves it to the window when the window is in front, which shows it itself', () => {
    const { window } = fakeWindow({ visible: true, focused: true });
    showDesktopNotifications({ events, window, location });

    events.emit('notification:raised', reconnect);

    expect(FakeNotification.shown).toEqual([]);
  });

  it('shows nothing for other events, and nothing once unsubscribed', () => {
    const { window } = fakeWindow({ visible: false, focused: false });
    const stop = showDesktopNotifications({ events, window, location });
    events.emit('channels:changed', { channelIds: [1] });
    stop();
    events.emit('notification:raised', reconnect);

    expect(FakeNotification.shown).toEqual([]);
  });
});
