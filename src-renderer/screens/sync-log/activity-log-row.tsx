import { memo, type CSSProperties } from 'react';
import type { LogEntry } from '../../../src-preload/contract';
import { logKindLabel } from '../../../src-preload/log-words';
import { describeLogEntry } from '../../format/describe-log-entry';
import { formatFullTime, formatLogTime } from '../../format/format-log-time';
import { logKindColor } from '../../format/log-kind-color';
import classes from './activity-log.module.css';

export const LOG_ROW_HEIGHT = 32;

interface ActivityLogRowProps {
  entry: LogEntry;
  position: number;
  setSize: number;
  offset: number;
  onOpenLead(leadId: string): void;
}

export const ActivityLogRow = memo(function ActivityLogRow({
  entry,
  position,
  setSize,
  offset,
  onOpenLead,
}: ActivityLogRowProps) {
  const { subject, summary, leadId } = describeLogEntry(entry);
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
      data-kind={entry.kind}
      data-striped={position % 2 === 0 || undefined}
      data-clickable={leadId !== null || undefined}
      // The whole row is the target for the mouse; the button inside serves the keyboard.
      onClick={leadId === null ? undefined : () => onOpenLead(leadId)}
      className={`${classes.grid} ${classes.row}`}
      style={{ height: LOG_ROW_HEIGHT, transform: `translateY(${offset}px)` }}
    >
      <span className={`${classes.cell} ${classes.time}`} title={formatFullTime(entry.time)}>
        {formatLogTime(entry.time)}
      </span>
      <span className={classes.cell}>
        {/* The kind's name stays in reach for a search or a support question. */}
        <span className={classes.kind} style={kindStyle} title={entry.kind}>
          {logKindLabel(entry.kind)}
        </span>
      </span>
      {leadId !== null ? (
        <span className={classes.cell}>
          <button
            type="button"
            className={classes.leadLink}
            title={`${subject ?? leadId} · ${leadId} · open the timeline`}
            aria-haspopup="dialog"
          >
            {subject ?? leadId}
          </button>
        </span>
      ) : (
        <span
          className={subject ? classes.cell : `${classes.cell} ${classes.dimmed}`}
          title={subject ?? undefined}
        >
          {subject ?? '—'}
        </span>
      )}
      <span
        className={
          entry.kind === 'lead.changed' ? classes.cell : `${classes.cell} ${classes.dimmed}`
        }
        title={summary || undefined}
      >
        {summary}
      </span>
    </div>
  );
});
