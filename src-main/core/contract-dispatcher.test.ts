import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../test/support/test-core';
import { createRecordingLogger } from '../../test/support/silent-logger';
import { dispatch, type Handlers } from './contract-dispatcher';
import { AppError } from './errors';

let core: Awaited<ReturnType<typeof createTestCore>>;
beforeAll(async () => {
  core = await createTestCore();
});
afterAll(() => core.dispose());

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return { ...core.handlers, ...overrides };
}

describe('dispatch', () => {
  it('parses input with the method schema and applies its defaults', async () => {
    const seen: unknown[] = [];
    const result = await dispatch(
      handlers({ 'log:list': (input) => (seen.push(input), core.handlers['log:list'](input)) }),
      'log:list',
      undefined,
      createRecordingLogger(),
    );
    expect(result.ok).toBe(true);
    expect(seen).toEqual([{ limit: 200 }]);
  });

  it('refuses unknown keys and wrong types with INVALID_INPUT naming the field', async () => {
    const logger = createRecordingLogger();
    const extra = await dispatch(handlers(), 'app:info', { sneaky: 1 }, logger);
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const wrong = await dispatch(handlers(), 'log:list', { kinds: ['Not A Kind'] }, logger);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!wrong.ok && wrong.error.message).toMatch(/kinds\.0/);
  });

  it('refuses a setting out of range or not whole with a sentence saying its range, and changes nothing (no clamp)', async () => {
    const before = core.handlers['settings:get']({});
    const refusals = [
      [{ apiBudgetPercent: 5 }, 'The API budget must be a whole percentage from 10 to 100.'],
      [{ syncIntervalMinutes: 1.5 }, 'The sync interval must be whole minutes from 1 to 60.'],
      [{ syncIntervalMinutes: '15' }, 'The sync interval must be whole minutes from 1 to 60.'],
      [
        { bulkImportThreshold: 999 },
        'The Bulk API import threshold must be a whole number of Leads from 1,000 to 100,000,000.',
      ],
    ] as const;
    for (const [input, sentence] of refusals) {
      const result = await dispatch(handlers(), 'settings:update', input, createRecordingLogger());
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(!result.ok && result.error.message).toContain(sentence);
    }
    expect(core.handlers['settings:get']({})).toEqual(before);
  });

  it('refuses names that are not methods, including inherited object keys', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      const result = await dispatch(handlers(), name, {}, createRecordingLogger());
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('passes an AppError through and hides the text of unexpected errors', async () => {
    const logger = createRecordingLogger();
    const known = await dispatch(
      handlers({
        'sync:now': () => {
          throw new AppError('NOT_CONNECTED', 'Connect first.');
        },
      }),
      'sync:now',
      {},
      logger,
    );
    expect(known).toEqual({
      ok: false,
      error: { code: 'NOT_CONNECTED', message: 'Connect first.' },
    });

    const leaked = await dispatch(
      handlers({
        'sync:now': () => {
          throw new Error('token=SECRET-VALUE');
        },
      }),
      'sync:now',
      {},
      logger,
    );
    expect(leaked).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(leaked)).not.toContain('SECRET-VALUE');
    expect(JSON.stringify(logger.lines)).not.toContain('SECRET-VALUE');
  });
});
