import { describe, expect, it } from 'vitest';
import {
  checkAppFiles,
  checkDesktopEntry,
  checkFuses,
  checkMetadata,
  checkNativeBinariesUnpacked,
  checkNoRendererPackages,
  checkUpdateConfiguration,
  importedPackages,
  packedPackages,
} from '../../scripts/package-check/checks.ts';
import { electronMainExports } from '../../scripts/package-check/electron-stub.ts';

// The .desktop entry electron-builder 26 writes for the deb (read from a package:check run).
const generatedEntry = [
  '[Desktop Entry]',
  'Name=Leadbridge',
  'Exec=/opt/Leadbridge/leadbridge %U',
  'Terminal=false',
  'Type=Application',
  'Icon=leadbridge',
  'StartupWMClass=leadbridge',
  'Comment=Connects a Salesforce org to meeting automation.',
  'MimeType=x-scheme-handler/leadbridge;',
  'Categories=Office;',
  '',
].join('\n');
const installedAs = '/usr/share/applications/leadbridge.desktop';

function desktopEntryCheck(
  text: string,
  packageJson: { desktopName?: string } = { desktopName: 'leadbridge.desktop' },
) {
  return checkDesktopEntry(
    { target: 'deb', text, installedAs },
    'leadbridge',
    packageJson.desktopName,
  );
}

describe('package check: the .desktop entry', () => {
  it('passes the entry electron-builder generates from protocols and desktopName', () => {
    expect(desktopEntryCheck(generatedEntry)).toMatchObject({ ok: true });
  });

  it('fails when linux.mimeTypes repeats the scheme the protocols already add', () => {
    const duplicated = generatedEntry.replace(
      'MimeType=x-scheme-handler/leadbridge;',
      'MimeType=x-scheme-handler/leadbridge;x-scheme-handler/leadbridge;',
    );
    expect(desktopEntryCheck(duplicated)).toMatchObject({ ok: false });
    expect(desktopEntryCheck(duplicated).detail).toContain('2 time(s)');
  });

  it('fails when the entry does not claim the scheme', () => {
    const unclaimed = generatedEntry.replace('MimeType=x-scheme-handler/leadbridge;\n', '');
    expect(desktopEntryCheck(unclaimed)).toMatchObject({ ok: false });
  });

  it('fails when Exec passes no URL (%U) to the app', () => {
    const noUrl = generatedEntry.replace(' %U', '');
    expect(desktopEntryCheck(noUrl).detail).toContain('lacks %U');
  });

  it('fails when package.json has no desktopName to link the window to the entry', () => {
    expect(desktopEntryCheck(generatedEntry, {}).detail).toContain('desktopName');
  });

  it('reads only the [Desktop Entry] group, not the actions after it', () => {
    const withAction = `${generatedEntry}\n[Desktop Action New]\nExec=/opt/Leadbridge/leadbridge\n`;
    expect(desktopEntryCheck(withAction)).toMatchObject({ ok: true });
  });
});

describe('package check: app.asar contents', () => {
  it('fails naming the built files app.asar lacks', () => {
    const asar = new Set(['out/main/index.js', 'package.json']);
    const check = checkAppFiles(asar, ['out/main/index.js', 'out/renderer/index.html']);
    expect(check).toMatchObject({ ok: false });
    expect(check.detail).toContain('out/renderer/index.html');
  });

  it('finds packed packages, scoped and nested', () => {
    const packed = packedPackages([
      'node_modules/react/index.js',
      'node_modules/@mantine/core/package.json',
      'node_modules/jsforce/node_modules/undici/index.js',
    ]);
    expect([...packed].sort()).toEqual(['@mantine/core', 'jsforce', 'react', 'undici']);
  });

  it('fails when a package only the renderer imports is packed', () => {
    const check = checkNoRendererPackages(new Set(['zod', 'react']), new Set(['react', 'zustand']));
    expect(check).toMatchObject({ ok: false });
    expect(check.detail).toContain('react');
  });

  it('tells bare package imports from relative and built-in ones', () => {
    const source = [
      "import { MantineProvider } from '@mantine/core';",
      "import '@mantine/core/styles.css';",
      'import { a } from "./local";',
      "import fs from 'node:fs';",
      'const lazy = await import("jsforce/lib/http-api.js");',
      'const faye = createRequire(import.meta.url)("faye");',
    ].join('\n');
    expect([...importedPackages(source)].sort()).toEqual(['@mantine/core', 'faye', 'jsforce']);
  });

  it('fails when a .node binary stays inside app.asar', () => {
    const required = 'better-sqlite3/prebuilds/linux-x64.node';
    const inside = [{ path: `node_modules/${required}`, unpacked: false, onDisk: false }];
    const beside = [{ path: `node_modules/${required}`, unpacked: true, onDisk: true }];
    expect(checkNativeBinariesUnpacked(inside, required)).toMatchObject({ ok: false });
    expect(checkNativeBinariesUnpacked(beside, required)).toMatchObject({ ok: true });
  });
});

describe('package check: fuses, metadata and updates', () => {
  it('fails when a fuse read from the executable differs from electronFuses', () => {
    const check = checkFuses({ runAsNode: false }, { runAsNode: true });
    expect(check).toMatchObject({ ok: false });
    expect(check.detail).toContain('runAsNode is true (wanted false)');
  });

  it('fails naming each missing piece of package metadata', () => {
    const check = checkMetadata(
      { description: 'x', license: 'UNLICENSED', author: 'Leadbridge' },
      undefined,
    );
    expect(check).toMatchObject({ ok: false });
    expect(check.detail).toContain('homepage, author.name, author.email, linux.maintainer');
  });

  it('fails when the build wrote no app-update.yml for electron-updater', () => {
    const url = 'https://updates.example.invalid/leadbridge';
    expect(checkUpdateConfiguration(undefined, url)).toMatchObject({ ok: false });
    expect(
      checkUpdateConfiguration(`provider: generic\nurl: ${url}\nupdaterCacheDirName: x\n`, url),
    ).toMatchObject({ ok: true });
  });
});

describe("package check: the electron stub's exports", () => {
  it('names the main process and common exports from electron.d.ts', () => {
    const typeDefinitions = [
      'declare namespace Electron {',
      '  namespace Common {',
      '    const shell: Shell;',
      '    type Shell = Electron.Shell;',
      '  }',
      '  namespace Main {',
      '    const app: App;',
      '    class BrowserWindow extends Electron.BrowserWindow {}',
      '  }',
      '  namespace Renderer {',
      '    const ipcRenderer: IpcRenderer;',
      '  }',
      '}',
    ].join('\n');
    expect(electronMainExports(typeDefinitions)).toEqual(['BrowserWindow', 'app', 'shell']);
  });
});
