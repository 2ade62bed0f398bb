import { describe, expect, it } from 'vitest';
import type { AppNotification } from '../../src-preload/contract';
import { createAppStores } from '../stores/app-stores';
import { connectionStatus } from '../test-support/connection-status';
import { createFakeApiClient } from '../test-support/fake-api-client';
import { renderMarkup, visibleText } from '../test-support/render-markup';
import { NotificationStack } from './notification-stack';

const reconnect: AppNotification = {
  kind: 'reconnect-needed',
  title: 'Reconnect needed',
  body: 'Salesforce no longer accepts the sign-in. Open Connection and connect again.',
  route: 'connection',
};

const channelOff: AppNotification = {
  kind: 'channel-disabled',
  title: 'Channel “Hot leads” turned off',
  body: "Salesforce's Lead fields changed and this channel no longer fits them.",
  route: 'channels',
};

function window() {
  const fake = createFakeApiClient();
  const stores = createAppStores(fake.client);
  stores.notifications.getState().start();
  return {
    fake,
    stores,
    html: () => renderMarkup(stores, NotificationStack),
    text: () => visibleText(renderMarkup(stores, NotificationStack)),
  };
}

describe('the in-app notifications', () => {
  it('show nothing until the host raises one', () => {
    expect(window().text()).toBe('');
  });

  it('show a raised notification: what happened, what to do, and a link to its screen', () => {
    const shown = window();
    shown.fake.emit('notification:raised', reconnect);

    const html = shown.html();
    expect(html).toContain('aria-label="Notifications"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('href="#/connection"');
    expect(html).toContain('aria-label="Close “Reconnect needed”"');
    expect(shown.text()).toBe(`Reconnect needed ${reconnect.body} Open Connection`);
  });

  it('keep one of each: the same notification raised again replaces the first', () => {
    const shown = window();
    shown.fake.emit('notification:raised', reconnect);
    shown.fake.emit('notification:raised', channelOff);
    shown.fake.emit('notification:raised', reconnect);

    expect(shown.stores.notifications.getState().shown.map((n) => n.title)).toEqual([
      'Channel “Hot leads” turned off',
      'Reconnect needed',
    ]);
  });

  it('go when closed', () => {
    const shown = window();
    shown.fake.emit('notification:raised', channelOff);
    const [only] = shown.stores.notifications.getState().shown;

    shown.stores.notifications.getState().dismiss(only!.id);

    expect(shown.text()).toBe('');
  });

  it('drop "Reconnect needed" once connected again, and keep the others', () => {
    const shown = window();
    shown.fake.emit('notification:raised', reconnect);
    shown.fake.emit('notification:raised', channelOff);
    shown.fake.emit('connection:changed', connectionStatus('connecting'));
    expect(shown.text()).toContain('Reconnect needed');

    shown.fake.emit('connection:changed', connectionStatus('connected'));

    expect(shown.text()).not.toContain('Reconnect needed');
    expect(shown.text()).toContain('Channel “Hot leads” turned off');
  });
});
