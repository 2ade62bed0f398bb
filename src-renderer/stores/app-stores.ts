import type { ApiClient } from '../api/api-client';
import { createAppInfoStore } from './app-info-store';
import { createBookingsStore } from './bookings-store';
import { createChangesChartStore } from './changes-chart-store';
import { createChannelEditorStore } from './channel-editor-store';
import { createChannelsStore } from './channels-store';
import { createConnectionStore } from './connection-store';
import { createHealthStore } from './health-store';
import { createHostLinkStore } from './host-link-store';
import { createLeadDecisionsStore } from './lead-decisions-store';
import { createLeadOutboxStore } from './lead-outbox-store';
import { createLeadTimelineStore } from './lead-timeline-store';
import { createLeadsStore } from './leads-store';
import { createInstanceHistoryStore } from './instance-history-store';
import { createInstancesStore } from './instances-store';
import { createLogStore } from './log-store';
import { createMappingStore } from './mapping-store';
import { createMeetingTypesStore } from './meeting-types-store';
import { createNotificationsStore } from './notifications-store';
import { createOutboxStore } from './outbox-store';
import { createPlatformStore } from './platform-store';
import { createSettingsStore } from './settings-store';
import { createSyncStore } from './sync-store';

export function createAppStores(api: ApiClient) {
  return {
    sync: createSyncStore(api),
    log: createLogStore(api),
    appInfo: createAppInfoStore(api),
    connection: createConnectionStore(api),
    hostLink: createHostLinkStore(api),
    settings: createSettingsStore(api),
    leads: createLeadsStore(api),
    leadTimeline: createLeadTimelineStore(api),
    changesChart: createChangesChartStore(api),
    meetingTypes: createMeetingTypesStore(api),
    instances: createInstancesStore(api),
    instanceHistory: createInstanceHistoryStore(api),
    channels: createChannelsStore(api),
    channelEditor: createChannelEditorStore(api),
    leadDecisions: createLeadDecisionsStore(api),
    outbox: createOutboxStore(api),
    leadOutbox: createLeadOutboxStore(api),
    platform: createPlatformStore(api),
    bookings: createBookingsStore(api),
    mapping: createMappingStore(api),
    notifications: createNotificationsStore(api),
    health: createHealthStore(api),
  };
}

export type AppStores = ReturnType<typeof createAppStores>;

/**
 * Started once for the window's lifetime rather than per screen, so the header badge and
 * the log stay live whichever screen is open.
 */
export function startAppStores(stores: AppStores, api: ApiClient): () => void {
  const stops = [
    stores.sync.getState().start(),
    stores.log.getState().start(),
    stores.connection.getState().start(),
    stores.hostLink.getState().start(),
    stores.leads.getState().start(),
    stores.leadTimeline.getState().start(),
    stores.changesChart.getState().start(),
    stores.meetingTypes.getState().start(),
    stores.instances.getState().start(),
    stores.instanceHistory.getState().start(),
    stores.channels.getState().start(),
    stores.leadDecisions.getState().start(),
    stores.outbox.getState().start(),
    stores.leadOutbox.getState().start(),
    stores.platform.getState().start(),
    stores.bookings.getState().start(),
    stores.notifications.getState().start(),
    // Events sent while the stream was down are gone: reload what they would have changed.
    api.onReconnect(() => {
      void stores.log.getState().reload();
      void stores.log.getState().loadPresentKinds();
      void stores.sync.getState().refresh();
      void stores.connection.getState().refresh();
      void stores.changesChart.getState().load();
      void stores.leadTimeline.getState().reload();
      if (stores.leads.getState().loaded) void stores.leads.getState().refresh();
      if (stores.meetingTypes.getState().loaded) void stores.meetingTypes.getState().load();
      if (stores.instances.getState().loaded) void stores.instances.getState().refresh();
      if (stores.channels.getState().loaded) void stores.channels.getState().load();
      void stores.outbox.getState().refreshStatus();
      if (stores.outbox.getState().loaded) void stores.outbox.getState().load();
      if (stores.platform.getState().status !== null) void stores.platform.getState().load();
      if (stores.bookings.getState().loaded) void stores.bookings.getState().refresh();
      const outboxLeadId = stores.leadOutbox.getState().leadId;
      if (outboxLeadId !== null) void stores.leadOutbox.getState().open(outboxLeadId);
      const { leadId } = stores.leadDecisions.getState();
      if (leadId !== null) void stores.leadDecisions.getState().open(leadId);
      const { instanceId } = stores.instanceHistory.getState();
      if (instanceId !== null) void stores.instanceHistory.getState().open(instanceId);
    }),
  ];
  void stores.appInfo.getState().load();
  return () => stops.forEach((stop) => stop());
}
