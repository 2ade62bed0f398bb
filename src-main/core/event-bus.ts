import type { EventMessage, EventName, EventPayload } from '../../src-preload/contract';

export type EventListener = (message: EventMessage) => void;

/** Fans core events out to whichever transports are attached (IPC, SSE, tests). */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const message = { event, payload } as EventMessage;
    for (const listener of this.#listeners) listener(message);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
