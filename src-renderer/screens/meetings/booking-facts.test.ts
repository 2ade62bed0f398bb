import { afterEach, describe, expect, it, vi } from 'vitest';
import { bookingFromForm, nextWholeHour, type BookingForm } from './booking-facts';

const form = (patch: Partial<BookingForm> = {}): BookingForm => ({
  start: '2026-12-01T15:00',
  endBy: 'duration',
  durationMinutes: 30,
  end: '',
  hostEmail: 'alex.host@leadbridge.demo',
  meetingUrl: '',
  ...patch,
});

afterEach(() => vi.unstubAllEnvs());

describe('booking facts', () => {
  it('ends the meeting its duration after the start, with no URL when none is given', () => {
    vi.stubEnv('TZ', 'UTC');
    expect(bookingFromForm(form())).toEqual({
      booking: {
        start: '2026-12-01T15:00:00.000Z',
        end: '2026-12-01T15:30:00.000Z',
        hostEmail: 'alex.host@leadbridge.demo',
        meetingUrl: null,
      },
      problem: null,
    });
  });

  it('takes an end time instead of a duration, and the URL trimmed', () => {
    vi.stubEnv('TZ', 'UTC');
    const { booking } = bookingFromForm(
      form({ endBy: 'end', end: '2026-12-01T16:15', meetingUrl: ' https://meet.example.com/x ' }),
    );
    expect(booking).toMatchObject({
      end: '2026-12-01T16:15:00.000Z',
      meetingUrl: 'https://meet.example.com/x',
    });
  });

  it('says what is missing or wrong before anything is sent', () => {
    expect(bookingFromForm(form({ start: '' })).problem).toBe('Give the meeting’s start.');
    expect(bookingFromForm(form({ durationMinutes: '' })).problem).toMatch(/how long/);
    expect(bookingFromForm(form({ endBy: 'end', end: '2026-12-01T14:00' })).problem).toBe(
      'The meeting must end after it starts.',
    );
    expect(bookingFromForm(form({ hostEmail: null })).problem).toBe('Choose the host.');
    expect(bookingFromForm(form({ meetingUrl: 'meet.example.com' })).problem).toMatch(/https/);
  });

  it('suggests the next whole hour', () => {
    vi.stubEnv('TZ', 'UTC');
    expect(nextWholeHour(Date.parse('2026-12-01T15:20:00Z')).toISOString()).toBe(
      '2026-12-01T16:00:00.000Z',
    );
  });
});
