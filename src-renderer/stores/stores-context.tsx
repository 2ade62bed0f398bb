import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppInfoState } from './app-info-store';
import type { AppStores } from './app-stores';
import type { BookingsState } from './bookings-store';
import type { ChangesChartState } from './changes-chart-store';
import type { ChannelEditorState } from './channel-editor-store';
import type { ChannelsState } from './channels-store';
import type { ConnectionStoreState } from './connection-store';
import type { HealthState } from './health-store';
import type { HostLinkState } from './host-link-store';
import type { LeadDecisionsState } from './lead-decisions-store';
import type { LeadOutboxState } from './lead-outbox-store';
import type { LeadTimelineState } from './lead-timeline-store';
import type { LeadsState } from './leads-store';
import type { InstanceHistoryState } from './instance-history-store';
import type { InstancesState } from './instances-store';
import type { LogState } from './log-store';
import type { MappingState } from './mapping-store';
import type { MeetingTypesState } from './meeting-types-store';
import type { NotificationsState } from './notifications-store';
import type { OutboxViewState } from './outbox-store';
import type { PlatformState } from './platform-store';
import type { SettingsStoreState } from './settings-store';
import type { SyncStoreState } from './sync-store';

const StoresContext = createContext<AppStores | null>(null);

export function StoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('StoresProvider is missing above this component.');
  return stores;
}

export function useSyncStore<T>(selector: (state: SyncStoreState) => T): T {
  return useStore(useStores().sync, selector);
}

export function useLogStore<T>(selector: (state: LogState) => T): T {
  return useStore(useStores().log, selector);
}

export function useAppInfoStore<T>(selector: (state: AppInfoState) => T): T {
  return useStore(useStores().appInfo, selector);
}

export function useConnectionStore<T>(selector: (state: ConnectionStoreState) => T): T {
  return useStore(useStores().connection, selector);
}

export function useHostLinkStore<T>(selector: (state: HostLinkState) => T): T {
  return useStore(useStores().hostLink, selector);
}

export function useSettingsStore<T>(selector: (state: SettingsStoreState) => T): T {
  return useStore(useStores().settings, selector);
}

export function useLeadsStore<T>(selector: (state: LeadsState) => T): T {
  return useStore(useStores().leads, selector);
}

export function useLeadTimelineStore<T>(selector: (state: LeadTimelineState) => T): T {
  return useStore(useStores().leadTimeline, selector);
}

export function useChangesChartStore<T>(selector: (state: ChangesChartState) => T): T {
  return useStore(useStores().changesChart, selector);
}

export function useMeetingTypesStore<T>(selector: (state: MeetingTypesState) => T): T {
  return useStore(useStores().meetingTypes, selector);
}

export function useInstancesStore<T>(selector: (state: InstancesState) => T): T {
  return useStore(useStores().instances, selector);
}

export function useInstanceHistoryStore<T>(selector: (state: InstanceHistoryState) => T): T {
  return useStore(useStores().instanceHistory, selector);
}

export function useChannelsStore<T>(selector: (state: ChannelsState) => T): T {
  return useStore(useStores().channels, selector);
}

export function useChannelEditorStore<T>(selector: (state: ChannelEditorState) => T): T {
  return useStore(useStores().channelEditor, selector);
}

export function useLeadDecisionsStore<T>(selector: (state: LeadDecisionsState) => T): T {
  return useStore(useStores().leadDecisions, selector);
}

export function useOutboxStore<T>(selector: (state: OutboxViewState) => T): T {
  return useStore(useStores().outbox, selector);
}

export function useLeadOutboxStore<T>(selector: (state: LeadOutboxState) => T): T {
  return useStore(useStores().leadOutbox, selector);
}

export function usePlatformStore<T>(selector: (state: PlatformState) => T): T {
  return useStore(useStores().platform, selector);
}

export function useBookingsStore<T>(selector: (state: BookingsState) => T): T {
  return useStore(useStores().bookings, selector);
}

export function useMappingStore<T>(selector: (state: MappingState) => T): T {
  return useStore(useStores().mapping, selector);
}

export function useNotificationsStore<T>(selector: (state: NotificationsState) => T): T {
  return useStore(useStores().notifications, selector);
}

export function useHealthStore<T>(selector: (state: HealthState) => T): T {
  return useStore(useStores().health, selector);
}
