import { describe, expect, it } from 'vitest';
import { createAppStores } from '../../stores/app-stores';
import { createFakeApiClient } from '../../test-support/fake-api-client';
import { connectionStatus } from '../../test-support/connection-status';
import { renderMarkup, visibleText } from '../../test-support/render-markup';
import { ConnectionScreen } from './connection-screen';

const disconnected = connectionStatus('disconnected', 'Not connected.');
const hostAway = { code: 'HOST_UNREACHABLE', message: 'The Leadbridge host is not answering.' };

describe('Connection screen while the host is away', () => {
  it('leaves the saying to the window’s banner instead of a second alert', () => {
    const fake = createFakeApiClient();
    const stores = createAppStores(fake.client);
    stores.hostLink.getState().start();
    stores.connection.setState({ status: disconnected, loadError: hostAway });
    expect(visibleText(renderMarkup(stores, ConnectionScreen))).toContain(
      'Could not refresh the connection details',
    );
    fake.hostLink({ state: 'unreachable' });
    expect(visibleText(renderMarkup(stores, ConnectionScreen))).not.toContain(
      'Could not refresh the connection details',
    );
  });
});
