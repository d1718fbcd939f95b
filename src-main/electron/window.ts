/**
 * The one application window, locked down: the renderer is sandboxed and isolated, gets only
 * the preload's API, may not navigate, open windows, embed webviews or ask for permissions, and
 * every response carries the app's CSP. The electron module is a parameter so the unit tests can
 * pass a recording double.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '../../src-shared/ipc/csp'
import type {
  BrowserWindowConstructor, BrowserWindowLike, HeadersResponse, SessionLike, WebContentsLike, WebPreferencesOptions
} from './electron-types'

export interface RendererLocation {
  /** The URL the window shows; IPC is accepted only from a frame at this address. */
  url: string
  /** Set for the bundled renderer (loaded with loadFile), absent for the dev server. */
  file?: string
}

/** The bundled renderer next to the built main file, or the dev server when electron-vite runs one. */
export function rendererLocation(mainDir: string, devServerUrl?: string): RendererLocation {
  if (devServerUrl) return { url: new URL(devServerUrl).href }
  const file = join(mainDir, '../renderer/index.html')
  return { url: pathToFileURL(file).href, file }
}

export function preloadPath(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs')
}

export function hardenedWebPreferences(preload: string): WebPreferencesOptions {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false
  }
}

/** Same document: equal up to the fragment (the renderer may use #hash routes). */
export function isSameDocument(a: string, b: string): boolean {
  try {
    const x = new URL(a)
    const y = new URL(b)
    x.hash = ''
    y.hash = ''
    return x.href === y.href
  } catch {
    return false
  }
}

/** Every permission request and check is refused: the app needs no camera, notifications or clipboard-read. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Drop any policy the response brought so ours is the only one.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
    const response: HeadersResponse = { responseHeaders: headers }
    callback(response)
  })
}

/** No navigation away from the app's page, no new windows, no webviews. */
export function hardenWebContents(contents: WebContentsLike, allowedUrl: string | null): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (allowedUrl === null || !isSameDocument(url, allowedUrl)) event.preventDefault()
  }
  contents.on('will-navigate', guard)
  contents.on('will-redirect', guard)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

export interface MainWindowOptions {
  /** Folder of the built main file (import.meta.dirname in out/main). */
  mainDir: string
  /** electron-vite's dev server (ELECTRON_RENDERER_URL), only when not packaged. */
  devServerUrl?: string
  title: string
  /** Called if the page cannot be loaded (missing build, dev server down). */
  onLoadError?: (err: unknown) => void
}

export function createMainWindow<W extends BrowserWindowLike>(
  electron: { BrowserWindow: BrowserWindowConstructor<W> },
  opts: MainWindowOptions
): { window: W; location: RendererLocation } {
  const location = rendererLocation(opts.mainDir, opts.devServerUrl)
  const window = new electron.BrowserWindow({
    width: 1440,
    height: 920,
    minWidth: 960,
    minHeight: 640,
    title: opts.title,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: hardenedWebPreferences(preloadPath(opts.mainDir))
  })
  hardenSession(window.webContents.session)
  hardenWebContents(window.webContents, location.url)
  window.once('ready-to-show', () => window.show())
  const loading = location.file ? window.loadFile(location.file) : window.loadURL(location.url)
  loading.catch((err: unknown) => (opts.onLoadError ?? ((e: unknown) => console.error('Could not load the renderer:', e)))(err))
  return { window, location }
}
