import { describe, expect, it } from 'vitest';
import { syncStatusFixture } from '../../../test/support/sync-status-fixture';
import { createAppStores } from '../../stores/app-stores';
import { createFakeApiClient } from '../../test-support/fake-api-client';
import { connectionStatus } from '../../test-support/connection-status';
import { renderMarkup, visibleText } from '../../test-support/render-markup';
import { ApiBudgetBar } from '../sync-log/api-budget-bar';
import { ConnectedCard } from './connected-card';

describe('Connected org card', () => {
  it('shows the API usage the Sync & Log screen shows: the sync status’s one figure', () => {
    const stores = createAppStores(createFakeApiClient().client);
    const usage = {
      used: 4_321,
      max: 100_000,
      capPercent: 90,
      measuredAt: new Date().toISOString(),
    };
    stores.sync.setState({ status: syncStatusFixture({ apiUsage: usage }) });
    const connected = connectionStatus('connected', 'Connected as Dana Demo.');
    const card = visibleText(renderMarkup(stores, () => ConnectedCard({ status: connected })));
    const syncScreen = visibleText(renderMarkup(stores, () => ApiBudgetBar({ usage })));
    expect(card).toContain('4,321 / 100,000 (4%)');
    expect(syncScreen).toContain('4,321 / 100,000 (4%)');
  });
});
