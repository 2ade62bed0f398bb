import { describe, expect, it } from 'vitest';
import { createAppStores } from '../stores/app-stores';
import { createFakeApiClient } from '../test-support/fake-api-client';
import { renderMarkup, visibleText } from '../test-support/render-markup';
import { HostLinkBanner } from './host-link-banner';

function window() {
  const fake = createFakeApiClient();
  const stores = createAppStores(fake.client);
  stores.hostLink.getState().start();
  return { fake, banner: () => renderMarkup(stores, HostLinkBanner) };
}

describe('the host link banner', () => {
  it('says plainly that Leadbridge is unreachable, that it keeps trying, and goes when the host is back', () => {
    const shown = window();
    expect(visibleText(shown.banner())).toBe('');

    shown.fake.hostLink({ state: 'unreachable' });
    const html = shown.banner();
    expect(html).toContain('role="alert"');
    expect(visibleText(html)).toContain('Leadbridge is not reachable');
    expect(visibleText(html)).toContain('Trying to reconnect…');

    shown.fake.hostLink({ state: 'open' });
    expect(visibleText(shown.banner())).toBe('');
  });

  it('tells a window a restarted host no longer accepts to open the address it printed', () => {
    const shown = window();
    shown.fake.hostLink({
      state: 'refused',
      error: { code: 'UNAUTHORIZED', message: 'This request needs the access token…' },
    });
    const text = visibleText(shown.banner());
    expect(text).toContain('Leadbridge no longer accepts this window');
    expect(text).toContain('Open the address it printed');
    expect(text).not.toContain('Trying to reconnect');
  });

  it('shows the host’s own words for any other refusal', () => {
    const shown = window();
    const message =
      'Leadbridge is open in too many tabs. Close the ones you do not need, then reload this one.';
    shown.fake.hostLink({ state: 'refused', error: { code: 'TOO_MANY_EVENT_STREAMS', message } });
    expect(visibleText(shown.banner())).toContain(message);
  });
});
