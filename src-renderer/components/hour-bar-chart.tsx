import { Button, Center, Group, Loader, Paper, Text, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { plural } from '../format/plural';
import type { HourCount } from '../stores/hour-buckets';
import type { UserError } from '../stores/user-error';
import { barTitle, hourLabel, hourTickIndexes, niceMax } from './chart-geometry';
import classes from './hour-bar-chart.module.css';

const WIDTH = 340;
const HEIGHT = 116;
const PLOT = { left: 26, right: 4, top: 8, bottom: 20 };
const PLOT_WIDTH = WIDTH - PLOT.left - PLOT.right;
const PLOT_HEIGHT = HEIGHT - PLOT.top - PLOT.bottom;
const BASELINE = PLOT.top + PLOT_HEIGHT;

export interface HourBarChartProps {
  title: string;
  /** One of what each bar counts: "change", "API call". */
  noun: string;
  /** 24 whole hours, oldest first; empty until loaded. */
  hours: readonly HourCount[];
  /** What will fill the chart, said while every hour is quiet. */
  emptyText: string;
  loading: boolean;
  error: UserError | null;
  onRetry(): void;
  /** More for a bar's tooltip than its count, when there is more to say. */
  detail?: (bucket: HourCount) => string | null;
}

/** A small bar chart of the last 24 hours in plain SVG, for the Sync & Log and Sync health screens. */
export function HourBarChart(props: HourBarChartProps) {
  const { title, noun, hours, emptyText, loading, error, onRetry, detail } = props;
  const summaryId = useId();
  const total = hours.reduce((sum, bucket) => sum + bucket.count, 0);
  const busiest = hours.reduce<HourCount | null>(
    (best, bucket) => (bucket.count > (best?.count ?? 0) ? bucket : best),
    null,
  );
  const top = niceMax(busiest?.count ?? 0);
  const slot = PLOT_WIDTH / Math.max(hours.length, 1);
  const ticks = new Set(hourTickIndexes(hours));
  const tooltip = (bucket: HourCount) =>
    [barTitle(bucket, noun), detail?.(bucket)].filter(Boolean).join('; ');

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${summaryId}-title`} w={380}>
      <Group justify="space-between" gap={4} mb={6}>
        <Text fw={600} id={`${summaryId}-title`}>
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          last 24 h · {plural(total, noun)}
        </Text>
      </Group>
      {error ? (
        <Center h={HEIGHT} style={{ flexDirection: 'column', gap: 6 }}>
          <Text size="xs" c="red.8" ta="center">
            Could not load the chart: {error.message}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={onRetry}>
            Try again
          </Button>
        </Center>
      ) : hours.length === 0 ? (
        <Center h={HEIGHT}>{loading && <Loader size="xs" aria-label="Loading the chart" />}</Center>
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width="100%"
          role="img"
          aria-label={title}
          aria-describedby={summaryId}
          className={classes.chart}
        >
          <line
            x1={PLOT.left}
            x2={WIDTH - PLOT.right}
            y1={PLOT.top}
            y2={PLOT.top}
            className={classes.grid}
          />
          <line
            x1={PLOT.left}
            x2={WIDTH - PLOT.right}
            y1={BASELINE}
            y2={BASELINE}
            className={classes.axis}
          />
          <text x={PLOT.left - 4} y={PLOT.top + 3} className={classes.yLabel}>
            {top.toLocaleString()}
          </text>
          <text x={PLOT.left - 4} y={BASELINE + 3} className={classes.yLabel}>
            0
          </text>
          {total === 0 && (
            <text
              x={PLOT.left + PLOT_WIDTH / 2}
              y={PLOT.top + PLOT_HEIGHT / 2}
              className={classes.empty}
            >
              {emptyText}
            </text>
          )}
          {hours.map((bucket, index) => {
            const x = PLOT.left + index * slot;
            const height = (bucket.count / top) * PLOT_HEIGHT;
            return (
              <g key={bucket.hour} className={classes.bar}>
                <title>{tooltip(bucket)}</title>
                {/* The whole column answers the pointer, so a one-count bar is easy to hover. */}
                <rect
                  x={x}
                  y={PLOT.top}
                  width={slot}
                  height={PLOT_HEIGHT}
                  className={classes.hit}
                />
                {bucket.count > 0 && (
                  <rect
                    x={x + slot * 0.15}
                    y={BASELINE - Math.max(height, 2)}
                    width={slot * 0.7}
                    height={Math.max(height, 2)}
                    rx={1.5}
                    className={classes.fill}
                  />
                )}
                {ticks.has(index) && (
                  <text x={x + slot / 2} y={HEIGHT - 5} className={classes.xLabel}>
                    {hourLabel(bucket.hour)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      )}
      <VisuallyHidden id={summaryId}>
        {total === 0
          ? `${emptyText}.`
          : `${plural(total, noun)} in the last 24 hours; the busiest hour was ${busiest ? tooltip(busiest) : ''}.`}
      </VisuallyHidden>
    </Paper>
  );
}
