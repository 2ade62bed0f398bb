// Mutation score per folder from the last `npm run test:mutation` (its JSON report), plus the
// surviving mutants, for test/mutation/README.md. Score = detected / (detected + undetected),
// as Stryker counts it: killed and timed-out mutants are detected; survivors and mutants no
// test reaches are not; ignored (static) mutants are left out.
import fs from 'node:fs';
import path from 'node:path';

const report = process.argv[2] ?? 'reports/mutation/mutation.json';
const { files } = JSON.parse(fs.readFileSync(report, 'utf8'));
const folders = new Map();
const survivors = [];
for (const [file, { mutants }] of Object.entries(files)) {
  const folder = path.dirname(file).replace(/^src-main\//, '');
  const counts = folders.get(folder) ?? { detected: 0, undetected: 0, ignored: 0 };
  for (const mutant of mutants) {
    if (mutant.status === 'Killed' || mutant.status === 'Timeout') counts.detected += 1;
    else if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
      counts.undetected += 1;
      survivors.push(
        `${file}:${mutant.location.start.line} ${mutant.mutatorName} ${mutant.status}: ${JSON.stringify(mutant.replacement ?? '')}`,
      );
    } else counts.ignored += 1;
  }
  folders.set(folder, counts);
}
for (const [folder, { detected, undetected, ignored }] of [...folders].sort()) {
  const score = ((100 * detected) / Math.max(1, detected + undetected)).toFixed(1);
  console.log(
    `${folder}: ${score} % (${detected} detected, ${undetected} undetected, ${ignored} ignored)`,
  );
}
if (process.argv.includes('--survivors')) console.log(survivors.join('\n'));
