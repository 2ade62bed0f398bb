import { Anchor, Notification, Stack, Text } from '@mantine/core';
import type { NotificationKind } from '../../src-preload/contract';
import { useNotificationsStore } from '../stores/stores-context';
import { hashForRoute, routes } from './routes';

const colors: Record<NotificationKind, string> = {
  'reconnect-needed': 'red',
  'channel-disabled': 'orange',
  'writeback-failures': 'red',
};

/**
 * The host's notifications inside the window, in both hosts: in a browser nothing more
 * intrusive (no permission prompt), on the desktop beside the system notification. Each
 * stays until closed or followed, so one raised while nobody looked is still there.
 */
export function NotificationStack() {
  const shown = useNotificationsStore((state) => state.shown);
  const dismiss = useNotificationsStore((state) => state.dismiss);
  if (shown.length === 0) return null;
  return (
    <Stack
      component="section"
      aria-label="Notifications"
      gap="xs"
      pos="fixed"
      bottom={16}
      right={16}
      w={380}
      maw="calc(100vw - 32px)"
      style={{ zIndex: 300 }}
    >
      {shown.map((notification) => {
        const screen = routes.find((route) => route.path === notification.route)!.label;
        return (
          <Notification
            key={notification.id}
            color={colors[notification.kind]}
            title={notification.title}
            withBorder
            style={{ boxShadow: 'var(--mantine-shadow-md)' }}
            onClose={() => dismiss(notification.id)}
            closeButtonProps={{ 'aria-label': `Close “${notification.title}”` }}
          >
            <Text size="sm" c="dark.6">
              {notification.body}
            </Text>
            <Anchor
              href={hashForRoute(notification.route)}
              size="sm"
              fw={500}
              onClick={() => dismiss(notification.id)}
            >
              Open {screen}
            </Anchor>
          </Notification>
        );
      })}
    </Stack>
  );
}
