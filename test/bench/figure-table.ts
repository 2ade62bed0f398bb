/** A benchmark's figures, one a line: label, value with its unit, and the target if any. */
export function printFigures(
  header: string,
  rows: [label: string, value: string, target: string][],
) {
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write(`\n${header}\n`);
  for (const [label, value, target] of rows)
    process.stdout.write(
      `${label.padEnd(width)}  ${value}${target ? `   [target ${target}]` : ''}\n`,
    );
}
