import { useCallback, useState } from 'react';
import type { OrgKind } from '../../../src-preload/contract';
import { useConnectionStore } from '../../stores/stores-context';
import { hostOpensSignInPage, openPlaceholderTab } from './sign-in-tab';

/**
 * Starts a sign-in and gets its page in front of the user: the host opens it (desktop) or
 * a tab opened during the click is sent there (browser). `tabBlocked` says the browser
 * refused the tab, so the screen offers the link instead.
 */
export function useSignInLauncher() {
  const connect = useConnectionStore((state) => state.connect);
  const [tabBlocked, setTabBlocked] = useState(false);

  const start = useCallback(
    (org: OrgKind, myDomain?: string) => {
      const tab = hostOpensSignInPage() ? null : openPlaceholderTab();
      setTabBlocked(false);
      void connect(org, myDomain).then((page) => {
        if (page?.openIn === 'new-tab' && tab) {
          tab.location.href = page.authorizeUrl;
          return;
        }
        tab?.close();
        if (page?.openIn === 'new-tab') setTabBlocked(true);
      });
    },
    [connect],
  );

  return { start, tabBlocked };
}
