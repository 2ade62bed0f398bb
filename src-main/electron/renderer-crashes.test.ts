import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../test/support/fake-clock';
import { createRecordingLogger } from '../../test/support/silent-logger';
import { recoverFromRendererCrashes, type RendererCrashOptions } from './renderer-crashes';

function setUp() {
  const contents = Object.assign(new EventEmitter(), { reload: vi.fn() });
  const clock = new FakeClock();
  const logger = createRecordingLogger();
  const tellUser = vi.fn();
  recoverFromRendererCrashes({
    contents: contents as unknown as RendererCrashOptions['contents'],
    clock,
    logger,
    tellUser,
  });
  const gone = (reason: string, exitCode = 1) =>
    contents.emit('render-process-gone', {}, { reason, exitCode });
  return { contents, clock, logger, tellUser, gone };
}

describe('when the window’s page process dies', () => {
  it('logs why and reloads the page once', () => {
    const { contents, logger, tellUser, gone } = setUp();
    gone('crashed', 139);
    expect(contents.reload).toHaveBeenCalledTimes(1);
    expect(tellUser).not.toHaveBeenCalled();
    expect(logger.lines).toContainEqual({
      level: 'error',
      message: 'renderer process gone',
      facts: { reason: 'crashed', exitCode: 139, action: 'reloaded' },
    });
  });

  it('tells the user instead of reloading when it keeps dying', () => {
    const { contents, clock, tellUser, gone } = setUp();
    gone('oom');
    clock.advance(5_000);
    gone('oom');
    expect(contents.reload).toHaveBeenCalledTimes(1);
    expect(tellUser).toHaveBeenCalledWith('oom');
  });

  it('reloads again after a long healthy spell, and ignores a clean exit', () => {
    const { contents, clock, tellUser, gone } = setUp();
    gone('crashed');
    clock.advance(10 * 60_000);
    gone('killed');
    gone('clean-exit', 0);
    expect(contents.reload).toHaveBeenCalledTimes(2);
    expect(tellUser).not.toHaveBeenCalled();
  });
});
