import { describe, expect, it } from 'vitest';
import type { ConnectionStatus, SyncStatus } from '../../../src-preload/contract';
import { syncStatusFixture } from '../../../test/support/sync-status-fixture';
import { SyncStatusBadge } from '../../app/sync-status-badge';
import { createAppStores } from '../../stores/app-stores';
import { createFakeApiClient } from '../../test-support/fake-api-client';
import { connectionStatus } from '../../test-support/connection-status';
import {
  buttonsLabelled,
  isDisabled,
  renderMarkup,
  visibleText,
} from '../../test-support/render-markup';
import { ChangesPerHourChart } from './changes-per-hour-chart';
import { SyncStatusCard } from './sync-status-card';

const soon = new Date(Date.now() + 4 * 60_000).toISOString();
const upToDate = syncStatusFixture({ message: 'Up to date with Salesforce.', nextSyncAt: soon });
const notConnected = syncStatusFixture({
  state: 'disconnected',
  message: 'Not connected to Salesforce. Open Connection to connect an org.',
});

/** The card and header badge as the window paints them, the host answering or not. */
function shown(sync: SyncStatus, connectionState: ConnectionStatus['state']) {
  const fake = createFakeApiClient();
  const stores = createAppStores(fake.client);
  stores.sync.setState({ status: sync });
  stores.connection.setState({ status: connectionStatus(connectionState) });
  stores.hostLink.getState().start();
  const card = () => renderMarkup(stores, SyncStatusCard);
  const badge = () => visibleText(renderMarkup(stores, SyncStatusBadge));
  return { fake, stores, card, badge };
}

describe('Sync card while the host does not answer', () => {
  it('stops claiming "Up to date" and a countdown, says the host is unreachable and disables the actions', () => {
    const window = shown(upToDate, 'connected');
    expect(visibleText(window.card())).toContain('Up to date');
    expect(visibleText(window.card())).toContain('Next sync in');
    expect(window.badge()).toBe('Up to date');

    window.fake.hostLink({ state: 'unreachable' });
    const text = visibleText(window.card());
    expect(text).not.toContain('Up to date');
    expect(text).not.toContain('Next sync in');
    expect(text).toContain('Leadbridge is not answering');
    expect(window.badge()).toBe('Unreachable');
    for (const label of ['Sync now', 'Reconcile now', 'Pause']) {
      expect(isDisabled(buttonsLabelled(window.card(), label)[0])).toBe(true);
    }
    expect(text).toContain('Available again once Leadbridge answers.');
  });

  it('claims the state again once the host is back', () => {
    const window = shown(upToDate, 'connected');
    window.fake.hostLink({ state: 'unreachable' });
    window.fake.hostLink({ state: 'open' });
    expect(visibleText(window.card())).toContain('Next sync in');
    expect(window.badge()).toBe('Up to date');
    expect(isDisabled(buttonsLabelled(window.card(), 'Sync now')[0])).toBe(false);
  });
});

describe('Sync card without a connected org', () => {
  it('disables Sync now, Reconcile now and Pause and says what they wait for', () => {
    const html = shown(notConnected, 'disconnected').card();
    for (const label of ['Sync now', 'Reconcile now', 'Pause']) {
      const button = buttonsLabelled(html, label)[0];
      expect(isDisabled(button)).toBe(true);
      expect(button).toContain('aria-describedby=');
    }
    expect(visibleText(html)).toContain('Available once a Salesforce org is connected.');
  });

  it('makes the host’s "Open Connection" a link to the Connection screen', () => {
    const html = shown(notConnected, 'disconnected').card();
    expect(html).toMatch(/<a [^>]*href="#\/connection"[^>]*>Open Connection<\/a>/);
  });

  it('says what its empty figures wait for instead of a dash', () => {
    const text = visibleText(shown(notConnected, 'disconnected').card());
    expect(text).toContain('Starts once an org is connected');
    expect(text).toContain('Not reconciled yet. Once an org is connected, Leadbridge compares');
    expect(text).toContain('Not measured yet Salesforce reports it at the first sync');
  });

  it('the empty changes chart says what will fill it', () => {
    const window = shown(notConnected, 'disconnected');
    const hours = Array.from({ length: 24 }, (_, index) => ({
      hour: new Date(Date.UTC(2025, 0, 1, index)).toISOString(),
      count: 0,
    }));
    window.stores.changesChart.setState({ hours });
    expect(visibleText(renderMarkup(window.stores, ChangesPerHourChart))).toContain(
      'Lead changes appear here once an org is connected',
    );
    window.stores.sync.setState({ status: upToDate });
    expect(visibleText(renderMarkup(window.stores, ChangesPerHourChart))).toContain(
      'No changes in the last 24 hours',
    );
  });

  it('keeps the actions enabled with no reason once connected', () => {
    const html = shown(upToDate, 'connected').card();
    expect(isDisabled(buttonsLabelled(html, 'Sync now')[0])).toBe(false);
    expect(isDisabled(buttonsLabelled(html, 'Pause')[0])).toBe(false);
    expect(html).not.toContain('sync-actions-reason');
  });
});

describe('Sync card saying what happens now', () => {
  it('over the API budget: "Paused" with no countdown beside it, whatever time the host last announced', () => {
    const overBudget = syncStatusFixture({
      state: 'paused',
      paused: false,
      message: 'Background sync is paused: the org has used 95% of today’s API allowance.',
      nextSyncAt: soon,
      apiUsage: { used: 95_000, max: 100_000, capPercent: 90, measuredAt: soon },
    });
    const window = shown(overBudget, 'connected');
    const text = visibleText(window.card());
    expect(window.badge()).toBe('Paused');
    expect(text).not.toContain('Next sync in');
    expect(text).toContain('Paused at the API cap');
  });

  it('a call asked again: says so in place of the progress, and the badge says "Retrying"', () => {
    const retrying = syncStatusFixture({
      state: 'syncing',
      message:
        'A call to Salesforce failed (HTTP 503). Leadbridge is asking again: attempt 2 of 3.',
      progress: { phase: 'import', pages: 2, records: 4000, estimatedTotal: 10_000 },
      retry: { attempt: 2, attempts: 3, failure: 'HTTP 503' },
    });
    const window = shown(retrying, 'connected');
    expect(visibleText(window.card())).toContain(
      'A call to Salesforce failed (HTTP 503). Leadbridge is asking again: attempt 2 of 3.',
    );
    expect(window.badge()).toBe('Retrying');
  });
});
