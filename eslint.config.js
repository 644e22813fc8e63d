// Lint: typescript-eslint's recommended rules (syntax only: type-checking is `npm run typecheck`)
// and the React hooks rules for the renderer. Formatting is Prettier's job (`npm run format`).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  {
    // What git ignores (builds, scratch files, test results) and the fixtures (data, not code).
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      '.native/**',
      'node_modules/**',
      'bench/.out/**',
      'test/fixtures/**',
      '.scratch/**',
      '.tmp/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      eqeqeq: ['error', 'smart'],
      // Prettier wraps code at 120 columns; it cannot wrap prose in strings, so those may run longer.
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The classic hook rules. The React Compiler's rules (refs during render, setState in effects) are off:
    // the renderer does not use the compiler, and its latest-ref and load-on-change patterns are deliberate.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
)
