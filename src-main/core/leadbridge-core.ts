import path from 'node:path';
import fs from 'node:fs';
import type { HostKind } from '../../src-preload/contract';
import type { Handlers } from './contract-dispatcher';
import { EventBus } from './event-bus';
import type { Clock, DesktopIntegration, Logger, SecretStore, SettingsStore } from './ports';
import { DEFAULT_CALL_LIMITS, type CallLimits } from './salesforce/call-limits';
import { ConnectionService, type DemoOrgLauncher } from './salesforce/connection-service';
import { OAuthFlowRegistry } from './salesforce/oauth-flow';
import { SalesforceConnection } from './salesforce/salesforce-connection';
import { SessionRefresher } from './salesforce/session-refresher';
import { SessionVault } from './salesforce/session-vault';
import { CallbackRefusalLog } from './salesforce/callback-refusal-log';
import { oauthScopeChoices, SettingsService } from './settings';
import { createHandlers } from './service';
import { Notifier } from './notifications/notifier';
import { openDatabase } from './store/database';
import { LogRepository } from './store/log-repository';
import { LeadRepository } from './store/lead-repository';
import { OrgBoundCache } from './store/org-bound-cache';
import { SyncStateRepository } from './store/sync-state-repository';
import { ReconcileLedger } from './store/reconcile-ledger';
import { ApiUsageHistory } from './store/api-usage-history';
import { ErrorGroups } from './health/error-groups';
import { HealthReporter } from './health/health-report';
import { LeadChangeStream } from './sync/lead-change-stream';
import { LeadReconciler } from './sync/lead-reconciler';
import { LeadSync } from './sync/lead-sync';
import { BulkIdListing } from './sync/bulk-id-listing';
import { BulkLeadImport } from './sync/bulk-lead-import';
import { SyncScheduler } from './sync/sync-scheduler';
import { InstanceRepository } from './meetings/instance-repository';
import { MeetingAdmin } from './meetings/meeting-admin';
import { MeetingTypeRepository } from './meetings/meeting-type-repository';
import { ChangeGroupReader } from './channels/change-groups';
import { ChannelRepository } from './channels/channel-repository';
import { ChannelRunner } from './channels/channel-runner';
import { ChannelService } from './channels/channel-service';
import { DecisionRepository } from './channels/decision-repository';
import { EchoGuard } from './channels/echo-guard';
import { UpdateChannelFiring } from './channels/update-channel-firing';
import { UpdateFiringRepository } from './channels/update-firing-repository';
import { ActivityLogging } from './meetings/activity-logging';
import { Outbox } from './writeback/outbox';
import { OutboxStore } from './writeback/outbox-store';
import { OutboxWorker } from './writeback/outbox-worker';
import { UserDirectory } from './writeback/user-directory';
import { BookingLedger } from './bookings/booking-ledger';
import { InstanceEvents } from './platform/instance-events';
import { OutboundSender } from './platform/outbound-sender';
import { PlatformEventApplier } from './platform/platform-event-applier';
import { BookingPostQueue } from './bookings/booking-post-queue';
import { PostedLeadSync } from './bookings/posted-lead-sync';
import { BookingPoster } from './bookings/booking-poster';
import { BookingService } from './bookings/booking-service';
import { BookingSettingsStore } from './bookings/booking-settings-store';
import { ObjectDescribes } from './bookings/object-describes';
import { PlatformInbox } from './platform/platform-inbox';
import { PlatformSecrets } from './platform/platform-secrets';
import { PlatformService } from './platform/platform-service';
import { WebhookIntake } from './platform/webhook-intake';

/** Each incremental sync looks this far behind its watermark again, for late commits. */
const SYNC_OVERLAP_MS = 2 * 60_000;
/** Lead's describe is checked again (If-Modified-Since) at most daily, or on INVALID_FIELD. */
const DESCRIBE_MAX_AGE_MS = 24 * 60 * 60_000;

