// Flat config. The one rule that matters for the architecture: `vscode` may only be
// imported under src/extension (and the extension tests), so core and CLI stay pure Node.
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'src/core and src/cli are pure Node: only src/extension may import vscode.' }],
  }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'media/**'] },
  ...tseslint.configs.recommended,
  { rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }] } },
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'ExportDefaultDeclaration',
        message: 'Use named exports (STYLE.md: no default exports).',
      }],
    },
  },
  { files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/demo/**/*.ts'], rules: noVscode },
  { files: ['**/*.mjs', 'scripts/**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
