import { describe, expect, it } from 'vitest';
import { toUserError } from './user-error';

describe('toUserError', () => {
  it('keeps the code and message of an api error', () => {
    const error = Object.assign(new Error('Session expired. Reconnect.'), { code: 'AUTH_EXPIRED' });
    expect(toUserError(error)).toEqual({
      code: 'AUTH_EXPIRED',
      message: 'Session expired. Reconnect.',
    });
  });

  it('still shows an unexpected failure, with a code saying so', () => {
    expect(toUserError(new TypeError('x is undefined'))).toEqual({
      code: 'UNEXPECTED',
      message: 'x is undefined',
    });
    expect(toUserError('boom')).toEqual({ code: 'UNEXPECTED', message: 'boom' });
  });
});
