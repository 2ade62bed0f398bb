import { memo, type CSSProperties } from 'react';
import type { LogEntry } from '../../../src-preload/contract';
import { formatFullTime, formatLogTime } from '../../format/format-log-time';
import { logKindColor } from '../../format/log-kind-color';
import { summarizeDetails } from '../../format/summarize-details';
import classes from './activity-log.module.css';

export const LOG_ROW_HEIGHT = 32;

interface ActivityLogRowProps {
  entry: LogEntry;
  position: number;
  setSize: number;
  offset: number;
}

export const ActivityLogRow = memo(function ActivityLogRow({
  entry,
  position,
  setSize,
  offset,
}: ActivityLogRowProps) {
  const summary = summarizeDetails(entry.details);
  const color = logKindColor(entry.kind);
  const kindStyle = {
    '--kind-background': `var(--mantine-color-${color}-light)`,
    '--kind-color': `var(--mantine-color-${color}-light-color)`,
  } as CSSProperties;

  return (
    <div
      role="listitem"
      aria-posinset={position}
      aria-setsize={setSize}
      data-log-id={entry.id}
      data-striped={position % 2 === 0 || undefined}
      className={`${classes.grid} ${classes.row}`}
      style={{ height: LOG_ROW_HEIGHT, transform: `translateY(${offset}px)` }}
    >
      <span className={`${classes.cell} ${classes.time}`} title={formatFullTime(entry.time)}>
        {formatLogTime(entry.time)}
      </span>
      <span className={classes.cell}>
        <span className={classes.kind} style={kindStyle}>
          {entry.kind}
        </span>
      </span>
      <span
        className={entry.subject ? classes.cell : `${classes.cell} ${classes.dimmed}`}
        title={entry.subject ?? undefined}
      >
        {entry.subject ?? '—'}
      </span>
      <span className={`${classes.cell} ${classes.dimmed}`} title={summary || undefined}>
        {summary}
      </span>
    </div>
  );
});
