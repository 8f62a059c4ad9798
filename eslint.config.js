// ESLint for the whole monorepo (run from the root by `pnpm lint`): typescript-eslint strict type-checked rules on
// every TypeScript file, React hook rules on the two UIs, plain recommended rules on the few .mjs scripts.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const uiFiles = ['apps/web/src/**/*.{ts,tsx}', 'apps/desktop/src/renderer/**/*.{ts,tsx}'];

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/out/',
    '**/dist-renderer/',
    '**/release/',
    '**/data/',
    '**/.bench/',
    '**/test-results/',
    '**/drizzle/',
  ]),

  // TEMPORARY (issue 13): the two UIs are being rewritten on other branches (tanstack-react-query, @mantine/form).
  // The lead removes this block after merging those rewrites and fixes what ESLint then finds there.
  // knip.json holds the same list under "ignore".
  globalIgnores(['apps/web/src/**/*', '!apps/web/src/server/', '!apps/web/src/server/**/*', 'apps/desktop/src/renderer/**/*']),

  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // money and counts are integers (STYLE: integer minor units) and print exactly; objects, nullish and
      // booleans in a template are still refused
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `onClose={() => setOpen(false)}` / `.on('x', () => stop())`: a shorthand arrow returning void is not confusing
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // same as tsc's noUnusedParameters, which the project already runs: a leading `_` marks an unused parameter
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // bad input gets a clear error, never a crash (STYLE rule 10): the guards on SQLite rows, JSON, sql<T> results
      // and config values check what the static type promises but the data at run time does not
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.e2e.ts', '**/e2e/**/*.ts', '**/test/**/*.ts', '**/*test-kit.ts', '**/test-kit/**/*.ts'],
    rules: {
      // tests index rows they have just asserted on (noUncheckedIndexedAccess, STYLE rule 9): a wrong `!` fails
      // the test at once, which is what a test is for
      '@typescript-eslint/no-non-null-assertion': 'off',
      // vitest's asymmetric matchers (expect.any, expect.stringMatching, expect.objectContaining) are typed `any`
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // TEMPORARY (issue 13, branch `lint`): rules with findings not fixed yet (117 in all; the count of each is in its
  // comment). Each is a real finding: fix them, delete the rule's line here, and the block when it is empty.
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off', // 21 outside tests: server seed data, drizzle `and(...)!`
      '@typescript-eslint/require-await': 'off', // 20: async gateway/handler stubs (desktop, server)
      '@typescript-eslint/no-unnecessary-type-conversion': 'off', // 18: Number()/String() around sql<T> results
      '@typescript-eslint/unbound-method': 'off', // 8: module methods passed on (desktop core)
      '@typescript-eslint/no-misused-spread': 'off', // 7: [...text] splitting on code points
      '@typescript-eslint/no-base-to-string': 'off', // 7: String(fetch input) in desktop sync tests (a Request prints badly)
      // serialport's mock binding typings do not resolve (printing/transports/serial*.ts) and neither does Electron's
      // `event.ports` in the preload: those values are typed as errors; type them by hand as scanners/test-devices.ts does
      '@typescript-eslint/no-unsafe-member-access': 'off', // 6
      '@typescript-eslint/no-unsafe-call': 'off', // 4
      '@typescript-eslint/no-unsafe-assignment': 'off', // 2 outside tests
      '@typescript-eslint/no-unsafe-argument': 'off', // 1
      '@typescript-eslint/no-redundant-type-constituents': 'off', // 6: `'win32' | … | string`, error-typed unions
      '@typescript-eslint/no-unsafe-unary-minus': 'off', // 5: minus on the branded Cents type (packages/shared)
      '@typescript-eslint/prefer-promise-reject-errors': 'off', // 4
      '@typescript-eslint/no-unnecessary-type-parameters': 'off', // 2
      '@typescript-eslint/no-unnecessary-type-assertion': 'off', // 2: queryRows' cast, the Fastify logger type in events.test.ts
      '@typescript-eslint/return-await': 'off', // 2: storefront.ts returns Fastify replies (thenables) inside try
      '@typescript-eslint/no-dynamic-delete': 'off', // 1
      'prefer-const': 'off', // 1
    },
  },
  {
    files: uiFiles,
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
