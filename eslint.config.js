// The walls of the house (shared/DESIGN.md) are lint rules, so a wrong import fails CI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ipcMainOnlyInElectronFolder = {
  name: 'electron',
  importNames: ['ipcMain'],
  message: 'Only src-main/electron binds ipcMain (through its typed handler wrapper).',
};
const noElectron = {
  name: 'electron',
  message: 'This folder must run on plain Node: receive what you need as a port instead.',
};
const nodeBuiltins = {
  group: ['node:*'],
  message: 'This code runs in the browser page: no Node modules.',
};

function restrict(paths, patterns = []) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      ...restrict([ipcMainOnlyInElectronFolder]),
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
    rules: restrict([]),
  },
  {
    files: ['src-main/core/**'],
    rules: restrict(
      [noElectron],
      [
        {
          group: ['**/electron/**', '**/web-host/**', '**/demo-org/**', '**/src-renderer/**'],
          message: 'The core is host-free: hosts compose it, never the other way round.',
        },
      ],
    ),
  },
  {
    files: ['src-main/demo-org/**'],
    rules: restrict(
      [noElectron],
      [
        {
          group: ['**/core/**', '**/core', '**/electron/**', '**/web-host/**'],
          message: 'The demo org stands for a real org: it must not know the client.',
        },
      ],
    ),
  },
  {
    files: ['src-preload/contract.ts'],
    rules: restrict(
      [noElectron],
      [nodeBuiltins, { group: ['../*', './*'], message: 'The contract imports only zod.' }],
    ),
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [noElectron],
      [
        nodeBuiltins,
        {
          group: ['**/src-main/**', '**/src-main'],
          message: 'The renderer talks to main only through the contract.',
        },
      ],
    ),
  },
);
