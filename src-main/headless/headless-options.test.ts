import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDirectory } from '../../test/support/temp-directory';
import { DEFAULT_PORT, parseHeadlessOptions, UsageError } from './headless-options';

describe('parseHeadlessOptions', () => {
  it('uses the defaults and a fresh random token per launch', () => {
    const env = { XDG_DATA_HOME: '/data', XDG_CONFIG_HOME: '/config' };
    const a = parseHeadlessOptions([], env);
    const b = parseHeadlessOptions([], env);
    expect(a.port).toBe(DEFAULT_PORT);
    expect(a.dataDirectory).toBe(path.resolve('/data/leadbridge'));
    expect(a.secretsKeyFile).toBe(path.resolve('/config/leadbridge/secrets.key'));
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a.token).not.toBe(b.token);
  });

  it('takes --port, --data-dir and --token', () => {
    const options = parseHeadlessOptions(
      ['--port', '0', '--data-dir', '/tmp/x', '--token', 'abcdefghijklmnop'],
      {},
    );
    expect(options).toMatchObject({ port: 0, dataDirectory: '/tmp/x', token: 'abcdefghijklmnop' });
  });

  it('takes the token from $LEADBRIDGE_TOKEN or a --token-file, keeping it out of ps', () => {
    const temp = makeTempDirectory('lb-token-file');
    const file = path.join(temp.path, 'token');
    fs.writeFileSync(file, 'from-a-file-0123456789\n', { mode: 0o600 });
    const fromVariable = { LEADBRIDGE_TOKEN: 'from-the-environment-0123' };
    expect(parseHeadlessOptions([], fromVariable).token).toBe('from-the-environment-0123');
    expect(parseHeadlessOptions(['--token-file', file], fromVariable).token).toBe(
      'from-a-file-0123456789',
    );
    expect(() => parseHeadlessOptions(['--token-file', `${file}.missing`], {})).toThrow(
      /cannot read/,
    );
    expect(() =>
      parseHeadlessOptions(['--token-file', file, '--token', 'x'.repeat(16)], {}),
    ).toThrow(UsageError);
    expect(() => parseHeadlessOptions([], { LEADBRIDGE_TOKEN: 'short' })).toThrow(
      /LEADBRIDGE_TOKEN/,
    );
    temp.remove();
  });

  it('takes a loopback demo org address, and nothing else', () => {
    expect(parseHeadlessOptions(['--demo-org', 'http://127.0.0.1:5555/'], {}).demoOrgUrl).toBe(
      'http://127.0.0.1:5555',
    );
    for (const bad of ['https://127.0.0.1:5555', 'http://evil.example:5555', 'http://127.0.0.1']) {
      expect(() => parseHeadlessOptions(['--demo-org', bad], {})).toThrow(UsageError);
    }
  });

  it('runs the built-in demo org as another org when given its id, and only a real org id', () => {
    expect(parseHeadlessOptions([], {}).demoOrgId).toBeNull();
    expect(parseHeadlessOptions(['--demo-org-id', '00DdM00000vfgTu'], {}).demoOrgId).toBe(
      '00DdM00000vfgTuUAI',
    );
    for (const bad of ['00QdM00000vfgTuUAI', '00DdM00000vfgTuAAA', 'acme']) {
      expect(() => parseHeadlessOptions(['--demo-org-id', bad], {})).toThrow(UsageError);
    }
    expect(() =>
      parseHeadlessOptions(
        ['--demo-org', 'http://127.0.0.1:5555', '--demo-org-id', '00DdM00000vfgTuUAI'],
        {},
      ),
    ).toThrow(UsageError);
  });

  it.each([
    [['--port', 'eighty']],
    [['--port', '70000']],
    [['--token', 'short']],
    [['--token', 'has spaces in it, not allowed']],
    [['--unknown']],
    [['positional']],
  ])('refuses %j with a usage error', (argv) => {
    expect(() => parseHeadlessOptions(argv, {})).toThrow(UsageError);
  });
});
