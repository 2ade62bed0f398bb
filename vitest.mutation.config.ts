import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// The suite Stryker runs against each mutant: everything `npm run test:unit` runs, less the
// crash-recovery test, which drives a separately built host (a mutant in the sandbox's
// sources never reaches that build, and per-test coverage cannot see into the child process).
export default mergeConfig(
  base,
  defineConfig({
    test: { exclude: ['**/node_modules/**', 'test/integration/sync/crash-recovery.test.ts'] },
  }),
);
