import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../src-preload/contract';
import { connectionView, signInProblem } from './connection-view';

const status = (
  state: ConnectionStatus['state'],
  problem: string | null = null,
): ConnectionStatus => ({
  state,
  message: '',
  problem,
  org: null,
  lastSuccessfulCallAt: null,
  token: null,
  cachedOrg: null,
  cacheReplaced: null,
});
const hostDown = { code: 'HOST_UNREACHABLE', message: 'Not answering.' };

describe('connection view', () => {
  it('waits for the first status, or says it is unavailable when the host failed', () => {
    expect(connectionView(null, null)).toBe('loading');
    expect(connectionView(null, hostDown)).toBe('unavailable');
  });

  it('keeps showing the last status known when a later refresh fails', () => {
    expect(connectionView(status('connected'), hostDown)).toBe('connected');
  });

  it('follows the host: a new sign-in during a reconnect shows as connecting', () => {
    expect(connectionView(status('reconnect-needed'), null)).toBe('reconnect-needed');
    expect(connectionView(status('connecting'), null)).toBe('connecting');
    expect(connectionView(status('restoring'), null)).toBe('restoring');
  });
});

describe('sign-in problem', () => {
  it('is the message of a refused sign-in', () => {
    const denied = 'You chose Deny, so Leadbridge is not connected. Click Connect when ready.';
    expect(signInProblem(status('disconnected', denied))).toBe(denied);
    expect(signInProblem(status('reconnect-needed', denied))).toBe(denied);
  });

  it('is nothing when no sign-in failed, or while one is under way', () => {
    expect(signInProblem(status('disconnected'))).toBeNull();
    expect(signInProblem(status('connecting', 'stale'))).toBeNull();
    expect(signInProblem(null)).toBeNull();
  });
});
