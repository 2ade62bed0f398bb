import type { PlatformStatus } from '../../src-preload/contract';
import { until } from './poll-until';
import type { ContractCall } from './writeback-trials';

/**
 * Turns the webhook receiver on at `port` and waits until it listens: `platform:update`
 * answers at once, and the listener follows (as `platform:changed` tells the UI).
 */
export async function turnReceiverOn(call: ContractCall, port: number): Promise<void> {
  await call('platform:update', {
    receiver: { enabled: true, port, bindAddress: '127.0.0.1' },
  });
  const status = await until('the receiver to listen', async () => {
    const { receiver } = await call<PlatformStatus>('platform:status');
    return receiver.listening || receiver.error ? receiver : undefined;
  });
  if (!status.listening)
    throw new Error(`the receiver is not listening: ${JSON.stringify(status.error)}`);
}
