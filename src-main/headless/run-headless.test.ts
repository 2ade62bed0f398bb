import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors';
import { UsageError } from './headless-options';
import { describeStartupFailure } from './run-headless';

describe('describeStartupFailure', () => {
  it('reports a failed database upgrade with its code and what to do', () => {
    const failure = describeStartupFailure(
      new AppError('MIGRATION_FAILED', 'Updating the local database failed. Nothing was changed.'),
    );
    expect(failure.exitCode).toBe(1);
    expect(failure.text).toBe(
      'Leadbridge could not start [MIGRATION_FAILED]: Updating the local database failed. Nothing was changed.',
    );
  });

  it('shows usage for a bad command line', () => {
    const failure = describeStartupFailure(new UsageError('--port must be a number'));
    expect(failure.exitCode).toBe(2);
    expect(failure.text).toContain('Usage: npm run serve');
  });

  it('says what to do when the port is taken', () => {
    const error = Object.assign(new Error('listen'), { code: 'EADDRINUSE' });
    expect(describeStartupFailure(error).text).toContain('[PORT_IN_USE]');
  });
});
