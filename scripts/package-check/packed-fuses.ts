// The fuses electron-builder flipped, read back from the packed executable, named as
// electron-builder.yml's electronFuses names them.
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import type { FuseSettings } from './checks.ts';

const fuseNames: Record<string, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** electronFuses without its options that are not fuses (resetAdHocDarwinSignature). */
export function configuredFuses(electronFuses: object): FuseSettings {
  return Object.fromEntries(Object.entries(electronFuses).filter(([name]) => name in fuseNames));
}

export async function packedFuses(executable: string): Promise<FuseSettings> {
  const wire = (await getCurrentFuseWire(executable)) as unknown as Record<number, number>;
  const onByte = '1'.charCodeAt(0);
  return Object.fromEntries(
    Object.entries(fuseNames).map(([name, index]) => [name, wire[index] === onByte]),
  );
}
