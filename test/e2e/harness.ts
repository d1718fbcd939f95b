/**
 * The built renderer in Debian's Chromium, bound to the real main-process services (worker pool,
 * run store, project files, GIF export) through the same IPC contract: every request is checked
 * by the contract's guard exactly as the Electron IPC registration does, then handled by the
 * same handlers. Only the transport (Playwright bindings instead of ipcRenderer) and the native
 * dialogs (scripted answers) differ.
 */
import { afterAll, beforeAll } from 'vitest'
import { createServer, type Server } from 'node:http'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { extname, join, normalize } from 'node:path'
import { tmpdir } from 'node:os'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { createServices, type Services } from '../../src-main/services/services'
import { createAppService } from '../../src-main/services/app-service'
import type { Handlers, ServiceContext } from '../../src-main/services/context'
import { checkRequest, isInvokeChannel } from '../../src-shared/ipc/contract'
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../src-shared/ipc/channels'
import { API_GLOBAL } from '../../src-shared/ipc/api'
import { CONTENT_SECURITY_POLICY } from '../../src-shared/ipc/csp'
import { builtFile, builtWorkerPath } from '../helpers/built'
import { ScriptedDialogs } from './scripted-dialogs'
import { decodeWire, encodeWire, PAGE_WIRE_SOURCE } from './wire'

export const CHROMIUM = '/usr/bin/chromium'
export const chromiumMissing = !existsSync(CHROMIUM)
if (chromiumMissing) console.warn(`End-to-end tests skipped: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run does it).`)

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' }

function serveRenderer(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
    const file = join(dir, path === '/' ? 'index.html' : path)
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY })
    res.end(readFileSync(file))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

/** window.workbench for the page: the preload's API, over Playwright bindings. */
function initScript(): string {
  return `(() => {
    ${PAGE_WIRE_SOURCE}
    const invokable = new Set(${JSON.stringify(INVOKE_CHANNELS)})
    const events = new Set(${JSON.stringify(EVENT_CHANNELS)})
    const listeners = new Map()
    window.__workbenchEmit = (channel, text) => {
      const payload = decodeWire(text)
      for (const l of listeners.get(channel) ?? []) l(payload)
    }
    const api = {
      async invoke(channel, payload) {
        if (!invokable.has(channel)) throw new Error('Unknown channel ' + channel)
        const reply = await window.__workbenchInvoke(channel, encodeWire(payload))
        const r = decodeWire(reply)
        if (r && r.__error) throw new Error(r.__error)
        return r?.value
      },
      on(channel, listener) {
        if (!events.has(channel)) throw new Error('Unknown event ' + channel)
        const set = listeners.get(channel) ?? new Set(); listeners.set(channel, set); set.add(listener)
        return () => set.delete(listener)
      }
    }
    Object.defineProperty(window, ${JSON.stringify(API_GLOBAL)}, { value: Object.freeze(api) })
  })()`
}

export interface Workbench {
  page: Page
  url: string
  dialogs: ScriptedDialogs
  services: Services
  userDataDir: string
  invoked: string[]
  /** Reload the page (the main-process services keep running, as when the window reloads). */
  reload(): Promise<void>
  close(): Promise<void>
}

export async function launchWorkbench(opts: { width?: number; height?: number } = {}): Promise<Workbench> {
  const rendererDir = builtFile('out/renderer')
  builtFile('out/renderer/index.html')
  const server = await serveRenderer(rendererDir)
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  const userDataDir = mkdtempSync(join(tmpdir(), 'sat-e2e-'))
  const dialogs = new ScriptedDialogs()
  // The event sink exists before the page does; it forwards once the page is there.
  const current: { page?: Page } = {}
  const ctx: ServiceContext = {
    dialogs,
    events: { emit: (channel, payload) => void current.page?.evaluate(([c, p]) => (globalThis as unknown as { __workbenchEmit(c: string, p: string): void }).__workbenchEmit(c, p), [channel, encodeWire(payload)] as const).catch(() => undefined) },
    userDataDir,
    appVersion: '0.1.0-e2e'
  }
  const services = createServices(ctx, { workerPath: builtWorkerPath(), maxThreads: 2 })
  const handlers: Handlers = {
    ...services.handlers,
    ...createAppService(ctx, { name: 'Serotonin Attractor Workbench', versions: process.versions, platform: process.platform, quit: () => undefined })
  }
  const invoked: string[] = []
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1400, height: opts.height ?? 900 }, acceptDownloads: false })
  await context.exposeBinding('__workbenchInvoke', async (_source, channel: string, text: string) => {
    try {
      if (!isInvokeChannel(channel)) throw new Error('Forbidden channel')
      // Exactly what src-main/electron/ipc-register.ts does before calling a handler.
      const request = checkRequest(channel, decodeWire(text) ?? undefined)
      invoked.push(channel)
      const value = await (handlers[channel] as (r: unknown) => unknown)(request)
      return encodeWire({ value })
    } catch (err) {
      return encodeWire({ __error: err instanceof Error ? err.message : String(err) })
    }
  })
  await context.addInitScript(initScript())
  const page = await context.newPage()
  current.page = page
  page.on('pageerror', (e) => console.error('[page error]', e.message))
  await page.goto(url)
  return {
    page,
    url,
    dialogs,
    services,
    userDataDir,
    invoked,
    async reload() {
      await page.reload()
    },
    async close() {
      await browser.close()
      await services.dispose()
      await new Promise((r) => server.close(r))
      rmSync(userDataDir, { recursive: true, force: true })
    }
  }
}

/** A view's tab in the app header (a tab role, or the plain button it falls back to). */
export function viewTab(page: Page, name: string): Locator {
  return page.getByRole('tab', { name }).or(page.getByRole('button', { name, exact: true })).first()
}

/**
 * The app for one describe block: launched before its tests, closed after them. `wb` is only
 * there while the tests run.
 */
export function workbenchForSuite(opts: Parameters<typeof launchWorkbench>[0] = {}): { readonly wb: Workbench; tab(name: string): Locator } {
  let wb: Workbench | undefined
  beforeAll(async () => {
    wb = await launchWorkbench(opts)
  }, 60_000)
  afterAll(async () => {
    await wb?.close()
  })
  const running = (): Workbench => {
    if (!wb) throw new Error('The workbench is used outside its tests (it is launched in beforeAll).')
    return wb
  }
  return {
    get wb() {
      return running()
    },
    tab: (name) => viewTab(running().page, name)
  }
}
