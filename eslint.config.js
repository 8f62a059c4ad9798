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
