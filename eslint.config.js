// Lint rules that catch real mistakes; formatting is left to editors.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.svelte-kit/**', '**/generated/**', 'data/**', '**/*.svelte'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration in config.ts only.' }],
    },
  },
  {
    // The config module, tests, scripts and benches may read the environment.
    files: ['**/config.ts', '**/*.test.ts', '**/test/**', 'e2e/**', '**/scripts/**', 'bench/**', 'load-tests/**', '**/prisma.config.ts', '**/*.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['packages/engine/src/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'Date', message: 'The engine takes time as an argument.' }, { name: 'process', message: 'The engine has no I/O.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'The engine takes ids as arguments.' }],
    },
  },
);
