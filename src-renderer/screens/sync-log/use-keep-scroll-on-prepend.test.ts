import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src-preload/contract';
import { countAddedAbove } from './use-keep-scroll-on-prepend';

const log = (...ids: number[]): LogEntry[] =>
  ids.map((id) => ({ id, time: '2025-01-01T00:00:00Z', kind: 'app', subject: null, details: {} }));

describe('countAddedAbove', () => {
  it('counts the live entries put above the old first row', () => {
    expect(countAddedAbove(log(12, 11, 10, 9), 10)).toBe(2);
  });

  it('is zero when nothing was added or the old first row is gone (filter changed)', () => {
    expect(countAddedAbove(log(10, 9), 10)).toBe(0);
    expect(countAddedAbove(log(5, 4), 10)).toBe(0);
  });
});
