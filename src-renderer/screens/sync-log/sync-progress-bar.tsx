import { Progress } from '@mantine/core';
import type { ProgressLook } from '../../format/format-sync-progress';

/** Determinate while importing a counted total; otherwise it only shows that work goes on. */
export function SyncProgressBar({ look }: { look: ProgressLook | null }) {
  const unknown = look === null || look.percent === null;
  return (
    <Progress
      value={look?.percent ?? 100}
      animated={unknown}
      striped={unknown}
      size="sm"
      aria-label="Sync progress"
      aria-valuetext={look?.label ?? 'Starting the sync'}
    />
  );
}
