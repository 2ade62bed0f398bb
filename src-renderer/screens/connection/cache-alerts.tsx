import { Alert, Text } from '@mantine/core';
import type { CachedOrg, CacheReplaced } from '../../../src-preload/contract';
import { useSyncStore } from '../../stores/stores-context';
import { cachedOrgWarning, cacheReplacedNotice } from './cache-notices';

/** Before a sign-in: whose Leads are cached, and that another org's sign-in replaces them. */
export function CachedOrgAlert({ cachedOrg }: { cachedOrg: CachedOrg }) {
  const cachedLeads = useSyncStore((state) => state.status?.cachedLeads ?? null);
  return (
    <Alert color="yellow" variant="light" title="Leads from one org are cached here">
      <Text size="sm">{cachedOrgWarning(cachedOrg, cachedLeads)}</Text>
    </Alert>
  );
}

/** After a sign-in to another org: what was deleted, and that the import runs. */
export function CacheReplacedAlert({ replaced }: { replaced: CacheReplaced }) {
  return (
    <Alert color="blue" variant="light" title="Cached Leads replaced">
      <Text size="sm">{cacheReplacedNotice(replaced)}</Text>
    </Alert>
  );
}
