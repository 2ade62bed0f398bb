import type { DemoOrgLauncher } from './core/salesforce/connection-service';
import type { DemoOrgHandle } from './demo-org';

export interface InProcessDemoOrgOptions {
  /** Where the demo org keeps its leads between launches (edits made on its page survive). */
  dataFile: string;
  leads: number;
  /** Start it as another org (its own org id and record ids) instead of the default demo org. */
  orgId?: string | undefined;
}

/**
 * "Try with a demo org": the emulator on a loopback port inside this process, started the
 * first time someone asks for it. The hosts own it; the core only sees a login URL.
 */
export class InProcessDemoOrg implements DemoOrgLauncher {
  #handle: Promise<DemoOrgHandle> | undefined;
  #url: string | undefined;

  constructor(private readonly options: InProcessDemoOrgOptions) {}

  start(): Promise<DemoOrgHandle> {
    // Loaded on first use: its SOQL parser alone takes longer to load than the rest of the
    // host takes to start, and most starts never open the demo org.
    this.#handle ??= import('./demo-org').then(({ startDemoOrg }) =>
      startDemoOrg({
        port: 0,
        leads: this.options.leads,
        seed: 'leadbridge-demo',
        dataFile: this.options.dataFile,
        ...(this.options.orgId ? { orgId: this.options.orgId } : {}),
      }),
    );
    return this.#handle;
  }

  async loginUrl(): Promise<string> {
    this.#url = (await this.start()).url;
    return this.#url;
  }

  runningAt(): string | undefined {
    return this.#url;
  }

  /** Whether a URL points at this demo org (its consent page may open in the system browser). */
  async owns(url: string): Promise<boolean> {
    if (!this.#handle) return false;
    try {
      return new URL(url).origin === new URL((await this.#handle).url).origin;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#handle) await (await this.#handle).close();
  }
}

/**
 * A demo org someone already runs (`npm run demo-org`), on loopback: it outlives Leadbridge,
 * so its leads and sessions survive restarts.
 */
export class ExternalDemoOrg implements DemoOrgLauncher {
  constructor(private readonly url: string) {}

  async loginUrl(): Promise<string> {
    return this.url;
  }

  runningAt(): string {
    return this.url;
  }

  async owns(url: string): Promise<boolean> {
    return URL.canParse(url) && new URL(url).origin === this.url;
  }

  async start(): Promise<{ url: string }> {
    return { url: this.url };
  }

  async close(): Promise<void> {}
}
