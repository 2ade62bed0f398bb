import { afterEach, describe, expect, it, vi } from 'vitest';
import { addMinutes, fromLocalInput, toLocalInput } from './local-date-time';

afterEach(() => vi.unstubAllEnvs());

describe('local date and time inputs', () => {
  it('reads back the instant it shows, in the computer’s time zone', () => {
    vi.stubEnv('TZ', 'America/New_York');
    const iso = '2026-12-01T15:00:00.000Z';
    expect(toLocalInput(iso)).toBe('2026-12-01T10:00');
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });

  it('has no instant while the input is empty or half typed', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2026-12-01')).toBeNull();
    expect(toLocalInput(null)).toBe('');
    expect(toLocalInput('not a date')).toBe('');
  });

  it('ends a meeting its duration after its start', () => {
    expect(addMinutes('2026-12-01T15:00:00.000Z', 45)).toBe('2026-12-01T15:45:00.000Z');
  });
});
