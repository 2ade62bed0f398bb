import { describe, expect, it } from 'vitest';
import { describeAdminEntry } from './describe-admin-entry';

describe('entries about setting Leadbridge up, in sentences', () => {
  it('says which version started where, and how many database upgrades it applied', () => {
    expect(
      describeAdminEntry('app.started', {
        host: 'headless',
        version: '0.1.0',
        migrationsApplied: ['activity log', 'channels'],
      }),
    ).toBe('Version 0.1.0 · headless host · 2 database upgrades applied');
    expect(describeAdminEntry('app.started', { host: 'electron', version: '0.1.0' })).toBe(
      'Version 0.1.0 · desktop app',
    );
  });

  it('names the org signed in to and where', () => {
    expect(
      describeAdminEntry('connection.connected', {
        org: 'sandbox',
        instanceHost: 'acme.my.sf.com',
      }),
    ).toBe('Signed in to the sandbox at acme.my.sf.com');
    expect(
      describeAdminEntry('connection.started', { org: 'demo', loginHost: '127.0.0.1:4' }),
    ).toBe('Sign-in page of the demo org opened at 127.0.0.1:4');
  });

  it('says what live updates do, in whole seconds', () => {
    expect(
      describeAdminEntry('sync.streaming-started', {
        channel: '/data/LeadChangeEvent',
        replayFrom: -1,
        minSyncIntervalSeconds: 8.64,
      }),
    ).toBe(
      'Salesforce sends Lead changes as they happen; each starts a sync (at most one every 9 seconds)',
    );
  });

  it('names a meeting type, its hosts, what changed and what archiving stopped', () => {
    const facts = { meetingTypeId: 1, meetingType: 'Intro call', hosts: ['a@x.io', 'b@x.io'] };
    expect(describeAdminEntry('meeting-type.created', facts)).toBe(
      '“Intro call” · hosts a@x.io, b@x.io',
    );
    expect(describeAdminEntry('meeting-type.updated', { ...facts, changed: ['hosts'] })).toBe(
      '“Intro call” · hosts a@x.io, b@x.io · changed hosts',
    );
    expect(describeAdminEntry('meeting-type.archived', { ...facts, deactivated: 3 })).toBe(
      '“Intro call” · hosts a@x.io, b@x.io · 3 open instances deactivated',
    );
  });

  it('says a platform secret was set without showing it', () => {
    expect(
      describeAdminEntry('platform.secret-set', { name: 'timerex_token', generated: true }),
    ).toBe('Secret “timerex_token” generated');
  });

  it('has no sentence for other kinds', () => {
    expect(describeAdminEntry('sync.paused', {})).toBeNull();
  });
});
