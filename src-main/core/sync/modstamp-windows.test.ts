import { describe, expect, it } from 'vitest';
import { ModstampWindows } from './modstamp-windows';

const at = (iso: string) => Date.parse(iso);

describe('ModstampWindows', () => {
  it('asks for everything after the watermark until a query times out', () => {
    const windows = new ModstampWindows(at('2026-11-22T00:00:00.700Z'), at('2026-11-22T08:00:00Z'));
    expect(windows.condition()).toBe('SystemModstamp > 2026-11-22T00:00:00Z');
    expect(windows.advance()).toBe(false);
    expect(windows.widthSeconds()).toBeNull();
  });

  it('after timeouts, walks to now in windows whose edges meet, the last one open', () => {
    const windows = new ModstampWindows(at('2026-11-22T00:00:00Z'), at('2026-11-22T08:00:00Z'));
    expect(windows.narrow()).toBe(true);
    expect(windows.narrow()).toBe(true);
    expect(windows.widthSeconds()).toBe(2 * 3600);
    const asked = [windows.condition()];
    while (windows.advance()) asked.push(windows.condition());
    expect(asked).toEqual([
      'SystemModstamp > 2026-11-22T00:00:00Z AND SystemModstamp <= 2026-11-22T02:00:00Z',
      'SystemModstamp > 2026-11-22T02:00:00Z AND SystemModstamp <= 2026-11-22T04:00:00Z',
      'SystemModstamp > 2026-11-22T04:00:00Z AND SystemModstamp <= 2026-11-22T06:00:00Z',
      'SystemModstamp > 2026-11-22T06:00:00Z',
    ]);
  });

  it('stops narrowing below one second', () => {
    const windows = new ModstampWindows(at('2026-11-22T00:00:00Z'), at('2026-11-22T00:00:03Z'));
    expect(windows.narrow()).toBe(true);
    expect(windows.narrow()).toBe(false);
  });
});
