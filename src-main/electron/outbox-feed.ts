import type { LeadbridgeCore } from '../core/leadbridge-core';
import type { OutboxFeed } from './tray';

/** The tray reads the outbox through the same handler and event the window uses. */
export function outboxFeedOf(core: Pick<LeadbridgeCore, 'handlers' | 'events'>): OutboxFeed {
  return {
    status: () => core.handlers['outbox:status']({}),
    onChange: (listener) =>
      core.events.subscribe((message) => {
        if (message.event === 'outbox:changed') listener(message.payload);
      }),
  };
}
