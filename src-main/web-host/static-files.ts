import fs from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { decodePath } from './request-path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Serves the built renderer; never a file outside its folder. Returns false when not found. */
export async function serveStaticFile(
  rootDirectory: string,
  urlPath: string,
  response: ServerResponse,
): Promise<boolean> {
  const relative = decodePath(urlPath === '/' ? '/index.html' : urlPath);
  if (relative === null) return false;
  const root = path.resolve(rootDirectory);
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(root + path.sep)) return false;
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    return false;
  }
  response.statusCode = 200;
  response.setHeader(
    'Content-Type',
    contentTypes[path.extname(file)] ?? 'application/octet-stream',
  );
  // Hashed asset names can be cached for good; index.html must always be fresh.
  response.setHeader(
    'Cache-Control',
    relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
  response.end(body);
  return true;
}
