import { userSettingsSchema, type AppInfo } from '../../src-preload/contract';
import type { Handlers } from './contract-dispatcher';
import type { Clock, DesktopIntegration } from './ports';
import type { ConnectionService } from './salesforce/connection-service';
import type { SettingsService } from './settings';
import type { LogRepository } from './store/log-repository';
import { AppError } from './errors';
import type { LeadRepository } from './store/lead-repository';
import { logEntriesToCsv } from './store/log-csv';
import type { SyncScheduler } from './sync/sync-scheduler';
import type { InstanceRepository } from './meetings/instance-repository';
import type { MeetingAdmin } from './meetings/meeting-admin';
import type { MeetingTypeRepository } from './meetings/meeting-type-repository';
import type { ChannelRunner } from './channels/channel-runner';
import type { ChannelService } from './channels/channel-service';
import type { DecisionRepository } from './channels/decision-repository';
import type { OutboxStore } from './writeback/outbox-store';
import type { OutboxWorker } from './writeback/outbox-worker';
import type { BookingService } from './bookings/booking-service';
import type { PlatformService } from './platform/platform-service';
import type { HealthReporter } from './health/health-report';

export interface ServiceParts {
  /** Asked at each call: the headless host's callback URL names a port known only once it listens. */
  info(): AppInfo;
  log: LogRepository;
  sync: SyncScheduler;
  connection: ConnectionService;
  settings: SettingsService;
  leads: LeadRepository;
  meetingTypes: MeetingTypeRepository;
  instances: InstanceRepository;
  meetingAdmin: MeetingAdmin;
  channels: ChannelService;
  channelRunner: ChannelRunner;
  decisions: DecisionRepository;
  outboxStore: OutboxStore;
  outboxWorker: OutboxWorker;
  bookings: BookingService;
  platform: PlatformService;
  health: HealthReporter;
  clock: Clock;
  /** The desktop app's own abilities; absent on the headless host. */
  desktop?: DesktopIntegration;
}

const DAY_MS = 24 * 60 * 60_000;

