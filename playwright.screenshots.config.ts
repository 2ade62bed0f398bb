import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The README's screenshots: a run of its own (`npm run screenshots`), not part of `npm test`,
// because it rewrites files in docs/ that are committed.
export default defineConfig({
  ...base,
  testDir: 'test/screenshots',
  timeout: 180_000,
});
