import { ipcMain as electronIpcMain, type IpcMain, type IpcMainInvokeEvent } from 'electron';
import {
  eventChannel,
  methodNames,
  type ApiResult,
  type MethodName,
} from '../../src-preload/contract';
import { dispatch, type Handlers } from '../core/contract-dispatcher';
import type { EventBus } from '../core/event-bus';
import type { Logger } from '../core/ports';
import { isAppUrl, type AppLocation } from './app-url';
import { isTrustedSender } from './trusted-sender';

/** What the binding needs of the window: its webContents, to check senders and push events. */
export interface ContractWindow {
  isDestroyed(): boolean;
  webContents: {
    id: number;
    getURL(): string;
    send(channel: string, payload: unknown): void;
  };
}

export interface IpcContractOptions {
  /** Electron's own unless a test hands in a fake. */
  ipcMain?: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: Handlers;
  events: Pick<EventBus, 'subscribe'>;
  logger: Logger;
  location: AppLocation;
  /** The main window as it is now (it may not exist yet, or be gone while quitting). */
  window(): ContractWindow | undefined;
}

const untrustedSender: ApiResult<never> = {
  ok: false,
  error: {
    code: 'UNTRUSTED_SENDER',
    message:
      'Leadbridge only answers its own window. Reopen Leadbridge from the tray and try again.',
  },
};

/**
 * Binds the whole contract to IPC: one wrapper for every method (sender check, then the
 * shared dispatcher), and every core event forwarded to the window. Returns an unbind.
 */
export function bindContractToIpc(options: IpcContractOptions): () => void {
  const { handlers, logger, location } = options;
  const ipcMain = options.ipcMain ?? electronIpcMain;
  const liveWindow = () => {
    const window = options.window();
    return window && !window.isDestroyed() ? window : undefined;
  };

  const handle = (name: MethodName) =>
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, rawInput: unknown) => {
      const trusted = isTrustedSender(event, {
        webContentsId: liveWindow()?.webContents.id,
        location,
      });
      if (!trusted) {
        logger.warn('ipc call refused: untrusted sender', { method: name });
        return untrustedSender;
      }
      return dispatch(handlers, name, rawInput, logger);
    });
  methodNames.forEach(handle);

  const unsubscribe = options.events.subscribe((message) => {
    const window = liveWindow();
    // Payloads are for our page only, never for whatever a frame might have navigated to.
    if (!window || !isAppUrl(window.webContents.getURL(), location)) return;
    window.webContents.send(eventChannel(message.event), message.payload);
  });

  return () => {
    unsubscribe();
    methodNames.forEach((name) => ipcMain.removeHandler(name));
  };
}
