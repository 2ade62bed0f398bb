/**
 * The headless host: Leadbridge on plain Node, no Electron. Serves the built renderer and
 * the contract on 127.0.0.1, for always-on machines, scripting, and testing the real UI.
 */
import { fileURLToPath } from 'node:url';
import { version as appVersion } from '../package.json';
import { createStderrLogger } from './core/stderr-logger';
import { describeStartupFailure, runHeadless } from './headless/run-headless';
import { installLastResortHandlers } from './last-resort-handlers';

const logger = createStderrLogger('headless');
installLastResortHandlers(process, logger, () => process.exit(1));

try {
  const running = await runHeadless({
    argv: process.argv.slice(2),
    env: process.env,
    appVersion,
    rendererDirectory: fileURLToPath(new URL('../renderer', import.meta.url)),
    logger,
    defaultClientId: import.meta.env.MAIN_VITE_SALESFORCE_CLIENT_ID ?? '',
  });
  process.stdout.write(`UI: ${running.uiUrl}\n`);
  if (running.demoOrgUrl) {
    process.stdout.write(`Demo org: ${running.demoOrgUrl} (its page lets you edit leads)\n`);
  }
  if (running.demoSchedulerUrl) {
    process.stdout.write(
      `Demo scheduler: ${running.demoSchedulerUrl} (book a meeting as a prospect; wired to Leadbridge)\n`,
    );
  }
  const stop = () => void running.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const failure = describeStartupFailure(error);
  process.stderr.write(`${failure.text}\n`);
  process.exit(failure.exitCode);
}
