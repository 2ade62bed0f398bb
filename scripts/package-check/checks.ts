// What a release needs of the packed app, each as one check: pure functions over what the
// packing produced, so each can be shown failing on a broken input (test/unit/package-check).

export interface CheckResult {
  name: string;
  ok: boolean;
  /** On success what was found; on failure a sentence saying what is wrong. */
  detail: string;
}

function result(name: string, problems: string[], found: string): CheckResult {
  return problems.length === 0
    ? { name, ok: true, detail: found }
    : { name, ok: false, detail: problems.join(' ') };
}

/** `@mantine/core/styles.css` → `@mantine/core`; `jsforce/lib/x.js` → `jsforce`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * Bare package imports in source or bundle text, `createRequire(…)('x')` included (relative
 * and node: imports left out).
 */
export function importedPackages(source: string): Set<string> {
  const specifiers = source.matchAll(
    /(?:\bfrom\s*|\bimport\s*|\bimport\(\s*|\brequire\(\s*|\bcreateRequire\([^()]*\)\(\s*)["']([@\w][\w./@-]*)["']/g,
  );
  const packages = new Set<string>();
  for (const [, specifier] of specifiers) {
    if (specifier) packages.add(packageNameOf(specifier));
  }
  return packages;
}

/** Every file of the built app (out/) and its runtime resources must be in app.asar. */
export function checkAppFiles(asarFiles: ReadonlySet<string>, builtFiles: string[]): CheckResult {
  const missing = builtFiles.filter((file) => !asarFiles.has(file));
  return result(
    'app.asar holds the built app and resources',
    missing.length === 0
      ? []
      : [
          `app.asar lacks ${missing.length} built file(s), e.g. ${missing.slice(0, 3).join(', ')}: the files patterns in electron-builder.yml leave them out.`,
        ],
    `${builtFiles.length} files of out/main, out/preload, out/renderer and resources/`,
  );
}

/** Packages in app.asar's node_modules (top level and nested). */
export function packedPackages(asarFiles: Iterable<string>): Set<string> {
  const packages = new Set<string>();
  for (const file of asarFiles) {
    for (const match of file.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)) {
      if (match[1]) packages.add(match[1]);
    }
  }
  return packages;
}

/** Vite bundles the renderer's libraries into out/renderer: copies in node_modules are dead weight. */
export function checkNoRendererPackages(
  packed: ReadonlySet<string>,
  rendererOnly: ReadonlySet<string>,
): CheckResult {
  const found = [...rendererOnly].filter((name) => packed.has(name)).sort();
  return result(
    'app.asar holds no renderer-only package',
    found.length === 0
      ? []
      : [
          `app.asar holds ${found.join(', ')}, which only the renderer imports (Vite bundles them into out/renderer): move them to devDependencies.`,
        ],
    `none of ${rendererOnly.size} (${[...rendererOnly].sort().join(', ')})`,
  );
}

export interface NativeBinary {
  path: string;
  unpacked: boolean;
  /** Whether the file is on disk in app.asar.unpacked, where the loader reads it. */
  onDisk: boolean;
}

/** A .node file inside the archive cannot be loaded: it must be unpacked beside it. */
export function checkNativeBinariesUnpacked(
  binaries: NativeBinary[],
  required: string,
): CheckResult {
  const problems: string[] = [];
  const packed = binaries.filter((binary) => !binary.unpacked || !binary.onDisk);
  if (packed.length > 0) {
    problems.push(
      `${packed.map((binary) => binary.path).join(', ')} must be in app.asar.unpacked (asarUnpack in electron-builder.yml), not inside app.asar.`,
    );
  }
  if (!binaries.some((binary) => binary.path.endsWith(required) && binary.onDisk)) {
    problems.push(`The package has no unpacked ${required}: the app could not open its database.`);
  }
  return result(
    "better-sqlite3's binaries are unpacked",
    problems,
    `${binaries.length} .node file(s) in app.asar.unpacked, ${required} among them`,
  );
}

export type FuseSettings = Partial<Record<string, boolean>>;

/** Fuses as read from the packed executable against electron-builder.yml's electronFuses. */
export function checkFuses(configured: FuseSettings, packed: FuseSettings): CheckResult {
  const wrong = Object.entries(configured)
    .filter(([name, wanted]) => packed[name] !== wanted)
    .map(([name, wanted]) => `${name} is ${String(packed[name])} (wanted ${String(wanted)})`);
  return result(
    'fuses are flipped as electron-builder.yml says (read from the packed executable)',
    wrong.length === 0
      ? []
      : [`The packed executable's fuses differ from electronFuses: ${wrong.join('; ')}.`],
    Object.entries(configured)
      .map(([name, on]) => `${name}=${String(on)}`)
      .join(', '),
  );
}

export function checkProtocol(schemes: string[], scheme: string): CheckResult {
  return result(
    `protocol ${scheme}:// is configured`,
    schemes.includes(scheme)
      ? []
      : [
          `electron-builder.yml's protocols do not declare ${scheme}: sign-in's ${scheme}:// return would reach no app.`,
        ],
    `protocols: ${schemes.join(', ')}`,
  );
}

/** Reads the [Desktop Entry] group's keys (the file's first group). */
export function desktopEntryKeys(text: string): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (line.startsWith('[') && line !== '[Desktop Entry]') break;
    const equals = line.indexOf('=');
    if (equals > 0) {
      const key = line.slice(0, equals);
      keys.set(key, [...(keys.get(key) ?? []), line.slice(equals + 1)]);
    }
  }
  return keys;
}

export interface DesktopEntryFacts {
  target: string;
  text: string;
  /** Where the package installs it, e.g. /usr/share/applications/leadbridge.desktop. */
  installedAs: string;
}

/**
 * The entry must claim the scheme once (a duplicate MimeType key or value is an invalid
 * entry some desktops skip), pass the URL to the app (%U) and carry package.json's
 * desktopName as its file name and window class, so the desktop links window and entry.
 */
export function checkDesktopEntry(
  entry: DesktopEntryFacts,
  scheme: string,
  desktopName: string | undefined,
): CheckResult {
  const keys = desktopEntryKeys(entry.text);
  const problems: string[] = [];
  const mimeLines = keys.get('MimeType') ?? [];
  const claims = mimeLines
    .flatMap((line) => line.split(';'))
    .filter((type) => type === `x-scheme-handler/${scheme}`);
  if (mimeLines.length !== 1 || claims.length !== 1) {
    problems.push(
      `The ${entry.target} .desktop entry claims x-scheme-handler/${scheme} ${claims.length} time(s) in ${mimeLines.length} MimeType line(s), not once (electron-builder adds the protocols' schemes itself: drop linux.mimeTypes).`,
    );
  }
  const exec = keys.get('Exec')?.[0] ?? '';
  if (!exec.split(' ').includes('%U')) {
    problems.push(
      `The ${entry.target} .desktop entry's Exec (${exec}) lacks %U, so a ${scheme}:// link would not reach the app.`,
    );
  }
  const fileName = entry.installedAs.split('/').pop();
  if (!desktopName || fileName !== desktopName) {
    problems.push(
      `The ${entry.target} package installs ${fileName}, but package.json's desktopName is ${String(desktopName)}: set desktopName and linux.syncDesktopName so the window is linked to its entry.`,
    );
  }
  const windowClass = keys.get('StartupWMClass')?.[0];
  if (desktopName && windowClass !== desktopName.replace(/\.desktop$/, '')) {
    problems.push(
      `The ${entry.target} .desktop entry's StartupWMClass is ${String(windowClass)}, not desktopName's ${desktopName}.`,
    );
  }
  return result(
    `${entry.target} .desktop entry claims ${scheme}:// once, with %U, named after desktopName`,
    problems,
    `${entry.installedAs}: MimeType=${mimeLines.join('')}; Exec=${exec}`,
  );
}

export interface PackageMetadata {
  homepage?: unknown;
  description?: unknown;
  license?: unknown;
  author?: unknown;
}

/** What the deb/rpm control files and the installers show: a package lacking them aborts or looks anonymous. */
export function checkMetadata(metadata: PackageMetadata, maintainer: unknown): CheckResult {
  const author =
    typeof metadata.author === 'object' && metadata.author !== null
      ? (metadata.author as { name?: unknown; email?: unknown })
      : {};
  const missing = [
    ['homepage', metadata.homepage],
    ['description', metadata.description],
    ['license', metadata.license],
    ['author.name', author.name],
    ['author.email', author.email],
    ['linux.maintainer (electron-builder.yml)', maintainer],
  ]
    .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
    .map(([name]) => name);
  return result(
    'package metadata is complete',
    missing.length === 0
      ? []
      : [`The packed package.json or electron-builder.yml lacks ${missing.join(', ')}.`],
    `homepage ${String(metadata.homepage)}, author ${String(author.name)} <${String(author.email)}>, maintainer ${String(maintainer)}, license ${String(metadata.license)}`,
  );
}

/** electron-updater reads resources/app-update.yml: without it the app cannot find its updates. */
export function checkUpdateConfiguration(
  appUpdateYml: string | undefined,
  url: string,
): CheckResult {
  const problems: string[] = [];
  if (appUpdateYml === undefined) {
    problems.push('resources/app-update.yml is missing: set publish in electron-builder.yml.');
  } else if (!appUpdateYml.includes('provider: generic') || !appUpdateYml.includes(`url: ${url}`)) {
    problems.push(`resources/app-update.yml does not point at ${url}: ${appUpdateYml.trim()}`);
  }
  return result(
    'update feed is configured (app-update.yml)',
    problems,
    `generic provider at ${url}`,
  );
}
