import { describe, expect, it } from 'vitest';
import { syncActionsBlock } from './sync-actions-block';

const open = { state: 'open' } as const;

describe('why the sync actions cannot work now', () => {
  it('says the saved sign-in is still being read while the session is restored', () => {
    expect(syncActionsBlock(open, 'restoring')).toBe(
      'Available once Leadbridge has read the saved Salesforce sign-in.',
    );
  });

  it('lets them work once connected, and waits for the status before saying anything', () => {
    expect(syncActionsBlock(open, 'connected')).toBeNull();
    expect(syncActionsBlock(open, null)).toBeNull();
  });
});
