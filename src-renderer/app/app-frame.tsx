import { AppShell, Center, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useEffect, type ComponentType } from 'react';
import { BookingsScreen } from '../screens/bookings/bookings-screen';
import { ChannelsScreen } from '../screens/channels/channels-screen';
import { ConnectionScreen } from '../screens/connection/connection-screen';
import { HealthScreen } from '../screens/health/health-screen';
import { LeadsScreen } from '../screens/leads/leads-screen';
import { MeetingsScreen } from '../screens/meetings/meetings-screen';
import { MappingScreen } from '../screens/mapping/mapping-screen';
import { OutboxScreen } from '../screens/outbox/outbox-screen';
import { SettingsScreen } from '../screens/settings/settings-screen';
import { SyncLogScreen } from '../screens/sync-log/sync-log-screen';
import { useConnectionStore } from '../stores/stores-context';
import { ConnectedUser } from './connected-user';
import { HostLinkBanner } from './host-link-banner';
import { NotificationStack } from './notification-stack';
import { ReconnectBanner } from './reconnect-banner';
import { hashForRoute, routeFromHash, routes, startRoute, type RoutePath } from './routes';
import { OutboxAttentionBadge } from './outbox-attention-badge';
import { SyncStatusBadge } from './sync-status-badge';
import { useHashRoute } from './use-hash-route';

const screens: Record<RoutePath, ComponentType> = {
  connection: ConnectionScreen,
  sync: SyncLogScreen,
  health: HealthScreen,
  leads: LeadsScreen,
  mapping: MappingScreen,
  channels: ChannelsScreen,
  meetings: MeetingsScreen,
  bookings: BookingsScreen,
  outbox: OutboxScreen,
  settings: SettingsScreen,
};

export function AppFrame() {
  const named = useHashRoute();
  const connection = useConnectionStore((state) => state.status?.state ?? null);
  const connectionUnread = useConnectionStore((state) => state.loadError !== null);
  const current = named ?? startRoute(connection, connectionUnread);
  const Screen = current === null ? null : screens[current];

  // The start screen is chosen once, then kept in the address: connecting must not move the
  // person away from the Connection screen they are watching.
  useEffect(() => {
    // Re-read: a click on the nav since this render named a screen, and that one wins.
    if (current !== null && routeFromHash(window.location.hash) === null) {
      window.location.replace(hashForRoute(current));
    }
  }, [current]);

  return (
    <AppShell header={{ height: 48 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap">
            <Title order={1} fz="lg" fw={700}>
              Leadbridge
            </Title>
            <Text size="xs" c="dimmed" visibleFrom="sm">
              Salesforce Lead sync
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ConnectedUser />
            <SyncStatusBadge />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label="Screens">
        {routes.map((route) => (
          <NavLink
            key={route.path}
            href={hashForRoute(route.path)}
            label={route.label}
            active={route.path === current}
            aria-current={route.path === current ? 'page' : undefined}
            variant="light"
            fw={route.path === current ? 600 : 400}
            rightSection={route.path === 'outbox' ? <OutboxAttentionBadge /> : undefined}
            style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <HostLinkBanner />
        {current !== 'connection' && <ReconnectBanner />}
        {Screen ? (
          <Screen />
        ) : (
          <Center h={200}>
            <Loader size="sm" aria-label="Opening Leadbridge" />
          </Center>
        )}
      </AppShell.Main>
      <NotificationStack />
    </AppShell>
  );
}
