#!/usr/bin/env node
// `npm run bench`: builds the bundle if needed, then runs the benchmark from the built code.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--mode', 'cli', '--logLevel', 'warn', '--ignoreConfigWarning'], { cwd: root, stdio: ['ignore', 2, 2] })
if (build.status !== 0) process.exit(build.status ?? 1)
const run = spawnSync(process.execPath, [join(root, 'out/main/bench.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
process.exit(run.status ?? 1)
