import { MantineProvider } from '@mantine/core';
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { theme } from '../app/theme';
import type { AppStores } from '../stores/app-stores';
import { StoresProvider } from '../stores/stores-context';

/**
 * A component as the window would first paint it from the stores' state (effects do not run):
 * enough to check what a screen shows and offers, without a browser.
 */
export function renderMarkup(stores: AppStores, Component: ComponentType): string {
  // A server render reads a store's initial state (useSyncExternalStore's server snapshot):
  // point it at the current state, which is what the window would show.
  for (const store of Object.values(stores)) {
    Object.assign(store, { getInitialState: store.getState });
  }
  return renderToStaticMarkup(
    createElement(
      MantineProvider,
      { theme },
      createElement(StoresProvider, { stores, children: createElement(Component) }),
    ),
  );
}

/** The text a person reads, tags and Mantine's style blocks left out. */
export function visibleText(html: string): string {
  return (
    html
      .replace(/<style[^>]*>[\s\S]*?<\/style>/g, ' ')
      // A line-break opportunity is no space: "ada@<wbr/>example.com" reads as one word.
      .replace(/<wbr\s*\/?>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The opening tags of the buttons whose own text is `label` (disabled ones carry `disabled=""`). */
export function buttonsLabelled(html: string, label: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)) {
    if (visibleText(match[1] ?? '') === label)
      found.push(match[0].slice(0, match[0].indexOf('>') + 1));
  }
  return found;
}

export function isDisabled(buttonTag: string | undefined): boolean {
  if (buttonTag === undefined) throw new Error('No such button.');
  return /\sdisabled=""/.test(buttonTag);
}
