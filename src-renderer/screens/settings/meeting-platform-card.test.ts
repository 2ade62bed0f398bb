import { describe, expect, it } from 'vitest';
import { createAppStores } from '../../stores/app-stores';
import { createFakeApiClient } from '../../test-support/fake-api-client';
import { createFakePlatformHost } from '../../test-support/fake-platform-host';
import { receivedEventFixture } from '../../test-support/platform-fixtures';
import {
  buttonsLabelled,
  isDisabled,
  renderMarkup,
  visibleText,
} from '../../test-support/render-markup';
import { MeetingPlatformCard } from './meeting-platform-card';

async function shown(host = createFakePlatformHost()) {
  const stores = createAppStores(createFakeApiClient(host.handlers).client);
  await stores.platform.getState().load();
  return { stores, host, text: () => visibleText(renderMarkup(stores, MeetingPlatformCard)) };
}

describe('Settings → Meeting platform', () => {
  it('shows where the receiver listens and each platform’s address while it listens', async () => {
    const { stores, text } = await shown();
    expect(text()).toContain('Off: nothing listens for webhooks.');
    await stores.platform
      .getState()
      .updateReceiver({ enabled: true, port: 8787, bindAddress: '127.0.0.1' });
    expect(text()).toContain('Listening at http://127.0.0.1:8787/hooks/');
    expect(text()).toContain('http://127.0.0.1:8787/hooks/timerex');
    expect(text()).toContain('http://127.0.0.1:8787/hooks/calendly');
  });

  it('says why the receiver is not listening', async () => {
    const host = createFakePlatformHost();
    host.state.status.receiver = {
      ...host.state.status.receiver,
      enabled: true,
      error: {
        code: 'PORT_IN_USE',
        message: 'Port 8787 is taken by another program: pick another.',
      },
    };
    const { text } = await shown(host);
    expect(text()).toContain('Not listening: Port 8787 is taken by another program: pick another.');
  });

  it('shows a generated secret once with a copy button, then only its last characters', async () => {
    const { stores, text } = await shown();
    expect(text()).toMatch(/Generic webhook secret.*Not set/);
    await stores.platform.getState().setSecret('outbound_secret');
    const html = renderMarkup(stores, MeetingPlatformCard);
    expect(visibleText(html)).toContain('lbgen_0123456789abcdef');
    expect(buttonsLabelled(html, 'Copy').length).toBeGreaterThan(0);
    expect(visibleText(html)).toContain('Set, ends in …cdef');

    stores.platform.getState().dismissGenerated();
    expect(text()).not.toContain('lbgen_0123456789abcdef');
    expect(text()).toContain('Set, ends in …cdef');
  });

  it('offers Generate only for Leadbridge’s own secrets, not the platforms’', async () => {
    const html = renderMarkup((await shown()).stores, MeetingPlatformCard);
    expect(buttonsLabelled(html, 'Generate')).toHaveLength(2);
    const rows = html.split('data-secret="').slice(1);
    const generates = rows.filter((row) => buttonsLabelled(row, 'Generate').length > 0);
    expect(generates.map((row) => row.slice(0, row.indexOf('"')))).toEqual([
      'generic_secret',
      'outbound_secret',
    ]);
    expect(isDisabled(buttonsLabelled(html, 'Set')[0])).toBe(true);
  });

  it('lists the recent received events with what became of them', async () => {
    const host = createFakePlatformHost({
      events: [
        receivedEventFixture(2, {
          state: 'failed',
          outcome: null,
          error: { code: 'NO_MEETING_TYPE', message: 'No meeting type uses this calendar.' },
        }),
        receivedEventFixture(1),
      ],
    });
    const { text } = await shown(host);
    expect(text()).toContain('No meeting type uses this calendar.');
    expect(text()).toContain('Instance booked');
    expect(text()).toContain('ada@example.com');
    expect(text()).not.toContain('NO_MEETING_TYPE');
  });
});
