// The walls of the house (shared/DESIGN.md) are lint rules, so a wrong import fails CI.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** A module name (or relative path) matching any of these folder or package names. */
const naming = (...names) => `(^|/)(${names.join('|')})(/|$)`;

const electron = {
  regex: naming('electron'),
  message: 'This folder must run on plain Node: receive what you need as a port instead.',
};
const nodeModules = {
  regex: `^(node:.*|${builtinModules.filter((name) => !name.startsWith('_')).join('|')})$`,
  message: 'This code runs in the browser page: no Node modules.',
};

/**
 * Each wall: code in `files` may not load a module whose name matches one of `forbidden`,
 * whether by `import`, `export … from`, `import()` or `require()`. The test
 * test/unit/house-walls.test.ts names every entry and proves it fires.
 */
export const walls = [
  {
    files: ['src-main/core/**'],
    forbidden: [
      electron,
      {
        regex: naming(
          'electron',
          'web-host',
          'headless',
          'hooks-host',
          'demo-org',
          'demo-scheduler',
          'src-renderer',
        ),
        message: 'The core is host-free: hosts compose it, never the other way round.',
      },
    ],
  },
  {
    files: ['src-main/hooks-host/**'],
    forbidden: [
      electron,
      {
        regex: naming('electron', 'web-host', 'headless', 'demo-org', 'src-renderer'),
        message: 'The webhook receiver reaches the intake only: never the API, the UI or a host.',
      },
    ],
  },
  {
    files: ['src-main/demo-org/**'],
    forbidden: [
      electron,
      {
        regex: naming('core', 'electron', 'web-host', 'headless'),
        message: 'The demo org stands for a real org: it must not know the client.',
      },
    ],
  },
  {
    files: ['src-main/demo-scheduler/**'],
    forbidden: [
      electron,
      {
        regex: naming(
          'core',
          'demo-org',
          'electron',
          'web-host',
          'headless',
          'hooks-host',
          'src-preload',
        ),
        message:
          'The demo scheduler stands for a real meeting platform: it must not know the client.',
      },
    ],
  },
  {
    files: ['src-preload/contract.ts', 'src-preload/bridge-names.ts', 'src-preload/log-words.ts'],
    forbidden: [
      {
        regex: '^(?!(zod|\\./contract)$)',
        message:
          'The contract (and the bridge names and log kind words it shares) import only zod.',
      },
    ],
  },
  {
    files: ['src-renderer/**'],
    forbidden: [
      electron,
      nodeModules,
      {
        regex: `${naming('src-main')}|(^|/)src-preload(/(?!(contract|bridge-names|log-words)$)|$)`,
        message: 'The renderer talks to main only through the contract.',
      },
    ],
  },
];

const ipcMainOnlyInElectronFolder = {
  name: 'electron',
  importNames: ['ipcMain'],
  message: 'Only src-main/electron binds ipcMain (through its typed handler wrapper).',
};

/** The rules enforcing one wall: static imports and re-exports, then import() and require(). */
function wallRules(forbidden) {
  const selectors = forbidden.flatMap(({ regex, message }) => [
    { selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\/')}/]`, message },
    {
      selector: `CallExpression[callee.name='require'][arguments.0.value=/${regex.replaceAll('/', '\\/')}/]`,
      message,
    },
  ]);
  return {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map(({ regex, message }) => ({ regex, message })) },
    ],
    'no-restricted-syntax': ['error', ...selectors],
  };
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { paths: [ipcMainOnlyInElectronFolder] }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  { files: ['src-renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  ...walls.map(({ files, forbidden }) => ({ files, rules: wallRules(forbidden) })),
);
