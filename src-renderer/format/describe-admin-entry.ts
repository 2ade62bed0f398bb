import type { OrgKind } from '../../src-preload/contract';
import { plural } from './plural';

const ORG_WORDS: Record<OrgKind, string> = {
  production: 'production org',
  sandbox: 'sandbox',
  'my-domain': 'org (My Domain)',
  demo: 'demo org',
};

/**
 * The sentence of an entry about setting Leadbridge up (starting, signing in, live updates,
 * the meeting platform, meeting types); null for a kind without one.
 */
export function describeAdminEntry(kind: string, details: Record<string, unknown>): string | null {
  switch (kind) {
    case 'app.started': {
      const upgrades = texts(details.migrationsApplied).length;
      return [
        `Version ${text(details.version) ?? '?'}`,
        details.host === 'headless' ? 'headless host' : 'desktop app',
        upgrades > 0 ? `${plural(upgrades, 'database upgrade')} applied` : null,
      ]
        .filter((part) => part !== null)
        .join(' · ');
    }
    case 'connection.started':
      return `Sign-in page of the ${orgWords(details.org)} opened at ${text(details.loginHost) ?? '?'}`;
    case 'connection.connected':
      return `Signed in to the ${orgWords(details.org)} at ${text(details.instanceHost) ?? '?'}`;
    case 'sync.streaming-started': {
      const every = details.minSyncIntervalSeconds;
      return `Salesforce sends Lead changes as they happen; each starts a sync${
        typeof every === 'number'
          ? ` (at most one every ${plural(Math.ceil(every), 'second')})`
          : ''
      }`;
    }
    case 'meeting-type.created':
    case 'meeting-type.updated':
    case 'meeting-type.archived': {
      const hosts = texts(details.hosts);
      const changed = texts(details.changed);
      const stopped = typeof details.deactivated === 'number' ? details.deactivated : null;
      return [
        `“${text(details.meetingType) ?? '?'}”`,
        hosts.length > 0 ? `hosts ${hosts.join(', ')}` : null,
        changed.length > 0 ? `changed ${changed.join(', ')}` : null,
        stopped === null ? null : `${plural(stopped, 'open instance')} deactivated`,
      ]
        .filter((part) => part !== null)
        .join(' · ');
    }
    case 'platform.secret-set':
      return `Secret “${text(details.name) ?? '?'}” ${details.generated ? 'generated' : 'saved'}`;
    default:
      return null;
  }
}

function orgWords(org: unknown): string {
  return typeof org === 'string' && org in ORG_WORDS ? ORG_WORDS[org as OrgKind] : 'org';
}

function texts(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
