// ESLint for the whole tree: typescript-eslint everywhere, and lit's, the web components'
// and lit-a11y's rules on the elements' templates. `npm run lint` runs it; `npm test` too.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['dist/', 'schema/', 'src/model/generated/', 'demo/examples/react/build/', 'bench/results/', 'screenshots/', 'node_modules/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` says "unused on purpose" (a destructured field left out, a callback's first argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    // Promises the elements and the sources start must be awaited or marked `void`: a lost
    // rejection is a failure nobody sees. These rules read the types, so they run on src/ only.
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // chai's assertions are property reads (`expect(x).to.exist`).
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // Node: the reference server, the build, bench and soak scripts, the package test, the test runner's config.
    files: [
      'demo/server/**/*.js',
      'scripts/**/*.mjs',
      'bench/*.mjs',
      'bench/lib/**/*.mjs',
      'bench/scenarios/**/*.mjs',
      'test/**/*.mjs',
      '*.js',
      '*.mjs',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Plain JavaScript checked by tsc through JSDoc: its type assertions need no TypeScript rules.
    files: ['**/*.js', '**/*.mjs', '**/*.jsx'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
