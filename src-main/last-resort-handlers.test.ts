import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createRecordingLogger } from '../test/support/silent-logger';
import { installLastResortHandlers } from './last-resort-handlers';

function setUp() {
  const target = new EventEmitter();
  const logger = createRecordingLogger();
  const onFatal = vi.fn();
  const uninstall = installLastResortHandlers(target, logger, onFatal);
  return { target, logger, onFatal, uninstall };
}

/** What undici throws when a socket closes under a body being read (jsforce's old crash). */
function droppedBody(): Error {
  const socketError = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
  return new TypeError('terminated', { cause: socketError });
}

describe('last-resort handlers of a host process', () => {
  it('log a connection dropped mid-body and keep the host running', () => {
    const { target, logger, onFatal } = setUp();
    target.emit('uncaughtException', droppedBody());
    target.emit('uncaughtException', Object.assign(new Error('read'), { code: 'ECONNRESET' }));
    expect(onFatal).not.toHaveBeenCalled();
    expect(JSON.stringify(logger)).toMatch(/uncaught connection error/);
  });

  it('log an unhandled rejection and keep the host running', () => {
    const { target, onFatal, logger } = setUp();
    target.emit('unhandledRejection', new Error('nobody waited for this'));
    expect(onFatal).not.toHaveBeenCalled();
    expect(JSON.stringify(logger)).toMatch(/unhandled promise rejection/);
  });

  it('hand any other uncaught exception to the host, which stops', () => {
    const { target, onFatal } = setUp();
    const bug = new RangeError('a bug');
    target.emit('uncaughtException', bug);
    expect(onFatal).toHaveBeenCalledWith(bug);
  });

  it('never log an error message, which may carry values', () => {
    const { target, logger } = setUp();
    target.emit('unhandledRejection', new Error('token=00Dxx!secret'));
    expect(JSON.stringify(logger)).not.toMatch(/secret/);
  });

  it('can be removed again', () => {
    const { target, uninstall } = setUp();
    uninstall();
    expect(target.listenerCount('uncaughtException')).toBe(0);
    expect(target.listenerCount('unhandledRejection')).toBe(0);
  });
});
