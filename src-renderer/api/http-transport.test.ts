import { describe, expect, it } from 'vitest';
import { takeToken } from './http-transport';

/** Just enough of the browser's Location, History and Storage for takeToken. */
function browserTab(url: string, stored: Record<string, string> = {}) {
  const current = new URL(url);
  const items = new Map(Object.entries(stored));
  const location = {
    get hash() {
      return current.hash;
    },
    get pathname() {
      return current.pathname;
    },
    get search() {
      return current.search;
    },
  } as unknown as Location;
  const history = {
    replaceState(_data: unknown, _unused: string, next: string) {
      const resolved = new URL(next, current);
      current.pathname = resolved.pathname;
      current.search = resolved.search;
      current.hash = resolved.hash;
    },
  } as unknown as History;
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  } as unknown as Storage;
  return { location, history, storage, url: () => current.href, items };
}

describe('takeToken', () => {
  it('takes the token from the fragment, keeps it for the tab and removes it from the address', () => {
    const tab = browserTab('http://127.0.0.1:4000/?x=1#token=abc123');
    expect(takeToken(tab.location, tab.history, tab.storage)).toBe('abc123');
    expect(tab.url()).toBe('http://127.0.0.1:4000/?x=1');
    expect([...tab.items.values()]).toEqual(['abc123']);
  });

  it('after a reload (no fragment) uses the token kept for the tab', () => {
    const tab = browserTab('http://127.0.0.1:4000/#token=abc123');
    takeToken(tab.location, tab.history, tab.storage);
    const reloaded = browserTab('http://127.0.0.1:4000/#/sync', Object.fromEntries(tab.items));
    expect(takeToken(reloaded.location, reloaded.history, reloaded.storage)).toBe('abc123');
    expect(reloaded.url()).toBe('http://127.0.0.1:4000/#/sync');
  });

  it('a new token in the fragment replaces the kept one', () => {
    const tab = browserTab('http://127.0.0.1:4000/#token=new', { 'leadbridge.token': 'old' });
    expect(takeToken(tab.location, tab.history, tab.storage)).toBe('new');
    expect(tab.items.get('leadbridge.token')).toBe('new');
  });

  it('returns an empty token when there is none anywhere', () => {
    const tab = browserTab('http://127.0.0.1:4000/');
    expect(takeToken(tab.location, tab.history, tab.storage)).toBe('');
  });
});
