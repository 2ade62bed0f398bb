import type { HostLink } from '../api/host-link';

export interface HostLinkNotice {
  title: string;
  message: string;
  /** Whether the window keeps trying by itself (so the person need not reload). */
  retrying: boolean;
}

/** What the window tells a person while its host does not answer it; null while it does. */
export function hostLinkNotice(link: HostLink): HostLinkNotice | null {
  switch (link.state) {
    case 'open':
      return null;
    case 'unreachable':
      return {
        title: 'Leadbridge is not reachable',
        message:
          'The Leadbridge host has stopped or is not answering, so this window cannot show what is happening now and nothing started here will run. Start Leadbridge again: this window reconnects by itself and reloads what changed.',
        retrying: true,
      };
    case 'refused':
      return link.error.code === 'UNAUTHORIZED'
        ? {
            title: 'Leadbridge no longer accepts this window',
            message:
              'Leadbridge was started again and has a new access token. Open the address it printed when it started (the line beginning “UI:”) to continue.',
            retrying: false,
          }
        : {
            title: 'Leadbridge turned this window away',
            message: link.error.message,
            retrying: true,
          };
  }
}
