import { HourBarChart } from '../../components/hour-bar-chart';
import { useChangesChartStore, useSyncStore } from '../../stores/stores-context';

export function ChangesPerHourChart() {
  const hours = useChangesChartStore((state) => state.hours);
  const loading = useChangesChartStore((state) => state.loading);
  const error = useChangesChartStore((state) => state.error);
  const load = useChangesChartStore((state) => state.load);
  const disconnected = useSyncStore((state) => state.status?.state === 'disconnected');
  return (
    <HourBarChart
      title="Changes per hour"
      noun="change"
      hours={hours}
      // An empty chart says what will fill it: before any org, nothing can.
      emptyText={
        disconnected
          ? 'Lead changes appear here once an org is connected'
          : 'No changes in the last 24 hours'
      }
      loading={loading}
      error={error}
      onRetry={() => void load()}
    />
  );
}
