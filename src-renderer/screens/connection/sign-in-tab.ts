/** The desktop app hands the sign-in page to the system browser itself. */
export function hostOpensSignInPage(): boolean {
  return window.leadbridge !== undefined;
}

/**
 * Opens an empty tab for the sign-in page. Must run in the click handler itself, before
 * any await: popup blockers allow `window.open` only there. Null when it was blocked.
 */
export function openPlaceholderTab(): Window | null {
  const tab = window.open('', '_blank');
  if (!tab) return null;
  // A page opened by us could otherwise navigate this app through `window.opener`.
  tab.opener = null;
  tab.document.title = 'Opening Salesforce…';
  tab.document.body.textContent = 'Opening the Salesforce sign-in page…';
  return tab;
}
