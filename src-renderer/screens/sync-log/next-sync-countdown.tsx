import type { SyncStatus } from '../../../src-preload/contract';
import { useNow } from '../../components/use-now';
import { nextSyncText } from '../../format/format-countdown';

/** Its own component so only this line re-renders every second, not the whole card. */
export function NextSyncCountdown({ status }: { status: SyncStatus }) {
  const now = useNow(1000);
  return (
    <span data-testid="next-sync" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {nextSyncText(status, now)}
    </span>
  );
}
