import { LabelledProgress } from '../../components/labelled-progress';
import type { ProgressLook } from '../../format/format-sync-progress';

/** Determinate while importing a counted total; otherwise it only shows that work goes on. */
export function SyncProgressBar({ look }: { look: ProgressLook | null }) {
  const unknown = look === null || look.percent === null;
  return (
    <LabelledProgress
      value={look?.percent ?? 100}
      animated={unknown}
      size="sm"
      label="Sync progress"
      valueText={look?.label ?? 'Starting the sync'}
    />
  );
}
