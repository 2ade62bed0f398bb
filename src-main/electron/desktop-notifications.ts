import { Notification } from 'electron';
import type { EventBus } from '../core/event-bus';
import { routeUrl, type AppLocation } from './app-url';
import { revealWindow, type RevealableWindow } from './main-window';

export interface NotifiedWindow extends RevealableWindow {
  isVisible(): boolean;
  isFocused(): boolean;
  loadURL(url: string): Promise<void>;
}

export interface DesktopNotificationOptions {
  events: Pick<EventBus, 'subscribe'>;
  window: NotifiedWindow;
  location: AppLocation;
}

/**
 * The core's notifications as system notifications, for when the window is hidden to the
 * tray or behind others (in front, it shows them itself); a click opens the window on the
 * screen that says what to do. Returns the unsubscribe.
 */
export function showDesktopNotifications(options: DesktopNotificationOptions): () => void {
  const { window } = options;
  // Held until clicked or closed: one collected before then would forget its click handler.
  const showing = new Set<Notification>();
  return options.events.subscribe((message) => {
    if (message.event !== 'notification:raised') return;
    if ((window.isVisible() && window.isFocused()) || !Notification.isSupported()) return;
    const { title, body, route } = message.payload;
    const notification = new Notification({ title, body });
    showing.add(notification);
    notification.on('click', () => {
      showing.delete(notification);
      revealWindow(window);
      // Only the fragment changes: the page stays loaded and its router follows.
      window.loadURL(routeUrl(options.location, route)).catch(() => undefined);
    });
    notification.on('close', () => showing.delete(notification));
    notification.show();
  });
}
