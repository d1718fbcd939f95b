#!/usr/bin/env node
// Runs the headless experiment runner from the built bundle, building it first when the sources
// are newer than the bundle (a fresh clone, or after an edit).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bundle = join(root, 'out/main/cli.js')

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

const stale = !existsSync(bundle) ||
  Math.max(newestMtime(join(root, 'src-main')), newestMtime(join(root, 'src-shared'))) > statSync(bundle).mtimeMs
if (stale) {
  process.stderr.write('Building the simulation bundle (first run after install or an edit)…\n')
  const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js')
  // --mode cli leaves out the renderer and preload on purpose; electron-vite would warn that they are missing.
  const r = spawnSync(process.execPath, [cli, 'build', '--mode', 'cli', '--logLevel', 'warn', '--ignoreConfigWarning'], { cwd: root, stdio: ['ignore', 2, 2] })
  if (r.status !== 0) {
    process.stderr.write('The build failed; see the messages above.\n')
    process.exit(r.status ?? 1)
  }
}
const run = spawnSync(process.execPath, [bundle, ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(run.status ?? (run.signal ? 130 : 1))
