// The demo scheduler: a meeting-platform emulator on a loopback port (see README.md here).
import type { AddressInfo } from 'node:net';
import { describeState, type SchedulerState } from './admin';
import { BookingDesk, scriptedBooking } from './booking-desk';
import { BookingBook } from './bookings';
import { Deliveries } from './deliveries';
import { InstanceEvents } from './instance-events';
import {
  DEFAULT_CALENDARS,
  DEFAULT_HOOKS_URL,
  DEFAULT_RETRY,
  resolveCalendar,
  type Calendar,
  type DemoSchedulerOptions,
  type LeadbridgeTarget,
} from './options';
import { createSchedulerServer } from './server';
import { Webhooks } from './webhooks';

export type { SchedulerState } from './admin';
export type { Delivery, DeliveryAttempt } from './deliveries';
export type { ReceivedInstanceEvent } from './instance-events';
export type { Calendar, CalendarInput, DemoSchedulerOptions, LeadbridgeTarget } from './options';
export { DEFAULT_CALENDARS, platformCalendarId } from './options';

export interface ScriptedBooking {
  calendarId: string;
  name: string;
  email: string;
  company?: string;
  answer?: string;
  slot?: number;
}

export interface DemoSchedulerHandle {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  calendars: Calendar[];
  /** Where Leadbridge listens and the secrets they share (only the fields given change). */
  configure(change: Partial<LeadbridgeTarget>): void;
  /**
   * Books as the page does, for scripts and trials: `slot` (epoch ms) defaults to the first
   * free one. Answers the booking id; throws with what to fix.
   */
  book(request: ScriptedBooking): string;
  /** Cancels as the confirmation page does; false when there is no standing booking. */
  cancel(bookingId: string): boolean;
  state(): SchedulerState;
  close(): Promise<void>;
}

export async function startDemoScheduler(
  options: DemoSchedulerOptions = {},
): Promise<DemoSchedulerHandle> {
  const now = options.now ?? Date.now;
  const calendars = (options.calendars ?? DEFAULT_CALENDARS).map(resolveCalendar);
  const target: LeadbridgeTarget = {
    hooksUrl: DEFAULT_HOOKS_URL,
    timerexToken: null,
    calendlySigningKey: null,
    genericSecret: null,
    outboundSecret: null,
    ...options.leadbridge,
  };
  let url = 'http://127.0.0.1';
  const bookings = new BookingBook(now);
  const deliveries = new Deliveries({ ...DEFAULT_RETRY, ...options.retry }, now);
  const webhooks = new Webhooks(
    deliveries,
    () => target,
    () => url,
  );
  const instanceEvents = new InstanceEvents({
    target: () => target,
    calendars: () => calendars,
    webhooks,
    now,
    cadenceMs: (options.attemptCadenceSeconds ?? 3) * 1000,
  });
  const configure = (change: Partial<LeadbridgeTarget>) => void Object.assign(target, change);
  const state = () =>
    describeState({
      url,
      calendars,
      target,
      bookings: bookings.list(),
      deliveries: deliveries.list(),
      instanceEvents: instanceEvents.list(),
    });
  const desk = new BookingDesk(calendars, bookings, webhooks, now, options.bookingDays ?? 5);
  const server = createSchedulerServer({
    calendars,
    bookings,
    desk,
    deliveries,
    instanceEvents,
    configure,
    state,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    calendars,
    configure,
    book: (request) => {
      const made = scriptedBooking(desk, { ...request });
      if (!made.ok) throw new Error(`not booked: ${JSON.stringify(made.errors)}`);
      return made.booking.id;
    },
    cancel: (bookingId) => desk.cancel(bookingId, 'Cancelled by a script') !== null,
    state,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        deliveries.close();
        instanceEvents.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
