// A stand-in for Electron's Linux distribution (no Electron binary can be downloaded or run
// here): electron-builder copies the folder and renames `electron` to the app's executable.
// The stand-in holds a fuse wire like the real binary's, so the fuses electron-builder flips
// can be read back from the packed executable with @electron/fuses.
import fs from 'node:fs';
import path from 'node:path';
import { FuseV1Options } from '@electron/fuses';

/** @electron/fuses finds the wire right after this marker (its constants' SENTINEL). */
const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const fuseWireVersion = 1;

/** Electron's own defaults, so a fuse that reads back flipped was flipped by the packaging. */
const electronDefaults: Record<FuseV1Options, boolean> = {
  [FuseV1Options.RunAsNode]: true,
  [FuseV1Options.EnableCookieEncryption]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: true,
  [FuseV1Options.EnableNodeCliInspectArguments]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: false,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: true,
};

/** The wire: its version, its length, then one ASCII '1' (on) or '0' (off) per fuse. */
function fuseWire(): Buffer {
  const states = Object.values(electronDefaults).map((on) => (on ? '1' : '0'));
  return Buffer.concat([
    Buffer.from([fuseWireVersion, states.length]),
    Buffer.from(states.join(''), 'ascii'),
  ]);
}

/** Creates the folder electron-builder's `electronDist` points at, and returns its path. */
export function createStandInElectron(parent: string): string {
  const folder = path.join(parent, 'electron-dist');
  fs.mkdirSync(folder, { recursive: true });
  const script = Buffer.from(
    '#!/bin/sh\necho "A stand-in for Electron made by npm run package:check: it cannot run the app." >&2\nexit 1\n# ',
  );
  const executable = Buffer.concat([
    script,
    Buffer.from(fuseSentinel),
    fuseWire(),
    Buffer.from('\n'),
  ]);
  fs.writeFileSync(path.join(folder, 'electron'), executable, { mode: 0o755 });
  return folder;
}
