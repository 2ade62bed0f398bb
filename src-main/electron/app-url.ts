/**
 * Where the renderer lives: the built index.html (file://) or, under `electron-vite dev`,
 * the dev server. Both the IPC sender check and the navigation guard ask the same question
 * ("is this our own page?"), so they share this one answer.
 */
export type AppLocation = { kind: 'file'; url: string } | { kind: 'dev-server'; url: string };

export function appLocation(
  indexHtmlFileUrl: string,
  devServerUrl: string | undefined,
): AppLocation {
  return devServerUrl
    ? { kind: 'dev-server', url: devServerUrl }
    : { kind: 'file', url: indexHtmlFileUrl };
}

/** True when `url` is our renderer page; the hash and query may vary (client-side routes). */
export function isAppUrl(url: string, location: AppLocation): boolean {
  const actual = parse(url);
  const expected = parse(location.url);
  if (!actual || !expected) return false;
  if (location.kind === 'dev-server') {
    // An opaque origin ("null") never matches, even if both sides are opaque.
    return expected.origin !== 'null' && actual.origin === expected.origin;
  }
  return actual.protocol === 'file:' && actual.host === expected.host && samePath(actual, expected);
}

/**
 * Whether two file: URLs name the same file, as Chromium and Node write them. On Windows they
 * differ: Chromium upper-cases the drive letter (`file:///C:/…`) where Node's pathToFileURL
 * keeps what it was given (`file:///c:/…`, from a path started in lower case), and the two
 * escape different characters. Compared exactly, every IPC call answered UNTRUSTED_SENDER.
 */
function samePath(actual: URL, expected: URL): boolean {
  const canonical = (url: URL) => {
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return undefined; // a malformed escape names no file of ours
    }
    return path.replace(/^\/([a-z]):/, (_match, drive: string) => `/${drive.toUpperCase()}:`);
  };
  const path = canonical(actual);
  return path !== undefined && path === canonical(expected);
}

/** Our page opened on one of its screens (`#/connection`): the renderer routes by fragment. */
export function routeUrl(location: AppLocation, route: string): string {
  const url = new URL(location.url);
  url.hash = `/${route}`;
  return url.href;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
