import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../src-preload/contract';
import { connectionView, NOT_CONNECTED_MESSAGE, signInProblem } from './connection-view';

const status = (state: ConnectionStatus['state'], message = ''): ConnectionStatus => ({
  state,
  message,
  org: null,
  apiUsage: null,
  lastSuccessfulCallAt: null,
  token: null,
});
const signIn = { authorizeUrl: 'https://login.salesforce.com/x', openIn: 'new-tab' as const };
const hostDown = { code: 'HOST_UNREACHABLE', message: 'Not answering.' };

describe('connection view', () => {
  it('waits for the first status, or says it is unavailable when the host failed', () => {
    expect(connectionView(null, null, null)).toBe('loading');
    expect(connectionView(null, null, hostDown)).toBe('unavailable');
  });

  it('keeps showing the last status known when a later refresh fails', () => {
    expect(connectionView(status('connected'), null, hostDown)).toBe('connected');
  });

  it('shows the wait for Salesforce once Connect again has opened a sign-in page', () => {
    expect(connectionView(status('reconnect-needed'), null, null)).toBe('reconnect-needed');
    expect(connectionView(status('reconnect-needed'), signIn, null)).toBe('connecting');
    expect(connectionView(status('connecting'), null, null)).toBe('connecting');
  });
});

describe('sign-in problem', () => {
  it('is the message of a refused sign-in', () => {
    const denied = 'You chose Deny, so Leadbridge is not connected. Click Connect when ready.';
    expect(signInProblem(status('disconnected', denied))).toBe(denied);
  });

  it('is nothing for the ordinary not-connected wording or another state', () => {
    expect(signInProblem(status('disconnected', NOT_CONNECTED_MESSAGE))).toBeNull();
    expect(signInProblem(status('connecting', 'Waiting for you…'))).toBeNull();
    expect(signInProblem(null)).toBeNull();
  });
});
