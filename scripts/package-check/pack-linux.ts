// Runs electron-builder as a release does for Linux (the deb and rpm targets, so their
// metadata checks and .desktop generation run), against the stand-in Electron. fpm, which
// would be downloaded to write the packages, is never started: electron-builder's own hook
// hands over each target's fpm arguments and generated .desktop file instead.
import fs from 'node:fs';
import path from 'node:path';
import { Arch, Platform, build, type Configuration } from 'electron-builder';

export interface LinuxTargetOutput {
  /** The .desktop file electron-builder generated for this package. */
  desktopEntry: string;
  /** The arguments electron-builder would have given fpm (name, maintainer, url...). */
  fpmArguments: string[];
}

export interface PackedLinuxApp {
  /** linux-unpacked: the executable, resources/app.asar and app.asar.unpacked. */
  appDirectory: string;
  executable: string;
  targets: Map<string, LinuxTargetOutput>;
}

const packageTargets = ['deb', 'rpm'];

function isFpmHandOver(value: unknown): value is [string[], string] {
  return (
    Array.isArray(value) &&
    Array.isArray(value[0]) &&
    typeof value[1] === 'string' &&
    value[1].endsWith('.desktop')
  );
}

function targetOf(fpmArguments: string[]): string {
  const packagePath = fpmArguments[fpmArguments.indexOf('--package') + 1] ?? '';
  return path.extname(packagePath).slice(1);
}

/** `overrides` is merged into electron-builder.yml's configuration (deeply, as electron-builder merges). */
export async function packLinux(
  projectDir: string,
  electronDist: string,
  outputDir: string,
  overrides: Configuration = {},
): Promise<PackedLinuxApp> {
  const targets = new Map<string, LinuxTargetOutput>();
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget(packageTargets, Arch.x64),
    publish: 'never',
    config: { ...overrides, electronDist, directories: { output: outputDir } },
    effectiveOptionComputed: async (handOver: unknown) => {
      if (!isFpmHandOver(handOver)) return false;
      const [fpmArguments, desktopFile] = handOver;
      targets.set(targetOf(fpmArguments), {
        fpmArguments,
        desktopEntry: fs.readFileSync(desktopFile, 'utf8'),
      });
      return true;
    },
  });
  const appDirectory = path.join(outputDir, 'linux-unpacked');
  // electron-builder names the Linux executable after package.json's name, lower-cased.
  const { name } = JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as {
    name: string;
  };
  return { appDirectory, executable: path.join(appDirectory, name.toLowerCase()), targets };
}
