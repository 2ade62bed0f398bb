import { isAppUrl, type AppLocation } from './app-url';

/** The parts of an IpcMainInvokeEvent the check reads, so it stays pure and testable. */
export interface SenderFacts {
  sender: { id: number };
  senderFrame: { url: string; parent: object | null } | null;
}

/**
 * Only our own page, in the main frame of our own window, may call the contract. A frame
 * that navigated away, an iframe, or any other webContents (devtools extensions, a future
 * auxiliary window) is refused even if it somehow got hold of the preload.
 */
export function isTrustedSender(
  event: SenderFacts,
  trusted: { webContentsId: number | undefined; location: AppLocation },
): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  if (trusted.webContentsId === undefined || event.sender.id !== trusted.webContentsId) {
    return false;
  }
  return isAppUrl(frame.url, trusted.location);
}
