import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { LogEntry } from '../../../src-preload/contract';

/** How many entries now sit above the one that used to be first (entries are newest first). */
export function countAddedAbove(entries: readonly LogEntry[], previousFirstId: number): number {
  const index = entries.findIndex((entry) => entry.id === previousFirstId);
  return Math.max(index, 0);
}

/**
 * New entries go on top. A reader at the top sees them arrive; a reader scrolled down into
 * older entries keeps their place instead of having the rows slide away under them.
 */
export function useKeepScrollOnPrepend(
  scrollElement: RefObject<HTMLElement | null>,
  entries: LogEntry[],
  rowHeight: number,
): void {
  const previousFirstId = useRef<number | undefined>(undefined);

  useLayoutEffect(() => {
    const element = scrollElement.current;
    const firstId = entries[0]?.id;
    const before = previousFirstId.current;
    previousFirstId.current = firstId;
    if (!element || before === undefined || firstId === before || element.scrollTop === 0) return;
    element.scrollTop += countAddedAbove(entries, before) * rowHeight;
  }, [scrollElement, entries, rowHeight]);
}
