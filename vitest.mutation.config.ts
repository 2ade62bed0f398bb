import path from 'node:path';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';
import QuickFirstSequencer from './test/mutation/quick-first-sequencer';

// Stryker runs the suite in a copy of the project (.stryker-tmp/sandbox-…), where the shared
// Salesforce fixtures beside the project are two directories further up.
const projectDirectory = import.meta.dirname.replace(/[\\/]\.stryker-tmp[\\/].*$/, '');
const salesforceFixtures =
  process.env.LEADBRIDGE_SALESFORCE_FIXTURES ??
  path.join(projectDirectory, '..', 'shared', 'fixtures', 'salesforce');

// The suite Stryker runs against each mutant: everything `npm run test:unit` runs, less the
// crash-recovery test, which drives a separately built host (a mutant in the sandbox's
// sources never reaches that build, and per-test coverage cannot see into the child process).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['**/node_modules/**', 'test/integration/sync/crash-recovery.test.ts'],
      env: { LEADBRIDGE_SALESFORCE_FIXTURES: salesforceFixtures },
      // One worker keeps its loaded modules from file to file: a fresh worker per file cost
      // about a second of imports each, and a mutant of the sync runs some twenty files.
      // Stryker switches mutants at run time, not by reloading modules; the tests start their
      // own orgs and cores (the files covering core/sync pass so, in one worker).
      isolate: false,
      sequence: { sequencer: QuickFirstSequencer },
    },
  }),
);
