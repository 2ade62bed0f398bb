import { Alert, Group, Loader, Text } from '@mantine/core';
import { useHostLinkStore } from '../stores/stores-context';
import { hostLinkNotice } from './host-link-notice';

/** On every screen while the host does not answer: what the window shows may be out of date. */
export function HostLinkBanner() {
  const link = useHostLinkStore((state) => state.link);
  const notice = hostLinkNotice(link);
  if (!notice) return null;
  return (
    <Alert color="red" variant="filled" mb="md" py="xs" title={notice.title} role="alert">
      <Text size="sm">{notice.message}</Text>
      {notice.retrying && (
        <Group gap={6} mt={4}>
          <Loader size={12} color="white" aria-hidden />
          <Text size="xs">Trying to reconnect…</Text>
        </Group>
      )}
    </Alert>
  );
}
