#!/usr/bin/env node
/**
 * `npm start`: build with electron-vite, make sure the Electron runtime is present (it is a
 * separate download from the npm package), then run the app. Never `require('electron')` here:
 * in plain Node that module downloads the runtime as a side effect.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const root = join(import.meta.dirname, '..')
const require = createRequire(join(root, 'package.json'))

function fail(message) {
  console.error(`\n${message}\n`)
  process.exit(1)
}

function run(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
  if (result.error) fail(`${what} could not be started: ${result.error.message}`)
  return result.status ?? 1
}

// 1. Build main, preload and renderer into out/.
const viteBin = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
if (run([viteBin, 'build'], 'electron-vite') !== 0) fail('The build failed (see the messages above); the app was not started.')

// 2. Find the Electron runtime the way node_modules/electron/index.js does, without downloading.
const electronDir = dirname(require.resolve('electron/package.json'))
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
const defaultExecutable = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] ?? 'electron'

function electronExecutable() {
  const pathFile = join(electronDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || defaultExecutable)
  return relative ? join(electronDir, 'dist', relative) : null
}

let executable = electronExecutable()
if (!executable || !existsSync(executable)) {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    fail(`ELECTRON_OVERRIDE_DIST_PATH is set, but ${executable} does not exist. Point it at the folder of an unpacked Electron ${electronVersion} build.`)
  }
  console.log(`The Electron ${electronVersion} runtime is not installed yet; downloading it (this is what \`npx install-electron\` does)...`)
  // install.js is the package's `install-electron` bin.
  const status = run([join(electronDir, 'install.js')], 'The Electron installer')
  executable = electronExecutable()
  if (status !== 0 || !executable || !existsSync(executable)) {
    fail(
      `The Electron runtime could not be downloaded (no network access to GitHub?). ` +
        `Install it with \`npx install-electron\` when you are online (set ELECTRON_MIRROR to use a mirror), ` +
        `or set ELECTRON_OVERRIDE_DIST_PATH to an existing Electron ${electronVersion.split('.')[0]} build.`
    )
  }
}

// 3. Run the app; forward its exit status and Ctrl+C.
const child = spawn(executable, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
child.on('error', (err) => fail(`Electron could not be started (${executable}): ${err.message}`))
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
