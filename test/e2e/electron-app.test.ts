/**
 * The packaged shell itself, through Playwright's Electron driver. Runs wherever an Electron
 * binary is installed (node_modules/electron/dist, or ELECTRON_OVERRIDE_DIST_PATH); machines
 * that cannot download it (like this project's CI) skip it and say why. Never requires
 * 'electron' from Node: that would try to download the binary.
 */
import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { _electron } from 'playwright-core'
import { root } from '../helpers/built'

function electronBinary(): string | null {
  const dir = join(root, 'node_modules/electron')
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const pathTxt = join(dir, 'path.txt')
  const rel = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : null
  const candidate = override ? join(override, rel ?? 'electron') : rel ? join(dir, 'dist', rel) : null
  return candidate && existsSync(candidate) ? candidate : null
}

const binary = electronBinary()
if (!binary) {
  console.warn('Electron end-to-end test skipped: no Electron binary is installed (node_modules/electron/dist is missing and ELECTRON_OVERRIDE_DIST_PATH is unset; its download from GitHub is not possible here). The same workflow runs in Chromium against the real services in workflow.test.ts.')
}

describe.skipIf(!binary)('the Electron app', () => {
  it('opens one hardened window titled with the project, with the workbench API and nothing else', async () => {
    const app = await _electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } })
    try {
      const win = await app.firstWindow()
      await expect.poll(() => win.title()).toMatch(/Serotonin Attractor Workbench/)
      const exposed = await win.evaluate(() => ({
        api: typeof (window as unknown as { workbench?: { invoke?: unknown } }).workbench?.invoke,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process
      }))
      expect(exposed).toEqual({ api: 'function', require: 'undefined', process: 'undefined' })
      const info = await win.evaluate(() => (window as unknown as { workbench: { invoke(c: string): Promise<{ electron: string }> } }).workbench.invoke('app:info'))
      expect(info.electron).toMatch(/^\d+\./)
      // A sandboxed, isolated page cannot reach Node even through the prototype chain.
      const escaped = await win.evaluate(() => {
        try {
          return globalThis.constructor.constructor('return typeof process')() as string
        } catch {
          return 'blocked'
        }
      })
      // The CSP forbids eval, so the Function constructor throws; were it allowed, there is still no process.
      expect(['blocked', 'undefined']).toContain(escaped)
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
    } finally {
      await app.close()
    }
  }, 60_000)
})
