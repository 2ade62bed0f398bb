import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * With the environment variable `variable` naming a file, CPU-profiles this process from now
 * until the returned stop is awaited, into that file (open it in Chrome's DevTools).
 */
export async function startProfiler(variable: string): Promise<(() => Promise<void>) | undefined> {
  const file = process.env[variable];
  if (!file) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}
