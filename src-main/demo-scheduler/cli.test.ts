// `npm run demo-scheduler` alone: it prints its URL and what to paste into Leadbridge, serves
// its pages, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { makeTempDirectory } from '../../test/support/temp-directory';

const temp = makeTempDirectory('lb-scheduler-cli');
afterAll(() => temp.remove());

/** Starts the CLI; resolves once it printed its set-up, with its URL and output. */
async function runCli(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src-main/demo-scheduler/cli.ts', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Outbound URL')) resolve(/Demo scheduler: (\S+)/.exec(output)![1]!);
    });
    void exited.then(() => reject(new Error(`the scheduler exited before it listened: ${errors}`)));
  });
  return { url, output, stop: () => (child.kill('SIGTERM'), exited) };
}

it('prints its URL, the secrets to paste and the outbound URL, serves its calendars and stops on SIGTERM', async () => {
  const cli = await runCli(['--timerex-token', 'given-token-1234']);
  expect(cli.output).toContain('TimeRex token         given-token-1234');
  expect(cli.output).toMatch(/Generic secret {8}\S{32}/);
  expect(cli.output).toContain(`Outbound URL          ${cli.url}/platform/instance-events`);
  expect(cli.output).toContain(`booking page ${cli.url}/book/7a1c9e05`);
  const home = await fetch(cli.url);
  expect(home.status).toBe(200);
  expect(await home.text()).toContain('Intro call');
  expect(await cli.stop()).toBe(0);
});

it('takes its calendars from a JSON file and offers as many working days as told', async () => {
  const file = path.join(temp.path, 'calendars.json');
  fs.writeFileSync(
    file,
    JSON.stringify([
      { id: 'ab12cd34', name: 'Onboarding', durationMinutes: 60, timeZone: 'Asia/Tokyo' },
    ]),
  );
  const cli = await runCli(['--calendars', file, '--booking-days', '20']);
  expect(cli.output).toContain('Onboarding  calendar id ab12cd34');
  const page = await (await fetch(`${cli.url}/book/ab12cd34`)).text();
  expect(page).toContain('60 minutes');
  expect(page).toContain('Asia/Tokyo');
  // 20 working days of 8 one-hour slots, less today's past ones.
  expect(page.match(/name="slot"/g)!.length).toBeGreaterThan(150);
  expect(await cli.stop()).toBe(0);
});
