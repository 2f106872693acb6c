// `npm run lint`: ESLint's and typescript-eslint's recommended rules, three type-aware rules for
// promises (an unawaited promise loses its error; the whole type-aware run takes 13–80 s on 2 cores, by load), and
// Nx's module boundaries from the `scope:*` tags in each project.json.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import { createProjectGraphAsync } from '@nx/devkit';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The boundaries rule reads Nx's cached project graph and skips itself, with only a warning, when
// there is none (a fresh checkout, CI): so the graph is computed before any file is linted.
await createProjectGraphAsync({ exitOnError: false });

// apps → libs; libs → libs only; test-harness is a lib for tests; infra/tooling → apps and libs.
// An app is never importable (Nx forbids imports of application projects), so no app → app.
const production = [
  { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:test', onlyDependOnLibsWithTags: ['scope:shared', 'scope:test'] },
  { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:app', 'scope:shared', 'scope:test', 'scope:infra'] },
];
// Specs and test support (`testing/` folders) may also use test-harness.
const tests = production.map((rule) => ({ ...rule, onlyDependOnLibsWithTags: [...new Set([...rule.onlyDependOnLibsWithTags, 'scope:test'])] }));

const boundaries = (depConstraints, allow = []) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    {
      depConstraints,
      allow,
      // test-harness reads topics through kafka-port's types (erased at run time), and kafka-port's
      // contract suite uses test-harness's helpers: a cycle in the graph, none at run time.
      ignoredCircularDependencies: [['kafka-port', 'test-harness']],
    },
  ],
});
const testFiles = ['**/*.spec.ts', '**/*.dist-spec.ts', '**/*.sdk-spec.ts', '**/testing/**/*.ts', 'libs/kafka-port/src/contract/**/*.ts'];
// infra/stack has no import alias; the fault suite starts its private cluster and database.
const faultsAllow = ['^(\\.\\./)+stack/src/private-(cluster|postgres)$'];

export default tseslint.config(
  // examples/ are stand-alone consumers of the packed SDK, with their own package and tsconfig.
  { ignores: ['**/node_modules/**', '**/dist/**', '.local/**', '.nx/**', 'coverage/**', 'libs/contracts/src/generated/**', 'infra/*/target/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // `const { secret: _secret, ...rest }` and `_unused` parameters are deliberate.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      ...boundaries(production),
    },
  },
  // Specs read decoded JSON field by field; `any` there costs nothing a failing assertion would not show.
  { files: testFiles, rules: { ...boundaries(tests), '@typescript-eslint/no-explicit-any': 'off' } },
  // The bench starts the built apps and publishes fixtures the way the integration specs do.
  { files: ['apps/bench/**/*.ts'], rules: boundaries(tests) },
  { files: ['infra/faults/**/*.ts'], rules: boundaries(tests, faultsAllow) },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['eslint.config.mjs'], languageOptions: { globals: globals.node } },
);
