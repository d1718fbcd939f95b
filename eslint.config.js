// Lint: TypeScript and Vue rules plus the layering rules that keep each layer importing only downward.
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'

const nodeOnly = ['node:*', 'fs', 'fs/*', 'path', 'os', 'worker_threads', 'child_process', 'zlib', 'crypto', 'url', 'piscina', 'electron']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'results/**', 'test-output/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module', extraFileExtensions: ['.vue'] } }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/html-indent': 'off',
      'vue/multiline-html-element-content-newline': 'off'
    }
  },
  {
    // src-shared runs in the renderer, the main process and workers alike.
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: nodeOnly, message: 'src-shared must stay pure TypeScript (no Node, Electron or DOM-only modules).' }, { group: ['**/src-main/**', '**/src-renderer/**'], message: 'src-shared imports nothing above it.' }] }]
    }
  },
  {
    // The renderer reaches the main process only through the preload API.
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: nodeOnly, message: 'The renderer is sandboxed: use the preload API (src-renderer/api.ts).' }, { group: ['**/src-main/**'], message: 'The renderer never imports main-process code.' }] }]
    }
  },
  {
    // Only the Electron shell may import electron; the CLI, workers and services stay loadable in plain Node.
    files: ['src-main/cli/**', 'src-main/pool/**', 'src-main/runs/**', 'src-main/services/**', 'src-main/project/**', 'src-main/io/**', 'src-main/gif/**', 'test/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Importing electron from plain Node triggers a binary download; only src-main/index.ts and the preload may.' }] }]
    }
  }
)
