import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'demo-dist/', 'test-output/', 'assembly/', 'src/worker/wasm-binary.gen.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Library code must be reproducible from a seed.
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use src/rng.ts (seeded).' }],
    },
  },
  {
    files: ['tests/**', 'bench/**', 'scripts/**', 'demo/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
