import nx from '@nx/eslint-plugin';

/** Module boundaries: scope keeps web and server apart; type keeps the layers pointing one way. */
const depConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:core', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:core', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:schema', onlyDependOnLibsWithTags: ['type:domain', 'type:core', 'type:util', 'type:contracts'] },
  // Test helpers: the server's builds apps from domain libs; the web's renders pages with stores and UI.
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:core', 'type:schema', 'type:data-access', 'type:ui', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:data-access', 'type:ui', 'type:util', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:contracts'] },
];

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.angular', '**/.nx', '**/coverage', '**/test-results', '**/playwright-report', 'tmp/**', '**/*.cts', '**/webpack.config.js', 'jest.preset.js', 'tools/jest/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: true, allow: [], depConstraints }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules for server code: a forgotten await or a non-exhaustive switch is a bug there.
    files: ['apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts', 'libs/api/**/src/**/*.ts', 'libs/shared/**/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
