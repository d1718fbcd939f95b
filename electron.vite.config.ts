import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

const root = import.meta.dirname
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }
const define = { __APP_VERSION__: JSON.stringify(pkg.version) }

// `--mode cli` builds only what the headless runner needs (main-process bundle without the
// Electron entry): the first `npm run experiment` on a fresh clone then takes seconds, not a
// full renderer build.
export default defineConfig(({ mode }) => {
  const cliOnly = mode === 'cli'
  const main = {
    define,
    build: {
      outDir: 'out/main',
      emptyOutDir: !cliOnly,
      rollupOptions: {
        // One build serves the app and the headless runner: the CLI and the worker are entries
        // next to the Electron main, so both use the very same built worker file.
        input: (cliOnly
          ? { cli: resolve(root, 'src-main/cli/experiment-cli.ts'), bench: resolve(root, 'src-main/bench/bench.ts') }
          : {
              index: resolve(root, 'src-main/index.ts'),
              cli: resolve(root, 'src-main/cli/experiment-cli.ts'),
              bench: resolve(root, 'src-main/bench/bench.ts')
            }) as Record<string, string>
      }
    }
  }
  if (cliOnly) return { main }
  return {
    main,
    preload: {
      define,
      build: {
        outDir: 'out/preload',
        rollupOptions: {
          input: { index: resolve(root, 'src-main/preload/preload.ts') },
          // A sandboxed preload must be one CommonJS file that requires only 'electron'.
          output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false }
        }
      }
    },
    renderer: {
      root: resolve(root, 'src-renderer'),
      define,
      plugins: [vue()],
      build: {
        outDir: resolve(root, 'out/renderer'),
        rollupOptions: { input: { index: resolve(root, 'src-renderer/index.html') } }
      }
    }
  }
})
