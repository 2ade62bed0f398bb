import path from 'node:path';
import { AppError } from '../core/errors';
import { seedDemoBookingSettings, seedDemoExamples } from '../core/channels/demo-examples';
import { LEAD_STATUSES } from '../demo-org/field-catalog';
import { createLeadbridgeCore } from '../core/leadbridge-core';
import { systemClock, type Logger } from '../core/ports';
import { ExternalDemoOrg, InProcessDemoOrg } from '../demo-org-launchers';
import { startDemoPlatform } from '../demo-platform';
import { platformCalendarId, type DemoSchedulerHandle } from '../demo-scheduler';
import { startHooksHost } from '../hooks-host/hooks-host';
import { startWebHost } from '../web-host/web-host';
import { FileSecretStore } from './file-secret-store';
import { parseHeadlessOptions, usage, UsageError } from './headless-options';
import { JsonSettingsStore } from './json-settings-store';

export interface RunningHeadless {
  uiUrl: string;
  port: number;
  /** The demo org's address when it was started at launch (--demo). */
  demoOrgUrl: string | null;
  /** The demo scheduler's address (--demo): its booking pages reach Leadbridge as webhooks. */
  demoSchedulerUrl: string | null;
  stop(): Promise<void>;
}

export interface HeadlessEnvironment {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  appVersion: string;
  rendererDirectory: string;
  logger: Logger;
  defaultClientId: string;
}

const OAUTH_CALLBACK_PATH = '/oauth/callback';
const DEMO_ORG_LEADS = 1000;
/** An active User of the demo org: the example meeting type's host, owner of booked Leads. */
const DEMO_HOST_EMAIL = 'alex.host@leadbridge.demo';

/** Composes the core with the file-based stores and the web host. */
export async function runHeadless(environment: HeadlessEnvironment): Promise<RunningHeadless> {
  const options = parseHeadlessOptions(environment.argv, environment.env);
  // Known once the server listens (--port 0 picks one); needed only when a sign-in starts.
  let port = options.port;
  const demoOrg = options.demoOrgUrl
    ? new ExternalDemoOrg(options.demoOrgUrl)
    : new InProcessDemoOrg({
        // One file per org: a data file belongs to the org whose records it holds.
        dataFile: path.join(
          options.dataDirectory,
          options.demoOrgId ? `demo-org-${options.demoOrgId}.json` : 'demo-org.json',
        ),
        leads: DEMO_ORG_LEADS,
        orgId: options.demoOrgId ?? undefined,
      });
  const core = await createLeadbridgeCore({
    dataDirectory: options.dataDirectory,
    hostKind: 'headless',
    appVersion: environment.appVersion,
    settingsStore: new JsonSettingsStore(path.join(options.dataDirectory, 'settings.json')),
    secretStore: new FileSecretStore(
      path.join(options.dataDirectory, 'secrets.json'),
      options.secretsKeyFile,
    ),
    clock: systemClock,
    logger: environment.logger,
    defaultClientId: environment.defaultClientId,
    oauthRedirectUri: () => `http://localhost:${port}${OAUTH_CALLBACK_PATH}`,
    demoOrg,
  });
  let stopHooks = async () => {};
  let scheduler: DemoSchedulerHandle | null = null;
  try {
    if (options.demo) {
      scheduler = await startDemoPlatform(core.platform);
      const calendar = scheduler.calendars[0]!;
      seedDemoExamples(core, {
        hostEmail: DEMO_HOST_EMAIL,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
        leadStatuses: LEAD_STATUSES,
        calendar: { id: platformCalendarId(calendar), name: calendar.name },
      });
      seedDemoBookingSettings(core.bookingSettings, calendar.question.label);
    }
    // Its own listener, never the UI's port: off by default, on as Settings say.
    stopHooks = await startHooksHost(core.platform, environment.logger);
    const host = await startWebHost({
      handlers: core.handlers,
      events: core.events,
      logger: environment.logger,
      rendererDirectory: environment.rendererDirectory,
      port: options.port,
      token: options.token,
      oauthCallback: {
        path: OAUTH_CALLBACK_PATH,
        handle: (url) => core.connection.handleCallback(url),
      },
    });
    port = host.port;
    const demoOrgUrl = options.demo ? (await demoOrg.start()).url : null;
    return {
      uiUrl: host.uiUrl,
      port: host.port,
      demoOrgUrl,
      demoSchedulerUrl: scheduler?.url ?? null,
      stop: async () => {
        await scheduler?.close();
        await stopHooks();
        await host.close();
        await demoOrg.close();
        core.close();
      },
    };
  } catch (error) {
    await scheduler?.close();
    await stopHooks();
    await demoOrg.close();
    core.close();
    throw error;
  }
}

/** What the command line prints and returns when start-up fails: a code and what to do. */
export function describeStartupFailure(error: unknown): { exitCode: number; text: string } {
  if (error instanceof UsageError) return { exitCode: 2, text: `${error.message}\n\n${usage}` };
  if (error instanceof AppError) {
    return {
      exitCode: 1,
      text: `Leadbridge could not start [${error.code}]: ${error.message}`,
    };
  }
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return {
      exitCode: 1,
      text: 'Leadbridge could not start [PORT_IN_USE]: the port is taken. Pass --port N with a free port, or --port 0.',
    };
  }
  return { exitCode: 1, text: `Leadbridge could not start [INTERNAL]: ${String(error)}` };
}