/** Implements every method of the contract on top of the core. */
export function createHandlers(parts: ServiceParts): Handlers {
  const { info, log, sync, connection, settings, leads, clock } = parts;
  const { meetingTypes, instances, meetingAdmin, channels, channelRunner, decisions } = parts;
  const { outboxStore, outboxWorker, bookings, platform, health, desktop } = parts;
  // The contract's schema keeps what a person may see and change, and drops the rest.
  const userSettings = () => userSettingsSchema.parse(settings.get());
  return {
    'app:info': () => info(),
    'app:open-logs-folder': async () => {
      if (!desktop) {
        throw new AppError(
          'LOGS_ON_STANDARD_ERROR',
          'This Leadbridge runs as a headless host, which writes its diagnostic log to standard error, not to a folder: read it in the terminal that started Leadbridge or in your service manager’s journal (for example journalctl).',
        );
      }
      await desktop.openLogsFolder();
      return { folder: desktop.logsDirectory };
    },
    'log:list': (input) => log.list(input),
    'log:matching': ({ ids, ...filter }) => ({ ids: log.matching(ids, filter) }),
    'log:kinds': () => ({ kinds: log.kinds() }),
    'sync:status': () => sync.status(),
    'sync:now': () => sync.requestSync(),
    'sync:pause': () => sync.pause(),
    'sync:resume': () => sync.resume(),
    'sync:reconcile': () => sync.requestReconcile(),
    'leads:search': (input) => leads.search(input.query, input.limit, input.offset),
    'leads:timeline': (input) => {
      const timeline = leads.timeline(input.leadId);
      if (!timeline) {
        throw new AppError(
          'LEAD_NOT_CACHED',
          `Lead ${input.leadId} is not in the local cache. Sync, then try again.`,
        );
      }
      return timeline;
    },
    'leads:changes-per-hour': () =>
      leads.changesPerHour(new Date(clock.now() - DAY_MS).toISOString()),
    'log:export': ({ timeZone, ...filter }) => {
      const { csv, rows } = logEntriesToCsv(log.iterate(filter), timeZone);
      const day = new Date(clock.now()).toISOString().slice(0, 10);
      return { fileName: `leadbridge-log-${day}.csv`, csv, rows };
    },
    'meeting-types:list': (input) => ({
      meetingTypes: meetingTypes.list(input.includeArchived),
    }),
    'meeting-types:create': (input) => meetingTypes.create(input),
    'meeting-types:update': ({ id, ...changes }) => meetingTypes.update(id, changes),
    'meeting-types:archive': (input) => meetingAdmin.archiveMeetingType(input.id),
    'instances:search': (input) => instances.search(input),
    'instances:history': (input) => ({
      instance: instances.require(input.instanceId),
      history: instances.history(input.instanceId),
    }),
    'instances:set-status': (input) =>
      meetingAdmin.setStatus(input.instanceId, input.status, input.reason, input.booking),
    'instances:record-attempt': (input) =>
      meetingAdmin.recordAttempt(input.instanceId, input.kind, input.subject),
    'channels:list': () => ({ channels: channels.list() }),
    'channels:fields': () => ({ fields: channels.fields() }),
    'channels:validate': (draft) => ({ errors: channels.validate(draft) }),
    'channels:preview': (draft) => channels.preview(draft),
    'channels:create': (draft) => channels.create(draft),
    'channels:update': (input) => channels.update(input.channelId, input.draft),
    'channels:set-enabled': (input) => channels.setEnabled(input.channelId, input.enabled),
    'channels:delete': (input) => {
      channels.delete(input.channelId);
      return { deleted: true };
    },
    'channels:decisions': (input) => ({
      decisions: decisions.forLead(input.leadId, input.limit),
    }),
    'channels:replay': (input) => ({ decisions: channelRunner.replay(input.changeId) }),
    'health:get': () => health.report(),
    'outbox:status': () => outboxWorker.status(),
    'outbox:list': (input) => ({
      ...outboxStore.list(input),
      counts: outboxStore.counts(),
      reasons: outboxStore.reasons(),
    }),
    'outbox:retry': (input) => ({ retried: outboxWorker.retry(input.itemIds) }),
    'outbox:discard': (input) => ({ discarded: outboxWorker.discard(input.itemIds) }),
    'bookings:list': (input) => bookings.list(input),
    'bookings:retry': (input) => ({ retried: bookings.retry(input.bookingIds) }),
    'booking-settings:list': () => bookings.listSettings(),
    'booking-settings:validate': async (input) => ({ errors: await bookings.validate(input) }),
    'booking-settings:save': (input) => bookings.save(input),
    'booking-settings:delete': (input) => {
      bookings.delete(input.calendarId);
      return { deleted: true };
    },
    'booking-settings:preview': (input) => bookings.preview(input.settings, input.sample),
    'mapping:fields': (input) => bookings.fields(input.object),
    'platform:status': () => platform.status(),
    'platform:update': (input) => platform.update(input),
    'platform:set-secret': (input) => platform.setSecret(input.name, input.value),
    'platform:events': (input) => platform.events(input),
    'settings:get': userSettings,
    'settings:update': async (input) => {
      // The OS is told first: when it refuses, the setting still says what is true.
      if (input.startAtLogin !== undefined && input.startAtLogin !== settings.get().startAtLogin) {
        if (!desktop) {
          throw new AppError(
            'START_AT_LOGIN_UNAVAILABLE',
            'Start at login is part of the desktop app. To start this headless host with the machine, run it from your service manager (a systemd unit, launchd or a Windows service).',
          );
        }
        await desktop.setStartAtLogin(input.startAtLogin);
      }
      settings.update(input);
      sync.setInterval(settings.get().syncIntervalMinutes);
      log.append('settings.changed', null, { keys: Object.keys(input) });
      return userSettings();
    },
    'connection:status': () => connection.refreshDetails(),
    'connection:connect': (input) => connection.connect(input.org, input.myDomain),
    'connection:cancel': () => connection.cancel(),
    'connection:disconnect': (input) => connection.disconnect(input.deleteCache),
  };
}