export interface CoreDependencies {
  dataDirectory: string;
  hostKind: HostKind;
  appVersion: string;
  settingsStore: SettingsStore;
  secretStore: SecretStore;
  clock: Clock;
  logger: Logger;
  /** The External Client App consumer key this build ships with (Settings may override). */
  defaultClientId: string;
  /** Where Salesforce returns the browser: leadbridge://oauth/callback or the host's URL. */
  oauthRedirectUri(): string;
  /** The system browser (Electron); without it the renderer opens the sign-in in a tab. */
  openExternal?: (url: string) => Promise<void>;
  demoOrg?: DemoOrgLauncher;
  /** How long a Salesforce call may take and how often it is repeated (tests shorten them). */
  salesforceCallLimits?: Partial<CallLimits>;
  /** The desktop app's logs folder and login item; absent on the headless host. */
  desktop?: DesktopIntegration;
}

export interface LeadbridgeCore {
  handlers: Handlers;
  events: EventBus;
  log: LogRepository;
  sync: SyncScheduler;
  connection: ConnectionService;
  leads: LeadRepository;
  meetingTypes: MeetingTypeRepository;
  /** For channel runners and platform intake: open, transition and deactivate instances. */
  instances: InstanceRepository;
  channels: ChannelService;
  /** Decides timing events after each sync commit; `drain()` catches up. */
  channelRunner: ChannelRunner;
  /** Queues writes to Salesforce inside a decision's transaction. */
  outbox: Outbox;
  /** Sends the outbox's items; `idle()` waits for a drain in progress. */
  outboxWorker: OutboxWorker;
  /** Records the platform's booking events (in the applier's transaction) and their posts. */
  bookings: BookingLedger;
  /** Booking settings as saved (the Mapping screen saves through the checked service). */
  bookingSettings: BookingSettingsStore;
  settings: SettingsService;
  /** Applies stored platform events to instances; kicked by the intake and at start-up. */
  platformEvents: PlatformEventApplier;
  /** Delivers outbound instance events to the meeting platform; `idle()` waits for a drain. */
  outboundSender: OutboundSender;
  /** The meeting platform: webhooks in (the hooks host calls `intake`), settings and secrets. */
  platform: {
    intake: WebhookIntake;
    inbox: PlatformInbox;
    /** `onReceiverSettings` tells the hosts' listener to listen, move or stop. */
    service: PlatformService;
    /** In memory: `current('outbound_secret')` signs outbound events. */
    secrets: PlatformSecrets;
  };
  /**
   * Reads what the secret store keeps (the saved sign-in, the platform's secrets) and lets
   * the work that needs them start. Until then the connection says `restoring`.
   */
  restoreSession(): Promise<void>;
  close(): void;
}

/** Composes the core and restores its session at once: for hosts without a keychain prompt. */
export async function createLeadbridgeCore(deps: CoreDependencies): Promise<LeadbridgeCore> {
  const core = composeLeadbridgeCore(deps);
  try {
    await core.restoreSession();
  } catch (error) {
    core.close();
    throw error;
  }
  return core;
}

/**
 * Composes the product from its parts without touching the secret store, so the desktop app
 * can show its window and tray before a keychain prompt (restoreSession) may hold it up.
 */
