import { describe, expect, it } from 'vitest';
import { hashForRoute, routeFromHash, routes, startRoute } from './routes';

describe('hash routes', () => {
  it('reads back every route it writes', () => {
    for (const route of routes) expect(routeFromHash(hashForRoute(route.path))).toBe(route.path);
  });

  it('names no screen for an empty, unknown or token fragment (the start screen is chosen then)', () => {
    expect(routeFromHash('')).toBeNull();
    expect(routeFromHash('#/nowhere')).toBeNull();
    expect(routeFromHash('#token=abc')).toBeNull();
  });

  it('opens on Connection until an org is connected, then on Sync & Log', () => {
    expect(startRoute('disconnected', false)).toBe('connection');
    expect(startRoute('connecting', false)).toBe('connection');
    expect(startRoute('reconnect-needed', false)).toBe('connection');
    expect(startRoute('connected', false)).toBe('sync');
  });

  it('waits for the connection before choosing, and opens Connection when it cannot be read', () => {
    expect(startRoute(null, false)).toBeNull();
    expect(startRoute(null, true)).toBe('connection');
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

  it('reaches Sync health from the nav, after the Outbox whose backlog it sums up', () => {
    const paths = routes.map((route) => route.path);
    expect(routeFromHash('#/health')).toBe('health');
    expect(paths.indexOf('health')).toBe(paths.indexOf('outbox') + 1);
  });
});
