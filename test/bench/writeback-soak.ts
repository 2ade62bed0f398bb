// Soak: the suite's exactly-once crash trials, many more of them. Prints each round and the
// totals; exits 1 if any write was lost or doubled.
// Usage: npm run soak:writeback [-- --rounds N] [--kills N] [--leads N] [--seed S]
import { parseArgs } from 'node:util';
import { runCrashRounds } from '../support/writeback-crash-rounds';
import { printFigures } from './figure-table';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '40' },
    kills: { type: 'string', default: '5' },
    leads: { type: 'string', default: '12' },
    seed: { type: 'string', default: `writeback-soak-${Date.now()}` },
  },
});
const started = performance.now();
const rounds = await runCrashRounds({
  seed: values.seed,
  rounds: Number(values.rounds),
  killsPerRound: Number(values.kills),
  leadsPerRound: Number(values.leads),
  onRound: (round) =>
    process.stdout.write(
      `round ${round.round}: ${round.kills.length} kills, ${round.killsInFlight} with writes in flight, ${round.createsAppliedUnrecorded} creates applied but unrecorded, ${round.problems.length} problems\n`,
    ),
});
const problems = rounds.flatMap((round) => round.problems);
for (const problem of problems) process.stdout.write(`  ${problem}\n`);
printFigures(`Write-back soak, seed ${values.seed}`, [
  ['Trials (SIGKILLs mid-drain)', String(rounds.reduce((n, r) => n + r.kills.length, 0)), ''],
  ['  with writes in flight', String(rounds.reduce((n, r) => n + r.killsInFlight, 0)), ''],
  [
    '  Tasks/Events created but unrecorded at the kill',
    String(rounds.reduce((n, r) => n + r.createsAppliedUnrecorded, 0)),
    '',
  ],
  [
    'Leads booked (field writes, Task, Event each)',
    String(rounds.length * Number(values.leads)),
    '',
  ],
  ['Writes lost or doubled', String(problems.length), '0'],
  ['Time', `${((performance.now() - started) / 1000).toFixed(0)} s`, ''],
]);
process.exitCode = problems.length === 0 ? 0 : 1;
