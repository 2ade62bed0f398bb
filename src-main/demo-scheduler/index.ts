// The demo scheduler: a meeting-platform emulator on a loopback port (see README.md here).
import type { AddressInfo } from 'node:net';
import { describeState, type SchedulerState } from './admin';
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

export interface DemoSchedulerHandle {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  calendars: Calendar[];
  /** Where Leadbridge listens and the secrets they share (only the fields given change). */
  configure(change: Partial<LeadbridgeTarget>): void;
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
  const server = createSchedulerServer({
    calendars,
    bookings,
    deliveries,
    webhooks,
    instanceEvents,
    workingDays: options.bookingDays ?? 5,
    now,
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
