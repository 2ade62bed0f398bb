import { describe, expect, it } from 'vitest';
import { hashForRoute, routeFromHash, routes } from './routes';

describe('hash routes', () => {
  it('reads back every route it writes', () => {
    for (const route of routes) expect(routeFromHash(hashForRoute(route.path))).toBe(route.path);
  });

  it('falls back to Sync & Log for an empty, unknown or token fragment', () => {
    expect(routeFromHash('')).toBe('sync');
    expect(routeFromHash('#/nowhere')).toBe('sync');
    expect(routeFromHash('#token=abc')).toBe('sync');
  });

  it('lists Leads between Sync & Log and Mapping', () => {
    const paths = routes.map((route) => route.path);
    expect(paths.indexOf('leads')).toBe(paths.indexOf('sync') + 1);
    expect(paths.indexOf('mapping')).toBe(paths.indexOf('leads') + 1);
  });

  it('ignores anything after the screen name', () => {
    expect(routeFromHash('#/settings/advanced')).toBe('settings');
  });

  it('reaches Bookings and the Outbox from the nav, after Meetings', () => {
    const paths = routes.map((route) => route.path);
    expect(routeFromHash('#/bookings')).toBe('bookings');
    expect(routeFromHash('#/outbox')).toBe('outbox');
    expect(paths.indexOf('bookings')).toBe(paths.indexOf('meetings') + 1);
    expect(paths.indexOf('outbox')).toBe(paths.indexOf('bookings') + 1);
  });
});
