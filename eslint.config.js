import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The core runs under vitest, the CLI and the HTTP bridge: it must never need Electron or React.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['electron', 'react', 'react-dom'], patterns: ['**/src-renderer/**', '../electron/*'] },
      ],
    },
  },
  {
    // Storage is below the contract: the shapes both need live in domain/ (issue 12, item 4).
    files: ['src-main/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom'],
          patterns: [
            { group: ['**/src-renderer/**', '../electron/*'] },
            {
              group: ['**/contract/*'],
              message: 'db/ imports nothing from contract/: put the shape in domain/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer talks to the core only through the contract's types.
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'electron', 'better-sqlite3'],
              message: 'The renderer has no Node access.',
            },
            { regex: 'src-main/(?!contract)', message: 'Import only the contract from src-main.' },
          ],
        },
      ],
    },
  },
);
