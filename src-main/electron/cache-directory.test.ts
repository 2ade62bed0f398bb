import { describe, expect, it } from 'vitest';
import { cacheDirectory } from './cache-directory';

describe('cacheDirectory', () => {
  it('keeps the cache in local app data on Windows, never in the roaming profile', () => {
    expect(
      cacheDirectory(
        'win32',
        {
          APPDATA: 'C:\\Users\\ada\\AppData\\Roaming',
          LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local',
        },
        'C:\\Users\\ada\\AppData\\Roaming\\Leadbridge',
      ),
    ).toBe('C:\\Users\\ada\\AppData\\Local\\Leadbridge');
  });

  it('falls back to userData on Windows without LOCALAPPDATA, and uses it on macOS and Linux', () => {
    const roaming = 'C:\\Users\\ada\\AppData\\Roaming\\Leadbridge';
    expect(cacheDirectory('win32', {}, roaming)).toBe(roaming);
    const local = { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' };
    expect(
      cacheDirectory('darwin', local, '/Users/ada/Library/Application Support/Leadbridge'),
    ).toBe('/Users/ada/Library/Application Support/Leadbridge');
    expect(cacheDirectory('linux', local, '/home/ada/.config/Leadbridge')).toBe(
      '/home/ada/.config/Leadbridge',
    );
  });
});
