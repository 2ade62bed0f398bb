/**
 * The path of a request target, always read as a path: `//evil.example/x` would otherwise
 * parse as another host, and a bare `//` not at all. Null for anything but origin-form.
 */
export function requestPath(target: string | undefined, port: number): URL | null {
  if (target === undefined || !target.startsWith('/')) return null;
  const base = `http://127.0.0.1:${port}`;
  return URL.canParse(`${base}${target}`) ? new URL(`${base}${target}`) : null;
}

/** A percent-decoded path (segment); null when its escapes are malformed (`%E0%A4%A`). */
export function decodePath(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}
