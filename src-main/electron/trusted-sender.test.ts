import { describe, expect, it } from 'vitest';
import { appLocation, isAppUrl } from './app-url';
import { isTrustedSender, type SenderFacts } from './trusted-sender';

const indexHtml = 'file:///opt/Leadbridge/resources/app.asar/out/renderer/index.html';
const built = appLocation(indexHtml, undefined);
const dev = appLocation(indexHtml, 'http://localhost:5173');
const windowId = 7;

function sender(
  url: string | null,
  options: { id?: number; subframe?: boolean } = {},
): SenderFacts {
  return {
    sender: { id: options.id ?? windowId },
    senderFrame: url === null ? null : { url, parent: options.subframe ? {} : null },
  };
}

describe('isTrustedSender', () => {
  const trusted = { webContentsId: windowId, location: built };

  it('accepts the main frame of our window showing our page, whatever its route', () => {
    expect(isTrustedSender(sender(indexHtml), trusted)).toBe(true);
    expect(isTrustedSender(sender(`${indexHtml}#/log?kind=sync`), trusted)).toBe(true);
  });

  it('rejects a frame showing any other page', () => {
    expect(isTrustedSender(sender('https://evil.example/index.html'), trusted)).toBe(false);
    expect(isTrustedSender(sender('file:///tmp/out/renderer/index.html'), trusted)).toBe(false);
    expect(isTrustedSender(sender('file:///opt/Leadbridge/other.html'), trusted)).toBe(false);
  });

  it('rejects a missing frame (navigated away or destroyed)', () => {
    expect(isTrustedSender(sender(null), trusted)).toBe(false);
  });

  it('rejects another webContents, even showing our page', () => {
    expect(isTrustedSender(sender(indexHtml, { id: 8 }), trusted)).toBe(false);
  });

  it('rejects everything while there is no window', () => {
    const noWindow = { webContentsId: undefined, location: built };
    expect(isTrustedSender(sender(indexHtml), noWindow)).toBe(false);
  });

  it('rejects a subframe of our page', () => {
    expect(isTrustedSender(sender(indexHtml, { subframe: true }), trusted)).toBe(false);
  });

  it('in development accepts the dev server origin only', () => {
    const devTrusted = { webContentsId: windowId, location: dev };
    expect(isTrustedSender(sender('http://localhost:5173/#/log'), devTrusted)).toBe(true);
    expect(isTrustedSender(sender('http://localhost:5174/'), devTrusted)).toBe(false);
    expect(isTrustedSender(sender(indexHtml), devTrusted)).toBe(false);
  });
});

describe('isAppUrl', () => {
  // Node's pathToFileURL of a path started in lower case, as the main process builds it.
  const windowsBuilt = appLocation(
    'file:///c:/Program%20Files/Leadbridge/resources/app.asar/out/renderer/index.html',
    undefined,
  );

  it('knows its page on Windows as Chromium reports it: the drive letter upper-cased, other escapes', () => {
    for (const reported of [
      'file:///C:/Program%20Files/Leadbridge/resources/app.asar/out/renderer/index.html',
      'file:///C:/Program Files/Leadbridge/resources/app.asar/out/renderer/index.html#/sync',
      'file:///c:/Program%20Files/Leadbridge/resources/app.asar/out/renderer/index.html?x=1',
    ])
      expect(isAppUrl(reported, windowsBuilt)).toBe(true);
    const accented = appLocation('file:///d:/Users/Andr%C3%A9/Leadbridge/index.html', undefined);
    expect(isAppUrl('file:///D:/Users/André/Leadbridge/index.html', accented)).toBe(true);
  });

  it('tells another file on Windows apart: another drive, folder or page, or a malformed escape', () => {
    for (const other of [
      'file:///D:/Program%20Files/Leadbridge/resources/app.asar/out/renderer/index.html',
      'file:///C:/Program%20Files/Other/resources/app.asar/out/renderer/index.html',
      'file:///C:/Program%20Files/Leadbridge/resources/app.asar/out/renderer/other.html',
      'file:///C:/Program%20Files/Leadbridge/resources/app.asar/out/renderer/index.html%',
      'file://server/C:/Program%20Files/Leadbridge/resources/app.asar/out/renderer/index.html',
    ])
      expect(isAppUrl(other, windowsBuilt)).toBe(false);
  });

  it('does not match unparsable or opaque URLs', () => {
    expect(isAppUrl('not a url', built)).toBe(false);
    expect(isAppUrl('data:text/html,hi', dev)).toBe(false);
    expect(isAppUrl('about:blank', built)).toBe(false);
  });
});
