/**
 * The Electron preload: exposes `window.leadbridge`, one named function per contract method
 * and one `on…` subscription per event, all generated from the contract. The page never
 * sees ipcRenderer, a channel name or a generic invoke. Runs sandboxed: electron only.
 */
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import { eventChannel, eventNames, methodNames, type LeadbridgeBridge } from './contract';
import { bridgeEventName, bridgeMethodName } from './bridge-names';

export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function buildBridge(ipc: BridgeIpc): LeadbridgeBridge {
  const bridge: Record<string, unknown> = {};
  for (const name of methodNames) {
    // The answer is already the ApiResult envelope: errors arrive as values with a code.
    bridge[bridgeMethodName(name)] = (input?: unknown) => ipc.invoke(name, input);
  }
  for (const name of eventNames) {
    const channel = eventChannel(name);
    bridge[bridgeEventName(name)] = (listener: (payload: unknown) => void) => {
      // The IPC event object (which holds the sender) stays on this side of the bridge.
      const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipc.on(channel, relay);
      return () => {
        ipc.removeListener(channel, relay);
      };
    };
  }
  // Every key above comes from the contract's tables, which is what the type spells out.
  return Object.freeze(bridge) as LeadbridgeBridge;
}

contextBridge.exposeInMainWorld('leadbridge', buildBridge(ipcRenderer));
