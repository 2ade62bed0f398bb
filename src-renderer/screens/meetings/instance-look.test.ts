import { describe, expect, it } from 'vitest';
import { instanceStatuses } from '../../../src-preload/contract';
import {
  adminActionLabel,
  causeText,
  emptyInstancesText,
  instanceStatusLook,
} from './instance-look';

describe('instance look', () => {
  it('gives every status its own label and colour', () => {
    const looks = instanceStatuses.map(instanceStatusLook);
    expect(new Set(looks.map((look) => look.label)).size).toBe(instanceStatuses.length);
    expect(new Set(looks.map((look) => look.color)).size).toBe(instanceStatuses.length);
    expect(instanceStatusLook('no_show').label).toBe('No-show');
  });

  it('says that activating a closed instance starts a new one', () => {
    expect(adminActionLabel('activated', true)).toBe('Activate');
    expect(adminActionLabel('activated', false)).toMatch(/new instance/);
    expect(adminActionLabel('no_show', true)).toBe('Mark no-show');
  });

  it('names the cause of a change', () => {
    expect(causeText({ kind: 'channel', id: '3', name: 'Working leads' })).toBe(
      'Channel “Working leads”',
    );
    expect(causeText({ kind: 'admin', id: null, name: null })).toBe('Admin');
    expect(causeText({ kind: 'platform', id: 'timerex', name: 'TimeRex' })).toBe('TimeRex');
    expect(causeText({ kind: 'system', id: null, name: null })).toBe('Leadbridge');
  });

  it('says how instances appear when there are none, and how to see them when filtered away', () => {
    expect(emptyInstancesText({ filtered: false, hasMeetingTypes: true })).toMatch(
      /Import channel matches a Lead.*Channels/,
    );
    expect(emptyInstancesText({ filtered: false, hasMeetingTypes: false })).toMatch(
      /Create a meeting type/,
    );
    expect(emptyInstancesText({ filtered: true, hasMeetingTypes: true })).toMatch(/Clear them/);
  });
});