export function composeLeadbridgeCore(deps: CoreDependencies): LeadbridgeCore {
  fs.mkdirSync(deps.dataDirectory, { recursive: true, mode: 0o700 });
  const { db, migrations } = openDatabase(path.join(deps.dataDirectory, 'leadbridge.db'));
  const events = new EventBus();
  const log = new LogRepository(db, deps.clock);
  log.onAppended((entry) => events.emit('log:appended', entry));
  const settings = new SettingsService(deps.settingsStore);
  // Before anything else logs: a channel the start-up drain turns off is told too.
  const notifier = new Notifier({
    log,
    clock: deps.clock,
    memory: {
      load: () => settings.get().notificationsShown,
      save: (notificationsShown) => settings.update({ notificationsShown }),
    },
    raise: (notification) => events.emit('notification:raised', notification),
  });
  const leads = new LeadRepository(db, deps.clock);
  const syncState = new SyncStateRepository(db);
  const meetingTypes = new MeetingTypeRepository(db, deps.clock, log);
  const instances = new InstanceRepository(db, deps.clock, log, meetingTypes);
  instances.onChanged((changes) => events.emit('instances:changed', { changes }));

  const clientId = () => settings.get().salesforceClientId || deps.defaultClientId;
  const vault = new SessionVault(deps.secretStore);
  const callLimits: CallLimits = { ...DEFAULT_CALL_LIMITS, ...deps.salesforceCallLimits };
  const refresher = new SessionRefresher(vault, deps.clock, callLimits);
  const salesforce = new SalesforceConnection(vault, refresher, deps.clock, callLimits);
  const usageHistory = new ApiUsageHistory(db);
  salesforce.onCalls((sample) => usageHistory.record(sample));
  const refusals = new CallbackRefusalLog({ log, logger: deps.logger, clock: deps.clock });
  const connection = new ConnectionService({
    vault,
    flows: new OAuthFlowRegistry(deps.clock),
    refresher,
    salesforce,
    log,
    refusals,
    clock: deps.clock,
    logger: deps.logger,
    clientId,
    scopes: () => oauthScopeChoices[settings.get().oauthScopes],
    redirectUri: deps.oauthRedirectUri,
    ...(deps.openExternal ? { openExternal: deps.openExternal } : {}),
    ...(deps.demoOrg ? { demoOrg: deps.demoOrg } : {}),
    cache: new OrgBoundCache({
      db,
      leads,
      state: syncState,
      log,
      // The scheduler is composed below; these run only once the app is up.
      settle: () => sync.idle(),
      onCleared: () => sync.cacheCleared(),
    }),
  });
  const leadSync = new LeadSync({
    db,
    salesforce,
    leads,
    state: syncState,
    log,
    clock: deps.clock,
    overlapMs: SYNC_OVERLAP_MS,
    describeMaxAgeMs: DESCRIBE_MAX_AGE_MS,
    onDescribeChanged: () => channels.describeChanged(),
    bulkImport: new BulkLeadImport({
      db,
      salesforce,
      leads,
      log,
      clock: deps.clock,
      threshold: () => settings.get().bulkImportThreshold,
    }),
  });
  const changeGroups = new ChangeGroupReader(db);
  const channels = new ChannelService({
    channels: new ChannelRepository(db, deps.clock),
    meetingTypes,
    leads,
    groups: changeGroups,
    log,
    clock: deps.clock,
    describe: () => leadSync.cachedDescribe(),
    changed: (channelIds) => events.emit('channels:changed', { channelIds }),
  });
  const decisions = new DecisionRepository(db);
  const echoes = new EchoGuard(db);
  const channelRunner = new ChannelRunner({
    db,
    clock: deps.clock,
    log,
    logger: deps.logger,
    instances,
    decisions,
    groups: changeGroups,
    echoes,
    runnable: () => channels.runnable(),
    onFired: (channelIds) => events.emit('channels:changed', { channelIds }),
  });
  // Each committed page's timing events are decided before the next page is written.
  leads.onCommitted((outcome) => channelRunner.drain(outcome.cachedFields));
  const sync = new SyncScheduler({
    settings,
    log,
    state: syncState,
    clock: deps.clock,
    logger: deps.logger,
    leadSync,
    reconciler: new LeadReconciler({
      db,
      salesforce,
      leads,
      ledger: new ReconcileLedger(db),
      log,
      clock: deps.clock,
      leadSync,
      bulkIds: new BulkIdListing({
        salesforce,
        clock: deps.clock,
        threshold: () => settings.get().bulkImportThreshold,
        cachedLeads: () => leads.count(),
      }),
    }),
    apiUsage: () => salesforce.record().apiUsage,
    measureApiUsage: () => salesforce.measureApiUsage(),
    cachedLeads: () => leads.count(),
    random: Math.random,
  });
  sync.onChange((status) => events.emit('sync:status', status));
  salesforce.onRecorded(() => sync.apiUsageChanged());
  salesforce.onRetry((retry) => sync.callRetrying(retry));
  const outboxStore = new OutboxStore(db);
  const users = new UserDirectory(salesforce, deps.clock);
  const bookingSettings = new BookingSettingsStore(db, deps.clock);
  const describes = new ObjectDescribes({
    db,
    salesforce,
    clock: deps.clock,
    logger: deps.logger,
    leadDescribe: () => leadSync.cachedDescribe(),
    isConnected: () => connection.isConnected(),
  });
  const bookingQueue = new BookingPostQueue(db);
  // The outbox is composed below; the ledger queues into it only once the app is up.
  const bookings = new BookingLedger(db, deps.clock, (input) => outbox.enqueueBookingPost(input));
  const bookingsChanged = (bookingIds: number[]) => events.emit('bookings:changed', { bookingIds });
  const bookingPoster = new BookingPoster({
    db,
    store: outboxStore,
    queue: bookingQueue,
    ledger: bookings,
    settings: bookingSettings,
    describes,
    salesforce,
    users,
    enqueueCreate: (input) => outbox.enqueueCreate(input),
    log,
    clock: deps.clock,
    logger: deps.logger,
    changed: bookingsChanged,
  });
  const outboxWorker = new OutboxWorker({
    db,
    store: outboxStore,
    salesforce,
    users,
    echoes,
    log,
    clock: deps.clock,
    logger: deps.logger,
    hold: () => sync.holdReason(),
    senders: [bookingPoster],
    settled: (itemIds) => {
      const bookingIds = bookings.bookingsWithEvents(itemIds);
      if (bookingIds.length > 0) bookingsChanged(bookingIds);
    },
  });
  // Who is told after an enqueue commits: the worker, and the senders composed further down.
  const afterEnqueue: (() => void)[] = [() => outboxWorker.kick()];
  const outbox = new Outbox(db, deps.clock, echoes, () => {
    for (const kick of afterEnqueue) kick();
  });
  const updateFiring = new UpdateChannelFiring({
    db,
    channels: (meetingTypeId, status) => channels.updateChannelsFor(meetingTypeId, status),
    leadFields: (leadId) => leads.cachedFields(leadId),
    hostsOf: (meetingTypeId) => meetingTypes.facts(meetingTypeId)?.hosts ?? [],
    enqueueLeadUpdate: (input) => outbox.enqueueLeadUpdate(input),
    firings: new UpdateFiringRepository(db),
    log,
    logger: deps.logger,
    clock: deps.clock,
    publish: (writes) => instances.publish(writes),
    changed: (channelIds) => events.emit('channels:changed', { channelIds }),
  });
  // A firing that waited for its Lead (a new guest's booking) fires once a page caches it.
  leads.onCommitted(() => updateFiring.fireWaiting());
  const activities = new ActivityLogging({
    meetingTypes,
    enqueueCreate: (input) => outbox.enqueueCreate(input),
    clock: deps.clock,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  });
  const instanceEvents = new InstanceEvents({
    outbound: () => settings.get().outboundEvents,
    meetingTypes,
    leadFields: (leadId) => leads.cachedFields(leadId),
    enqueueInstanceEvent: (input) => outbox.enqueueInstanceEvent(input),
  });
  // Inside each status change's transaction: its writes commit with it or not at all.
  instances.onStatusEntered((entered, writes) => {
    updateFiring.onStatusEntered(entered, writes);
    activities.onStatusEntered(entered);
    instanceEvents.onStatusEntered(entered);
  });
  // What a crash left undecided is decided now, before anything syncs: after the outbox is
  // composed, since an instance the runner moves may fire an Update channel.
  channelRunner.drain();
  updateFiring.fireWaiting();
  outboxWorker.onChange((status) => events.emit('outbox:changed', status));
  // After each sync, and when Pause, the connection or the API budget lets writes go again.
  sync.onChange((status) => outboxWorker.syncChanged(status.lastSyncAt));
  refresher.onGrantLost((reason) => connection.markGrantLost(reason));
  connection.onChange((status) => {
    sync.setConnection(status.state);
    events.emit('connection:changed', status);
  });
  sync.setConnection(connection.status().state);
  // Listens from the start, so the restored connection's 'connected' opens the stream.
  const changeStream = new LeadChangeStream({
    state: syncState,
    log,
    logger: deps.logger,
    clock: deps.clock,
    session: () => vault.load(),
    sync,
    connection,
  });

  const platformInbox = new PlatformInbox(db, deps.clock);
  const platformSecrets = new PlatformSecrets(deps.secretStore);
  // Outbound events are signed with a stored secret: none is sent before it is read.
  let secretsLoaded = false;
  const platform = {
    inbox: platformInbox,
    secrets: platformSecrets,
    intake: new WebhookIntake({
      inbox: platformInbox,
      secrets: platformSecrets,
      clock: deps.clock,
      logger: deps.logger,
    }),
    service: new PlatformService({
      settings,
      secrets: platformSecrets,
      inbox: platformInbox,
      log,
      clock: deps.clock,
      changed: (status) => events.emit('platform:changed', status),
    }),
  };
  platform.intake.onStored(() => platform.service.inboxChanged());

  const platformEvents = new PlatformEventApplier({
    db,
    inbox: platformInbox,
    bookings,
    meetingTypes,
    instances,
    leadByEmail: (email) => leads.unconvertedByEmail(email),
    activities,
    log,
    logger: deps.logger,
    applied: () => platform.service.inboxChanged(),
  });
  platform.intake.onStored(() => platformEvents.kick());
  bookings.onPosted((posted) => platformEvents.bookingPosted(posted));
  const postedLeadSync = new PostedLeadSync({
    clock: deps.clock,
    isCached: (leadId) => leads.cachedFields(leadId) !== undefined,
    sync: () => sync.syncChanges('booking-posted'),
  });
  bookings.onPosted((posted) => postedLeadSync.posted(posted));
  // What a crash left stored but not applied.
  platformEvents.kick();
  const sender = new OutboundSender({
    db,
    store: outboxStore,
    outbound: () => settings.get().outboundEvents,
    secret: () => platformSecrets.current('outbound_secret'),
    log,
    clock: deps.clock,
    logger: deps.logger,
    paused: () => !secretsLoaded || sync.holdReason() === 'paused',
    changed: () => events.emit('outbox:changed', outboxWorker.status()),
  });
  afterEnqueue.push(() => sender.kick());
  // Resumed after a pause; Retry in the Outbox view (the worker announces it).
  sync.onChange(() => sender.kick());
  outboxWorker.onChange(() => sender.kick());

  const handlers = createHandlers({
    info: () => ({
      name: 'Leadbridge',
      version: deps.appVersion,
      dataDirectory: deps.dataDirectory,
      hostKind: deps.hostKind,
      platform: process.platform,
      logsDirectory: deps.desktop?.logsDirectory ?? null,
      oauthCallbackUrl: deps.oauthRedirectUri(),
    }),
    log,
    sync,
    connection,
    settings,
    leads,
    meetingTypes,
    instances,
    meetingAdmin: new MeetingAdmin(meetingTypes, instances, log, activities),
    channels,
    channelRunner,
    decisions,
    outboxStore,
    outboxWorker,
    bookings: new BookingService({
      db,
      settings: bookingSettings,
      describes,
      ledger: bookings,
      queue: bookingQueue,
      log,
      channels: () => channels.list(),
      retryItems: (itemIds) => outboxWorker.retry(itemIds),
      changed: bookingsChanged,
    }),
    platform: platform.service,
    health: new HealthReporter({
      clock: deps.clock,
      usage: usageHistory,
      errors: new ErrorGroups(db),
      outboxStore,
      outbox: () => outboxWorker.status(),
      sync: () => sync.status(),
      capPercent: () => settings.get().apiBudgetPercent,
    }),
    clock: deps.clock,
    ...(deps.desktop ? { desktop: deps.desktop } : {}),
  });
  log.append('app.started', null, {
    host: deps.hostKind,
    version: deps.appVersion,
    migrationsApplied: migrations.applied,
  });
  deps.logger.info('core started', { host: deps.hostKind, migrations: migrations.applied.length });

  return {
    handlers,
    events,
    log,
    sync,
    connection,
    leads,
    meetingTypes,
    instances,
    channels,
    channelRunner,
    outbox,
    outboxWorker,
    bookings,
    bookingSettings,
    settings,
    platform,
    platformEvents,
    outboundSender: sender,
    restoreSession: async () => {
      await connection.restore();
      await platformSecrets.load();
      secretsLoaded = true;
      sender.kick();
    },
    close: () => {
      notifier.stop();
      platform.service.stop();
      outboxWorker.stop();
      sender.stop();
      platformEvents.stop();
      postedLeadSync.stop();
      changeStream.stop();
      sync.stop();
      refusals.close();
      db.close();
    },
  };
}
