// `npm run demo-scheduler` alone: it prints its URL and what to paste into Leadbridge, serves
// its pages, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';

it('prints its URL, the secrets to paste and the outbound URL, serves its calendars and stops on SIGTERM', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src-main/demo-scheduler/cli.ts', '--timerex-token', 'given-token-1234'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Outbound URL')) resolve(/Demo scheduler: (\S+)/.exec(output)![1]!);
    });
    void exited.then(() => reject(new Error('the scheduler exited before it listened')));
  });
  expect(output).toContain('TimeRex token         given-token-1234');
  expect(output).toMatch(/Generic secret {8}\S{32}/);
  expect(output).toContain(`Outbound URL          ${url}/platform/instance-events`);
  expect(output).toContain(`booking page ${url}/book/7a1c9e05`);
  const home = await fetch(url);
  expect(home.status).toBe(200);
  expect(await home.text()).toContain('Intro call');
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
