import { spawn } from 'node:child_process';

/**
 * The demo org in a child process, so this process's figures are Leadbridge's alone and the
 * org does not compete for its JS thread.
 */
export async function startOrgProcess(
  leads: number,
  seed: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src-main/demo-org/cli.ts',
      '--port',
      '0',
      '--leads',
      String(leads),
      '--seed',
      seed,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Salesforce emulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(() => reject(new Error('the demo org exited before it listened')));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
