import { Button, Center, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import { useLeadTimelineStore, useLogStore } from '../../stores/stores-context';
import { ActivityLogRow, LOG_ROW_HEIGHT } from './activity-log-row';
import classes from './activity-log.module.css';
import { useKeepScrollOnPrepend } from './use-keep-scroll-on-prepend';

/** Start fetching the next older page this many rows before the end comes into view. */
const PREFETCH_ROWS = 40;

export function ActivityLog() {
  const entries = useLogStore((state) => state.entries);
  const total = useLogStore((state) => state.total);
  const loading = useLogStore((state) => state.loading);
  const loadingOlder = useLogStore((state) => state.loadingOlder);
  const nextCursor = useLogStore((state) => state.nextCursor);
  const error = useLogStore((state) => state.error);
  const loadOlder = useLogStore((state) => state.loadOlder);
  const filtered = useLogStore((state) => state.kinds.length > 0);
  const search = useLogStore((state) => state.search);
  const openLead = useLeadTimelineStore((state) => state.open);
  const onOpenLead = useCallback((leadId: string) => void openLead(leadId), [openLead]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const hasFooter = entries.length > 0 && (loadingOlder || nextCursor === null);
  const virtualizer = useVirtualizer({
    count: entries.length + (hasFooter ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LOG_ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => entries[index]?.id ?? 'footer',
  });
  useKeepScrollOnPrepend(scrollRef, entries, LOG_ROW_HEIGHT);

  const items = virtualizer.getVirtualItems();
  const lastVisible = items.at(-1)?.index ?? -1;
  // After a failed page the user retries by hand; retrying on every scroll would hammer
  // a host that is already failing.
  const shouldLoadOlder =
    nextCursor !== null &&
    !loading &&
    !loadingOlder &&
    !error &&
    lastVisible >= entries.length - PREFETCH_ROWS;
  useEffect(() => {
    if (shouldLoadOlder) void loadOlder();
  }, [shouldLoadOlder, loadOlder]);

  return (
    <div style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
      <div aria-hidden className={`${classes.grid} ${classes.headings}`}>
        <span>Time</span>
        <span>What happened</span>
        <span>Subject</span>
        <span>Details</span>
      </div>
      <div
        ref={scrollRef}
        role="list"
        aria-label="Activity log"
        aria-busy={loading || loadingOlder}
        tabIndex={0}
        style={{
          flex: 1,
          minHeight: 0,
          overflowY: 'auto',
          scrollbarGutter: 'stable',
          position: 'relative',
          contain: 'strict',
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const entry = entries[item.index];
            if (!entry) {
              return (
                <Center
                  key={item.key}
                  h={LOG_ROW_HEIGHT}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  {loadingOlder ? (
                    <Loader size="xs" aria-label="Loading older entries" />
                  ) : (
                    <Text size="xs" c="dimmed">
                      Beginning of the log
                    </Text>
                  )}
                </Center>
              );
            }
            return (
              <ActivityLogRow
                key={item.key}
                entry={entry}
                position={item.index + 1}
                setSize={total}
                offset={item.start}
                onOpenLead={onOpenLead}
              />
            );
          })}
        </div>
        {entries.length === 0 && (
          <Center style={{ position: 'absolute', inset: 0 }}>
            {loading ? (
              <Loader size="sm" aria-label="Loading the log" />
            ) : (
              <Text size="sm" c="dimmed">
                {search !== ''
                  ? `No entries match “${search}”.`
                  : filtered
                    ? 'No entries of these kinds yet.'
                    : 'No activity yet.'}
              </Text>
            )}
          </Center>
        )}
      </div>
      {error && nextCursor !== null && !loading && (
        <Center py={4}>
          <Button size="compact-xs" variant="subtle" onClick={() => void loadOlder()}>
            Retry loading older entries
          </Button>
        </Center>
      )}
    </div>
  );
}
