import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { PlatformSecretName, ReceiverSettings } from '../src-preload/contract';
import type { PlatformSecrets } from './core/platform/platform-secrets';
import type { PlatformService } from './core/platform/platform-service';
import {
  startDemoScheduler,
  type DemoSchedulerHandle,
  type LeadbridgeTarget,
} from './demo-scheduler';

/** The secrets Leadbridge and the demo scheduler share, under Leadbridge's names. */
const SHARED_SECRETS = {
  timerex_token: 'timerexToken',
  calendly_signing_key: 'calendlySigningKey',
  generic_secret: 'genericSecret',
  outbound_secret: 'outboundSecret',
} as const satisfies Record<PlatformSecretName, keyof LeadbridgeTarget>;

/**
 * `--demo`: the demo scheduler beside the demo org, wired to Leadbridge both ways, so a booking
 * made on its page arrives as a real webhook and an activated instance gets its attempts.
 * The receiver is turned on (on a free loopback port) unless it already is; each secret is
 * Leadbridge's own when set, else a generated one stored in Leadbridge; the outbound events go
 * to this launch's scheduler (its port changes every launch).
 */
export async function startDemoPlatform(platform: {
  service: PlatformService;
  secrets: PlatformSecrets;
}): Promise<DemoSchedulerHandle> {
  let receiver = platform.service.receiverSettings();
  if (!receiver.enabled) {
    receiver = { enabled: true, port: await freeLoopbackPort(), bindAddress: '127.0.0.1' };
    platform.service.update({ receiver });
  }
  const target: Partial<LeadbridgeTarget> = { hooksUrl: receiverUrl(receiver) };
  for (const name of Object.keys(SHARED_SECRETS) as PlatformSecretName[]) {
    let value = platform.secrets.current(name);
    if (!value) {
      value = randomBytes(24).toString('base64url');
      await platform.service.setSecret(name, value);
    }
    target[SHARED_SECRETS[name]] = value;
  }
  const scheduler = await startDemoScheduler({ leadbridge: target });
  platform.service.update({
    outbound: { enabled: true, url: `${scheduler.url}/platform/instance-events` },
  });
  return scheduler;
}

/** Where this machine reaches the receiver (a wildcard bind is reached on loopback). */
function receiverUrl(receiver: ReceiverSettings): string {
  const host = ['0.0.0.0', '::', 'localhost'].includes(receiver.bindAddress)
    ? '127.0.0.1'
    : receiver.bindAddress;
  return `http://${host.includes(':') ? `[${host}]` : host}:${receiver.port}`;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
