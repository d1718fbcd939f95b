/**
 * The Electron shell against a recording double of the electron module: no Electron binary is
 * needed, and nothing here imports 'electron'.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { INVOKE_CHANNELS } from '../../src-shared/ipc/channels'
import { CONTENT_SECURITY_POLICY } from '../../src-shared/ipc/csp'
import type { MenuCommand } from '../../src-shared/ipc/contract'
import type { Dialogs, EventSink, Handlers } from '../../src-main/services/context'
import type {
  BrowserWindowOptions, FrameLike, HeadersDetails, HeadersResponse, InvokeEventLike, MenuItemOptions
} from '../../src-main/electron/electron-types'
import { createMainWindow, isSameDocument } from '../../src-main/electron/window'
import { assertEveryChannelHandled, publicMessage, registerIpcHandlers } from '../../src-main/electron/ipc-register'
import { createSenderCheck, isTrustedUrl } from '../../src-main/electron/sender-trust'
import { buildMenuTemplate, installMenu, type MenuInfo } from '../../src-main/electron/menu'
import { DocumentStateStore, trackDocumentState, windowTitle } from '../../src-main/electron/document-state'
import { installCloseGuard } from '../../src-main/electron/close-guard'
import { createDocumentOpener } from '../../src-main/electron/open-document'
import { createWindowEventSink } from '../../src-main/electron/window-events'
import { createElectronDialogs, type DialogApi } from '../../src-main/electron/electron-dialogs'

// ---------------------------------------------------------------- recording double

type Listener = (...args: unknown[]) => unknown

class Emitter {
  readonly listeners = new Map<string, Listener[]>()
  on(event: string, listener: (...args: never[]) => unknown): this {
    const list = this.listeners.get(event) ?? []
    list.push(listener as Listener)
    this.listeners.set(event, list)
    return this
  }
  once(event: string, listener: (...args: never[]) => unknown): this {
    return this.on(event, listener)
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args)
  }
}

class FakeEvent {
  prevented = false
  preventDefault() {
    this.prevented = true
  }
}

class FakeSession {
  permissionRequest?: (wc: unknown, permission: string, cb: (granted: boolean) => void) => void
  permissionCheck?: (wc: unknown, permission: string) => boolean
  headers?: (details: HeadersDetails, cb: (r: HeadersResponse) => void) => void
  setPermissionRequestHandler(h: FakeSession['permissionRequest']) {
    this.permissionRequest = h
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheck']) {
    this.permissionCheck = h
  }
  readonly webRequest = {
    onHeadersReceived: (l: FakeSession['headers']) => {
      this.headers = l
    }
  }
}

function frame(url: string, extra: Partial<{ parent: FrameLike | null; processId: number; routingId: number }> = {}): FrameLike {
  return { url, parent: extra.parent ?? null, processId: extra.processId ?? 7, routingId: extra.routingId ?? 1 }
}

class FakeWebContents extends Emitter {
  readonly session = new FakeSession()
  mainFrame: FrameLike = frame('about:blank')
  url = ''
  destroyed = false
  readonly sent: Array<{ channel: string; args: unknown[] }> = []
  windowOpen?: (d: { url: string }) => { action: 'deny' }
  getURL() {
    return this.url
  }
  isDestroyed() {
    return this.destroyed
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args })
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) {
    this.windowOpen = h
  }
}

class FakeWindow extends Emitter {
  static created: FakeWindow[] = []
  readonly webContents = new FakeWebContents()
  loadedFile?: string
  loadedUrl?: string
  title = ''
  shown = false
  constructor(readonly options: BrowserWindowOptions) {
    super()
    this.title = options.title
    FakeWindow.created.push(this)
  }
  async loadFile(path: string) {
    this.loadedFile = path
  }
  async loadURL(url: string) {
    this.loadedUrl = url
  }
  setTitle(t: string) {
    this.title = t
  }
  show() {
    this.shown = true
  }
  focus() {}
  close() {}
  restore() {}
  isDestroyed() {
    return false
  }
  isMinimized() {
    return false
  }
}

function fakeElectron() {
  const built: MenuItemOptions[][] = []
  const applied: unknown[] = []
  const handles = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>()
  const registrations: string[] = []
  return {
    BrowserWindow: FakeWindow,
    Menu: {
      buildFromTemplate(template: MenuItemOptions[]) {
        built.push(template)
        return { template }
      },
      setApplicationMenu(menu: { template: MenuItemOptions[] } | null) {
        applied.push(menu)
      }
    },
    ipcMain: {
      handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>) {
        registrations.push(channel)
        handles.set(channel, listener)
      },
      removeHandler(channel: string) {
        handles.delete(channel)
      }
    },
    built,
    applied,
    handles,
    registrations
  }
}

const MAIN_DIR = join('/opt', 'workbench', 'out', 'main')

function openWindow(devServerUrl?: string) {
  const electron = fakeElectron()
  const { window, location } = createMainWindow(electron, { mainDir: MAIN_DIR, title: 'T', ...(devServerUrl ? { devServerUrl } : {}) })
  return { electron, window, location }
}

// ---------------------------------------------------------------- window

describe('main window', () => {
  it('is created with hardened web preferences and the built preload', () => {
    const { window } = openWindow()
    expect(window.options.webPreferences).toEqual({
      preload: join(MAIN_DIR, '../preload/index.cjs'),
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
    })
    expect(window.options.show).toBe(false)
  })

  it('loads the bundled renderer file, or the dev server URL when given', () => {
    const built = openWindow()
    expect(built.window.loadedFile).toBe(join(MAIN_DIR, '../renderer/index.html'))
    expect(built.window.loadedUrl).toBeUndefined()
    expect(built.location.url).toBe(pathToFileURL(join(MAIN_DIR, '../renderer/index.html')).href)

    const dev = openWindow('http://localhost:5173')
    expect(dev.window.loadedFile).toBeUndefined()
    expect(dev.window.loadedUrl).toBe('http://localhost:5173/')
  })

  it('denies new windows and webviews', () => {
    const { window } = openWindow()
    expect(window.webContents.windowOpen?.({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    const e = new FakeEvent()
    window.webContents.emit('will-attach-webview', e, {}, {})
    expect(e.prevented).toBe(true)
  })

  it('prevents navigation to any other page but lets the app page reload', () => {
    const { window, location } = openWindow()
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = new FakeEvent()
      window.webContents.emit(event, away, 'https://example.com/')
      expect(away.prevented, event).toBe(true)
      const otherFile = new FakeEvent()
      window.webContents.emit(event, otherFile, pathToFileURL('/etc/passwd').href)
      expect(otherFile.prevented, event).toBe(true)
      const same = new FakeEvent()
      window.webContents.emit(event, same, `${location.url}#/results`)
      expect(same.prevented, event).toBe(false)
    }
  })

  it('refuses every permission request and check', () => {
    const { window } = openWindow()
    const session = window.webContents.session
    const granted: boolean[] = []
    for (const p of ['media', 'notifications', 'clipboard-read', 'openExternal']) session.permissionRequest?.(window.webContents, p, (g) => granted.push(g))
    expect(granted).toEqual([false, false, false, false])
    expect(session.permissionCheck?.(window.webContents, 'media')).toBe(false)
  })

  it('replaces any Content-Security-Policy header with the strict one', () => {
    const { window } = openWindow()
    let response: HeadersResponse | undefined
    window.webContents.session.headers?.(
      { url: 'file:///x/index.html', responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'X-Other': ['1'] } },
      (r) => (response = r)
    )
    expect(response?.responseHeaders).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/)
  })

  it('compares documents up to the fragment only', () => {
    expect(isSameDocument('file:///a/index.html#x', 'file:///a/index.html')).toBe(true)
    expect(isSameDocument('file:///a/index.html?x=1', 'file:///a/index.html')).toBe(false)
    expect(isSameDocument('not a url', 'file:///a/index.html')).toBe(false)
  })
})

// ---------------------------------------------------------------- IPC

function stubHandlers(): { handlers: Handlers; calls: Array<{ channel: string; request: unknown }> } {
  const calls: Array<{ channel: string; request: unknown }> = []
  const entries = INVOKE_CHANNELS.map((channel) => [channel, (request: unknown) => {
    calls.push({ channel, request })
    return { channel }
  }])
  return { handlers: Object.fromEntries(entries) as unknown as Handlers, calls }
}

const APP_URL = pathToFileURL(join(MAIN_DIR, '../renderer/index.html')).href

function registered(handlers = stubHandlers()) {
  const electron = fakeElectron()
  const mainFrame = frame(APP_URL)
  const log = { warn: vi.fn(), error: vi.fn() }
  const unregister = registerIpcHandlers(electron.ipcMain, handlers.handlers, createSenderCheck({ getMainFrame: () => mainFrame, trustedUrl: APP_URL }), log)
  const call = (channel: string, senderFrame: FrameLike | null, ...args: unknown[]) => {
    const listener = electron.handles.get(channel)
    if (!listener) throw new Error(`no handler registered for ${channel}`)
    return listener({ senderFrame }, ...args)
  }
  return { electron, mainFrame, log, unregister, call, calls: handlers.calls }
}

describe('IPC registration', () => {
  it('registers every contract channel exactly once, and removes them all', () => {
    const { electron, unregister } = registered()
    expect([...electron.registrations].sort()).toEqual([...INVOKE_CHANNELS].sort())
    expect(new Set(electron.registrations).size).toBe(electron.registrations.length)
    unregister()
    expect(electron.handles.size).toBe(0)
  })

  it('passes a valid request from the app frame to the handler', async () => {
    const { call, mainFrame, calls } = registered()
    await expect(call('project:setDirty', mainFrame, { dirty: true })).resolves.toEqual({ channel: 'project:setDirty' })
    await expect(call('app:info', mainFrame, undefined)).resolves.toEqual({ channel: 'app:info' })
    expect(calls).toEqual([
      { channel: 'project:setDirty', request: { dirty: true } },
      { channel: 'app:info', request: undefined }
    ])
  })

  it('rejects calls from frames that are not the app page', async () => {
    const { call, mainFrame, calls, log } = registered()
    const cases: Array<FrameLike | null> = [
      null,
      frame(APP_URL, { parent: mainFrame, routingId: 2 }), // an iframe showing the same file
      frame('https://evil.example/', {}), // the main frame after navigating away
      frame(APP_URL, { processId: 99 }), // another window's frame
      frame(pathToFileURL('/tmp/other.html').href) // another local file
    ]
    for (const senderFrame of cases) {
      await expect(call('app:quit', senderFrame, undefined)).rejects.toThrow('Forbidden sender')
    }
    expect(calls).toEqual([])
    expect(log.warn).toHaveBeenCalledTimes(cases.length)
  })

  it('rejects invalid payloads with a message naming the field, without calling the handler', async () => {
    const { call, mainFrame, calls } = registered()
    await expect(call('project:setDirty', mainFrame, { dirty: true, extra: 1 })).rejects.toThrow(/unexpected field 'extra'/)
    await expect(call('project:setDirty', mainFrame, { dirty: 'yes' })).rejects.toThrow(/dirty: expected true or false/)
    await expect(call('export:save', mainFrame, { kind: 'csv', suggestedName: 'x'.repeat(201), text: 'a' })).rejects.toThrow(/suggestedName: string of 201 characters exceeds the limit of 200/)
    await expect(call('runs:setThreads', mainFrame, { threads: 1000 })).rejects.toThrow(/threads: 1000 is above the maximum 64/)
    await expect(call('app:info', mainFrame, { sneaky: true })).rejects.toThrow(/expected no payload/)
    await expect(call('project:setDirty', mainFrame, { dirty: true }, 'second')).rejects.toThrow(/expected one payload/)
    expect(calls).toEqual([])
  })

  it('turns handler failures into a plain message and logs the stack in main', async () => {
    const stub = stubHandlers()
    const err = new Error('Could not save /x/y.csv: the disk is full. Nothing was changed on disk.')
    ;(stub.handlers as unknown as Record<string, () => never>)['runs:getThreads'] = () => {
      throw err
    }
    const { call, mainFrame, log } = registered(stub)
    const rejection = await call('runs:getThreads', mainFrame).catch((e: Error) => e)
    expect(rejection).toBeInstanceOf(Error)
    expect((rejection as Error).message).toBe(err.message)
    // A fresh error carrying only the sentence, not the handler's error object with its stack and fields.
    expect(rejection).not.toBe(err)
    expect(log.error).toHaveBeenCalledWith('IPC runs:getThreads failed:', err)
  })

  it('strips stack lines from messages', () => {
    expect(publicMessage(new Error('boom\n    at f (/x.js:1:1)\n    at g (/y.js:2:2)'))).toBe('boom')
    expect(publicMessage('x'.repeat(5000)).length).toBeLessThan(2010)
    expect(publicMessage({})).toBe('Unexpected error')
  })

  it('assertEveryChannelHandled names missing and unknown channels', () => {
    const { handlers } = stubHandlers()
    expect(() => assertEveryChannelHandled(handlers as unknown as Record<string, unknown>)).not.toThrow()
    const partial: Record<string, unknown> = { ...handlers }
    delete partial['gif:cancel']
    partial['shell:exec'] = () => undefined
    expect(() => assertEveryChannelHandled(partial)).toThrow(/no handler for gif:cancel; handlers for unknown channels shell:exec/)
  })
})

describe('trusted URLs', () => {
  it('accept the bundled page (any fragment) or the dev server origin only', () => {
    expect(isTrustedUrl(`${APP_URL}#/x`, APP_URL)).toBe(true)
    expect(isTrustedUrl(pathToFileURL('/tmp/index.html').href, APP_URL)).toBe(false)
    expect(isTrustedUrl('http://localhost:5173/src/x', 'http://localhost:5173/')).toBe(true)
    expect(isTrustedUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isTrustedUrl('https://localhost:5173/', 'http://localhost:5173/')).toBe(false)
    expect(isTrustedUrl('data:text/html,hi', APP_URL)).toBe(false)
  })
})

// ---------------------------------------------------------------- menu

function menuInfo(over: Partial<MenuInfo> = {}): MenuInfo {
  return { isMac: false, isDev: false, recent: [], openRecent: vi.fn(), showAbout: vi.fn(), ...over }
}

function submenu(template: MenuItemOptions[], label: string): MenuItemOptions[] {
  const menu = template.find((m) => m.label === label)
  if (!menu?.submenu) throw new Error(`no ${label} menu`)
  return menu.submenu
}

function summary(items: MenuItemOptions[]) {
  return items.filter((i) => i.type !== 'separator').map((i) => [i.label, i.accelerator ?? i.role ?? (i.submenu ? 'submenu' : '')])
}

describe('application menu', () => {
  it('has File, Edit, View and Help with the expected items and accelerators', () => {
    const sent: MenuCommand[] = []
    const template = buildMenuTemplate((c) => sent.push(c), menuInfo())
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help'])
    expect(summary(submenu(template, 'File'))).toEqual([
      ['New', 'CmdOrCtrl+N'],
      ['Open…', 'CmdOrCtrl+O'],
      ['Open Recent', 'submenu'],
      ['Save', 'CmdOrCtrl+S'],
      ['Save As…', 'CmdOrCtrl+Shift+S'],
      ['Export GIF…', 'CmdOrCtrl+E'],
      ['Quit', 'quit']
    ])
    expect(summary(submenu(template, 'Edit'))).toEqual([
      ['Undo', 'CmdOrCtrl+Z'],
      ['Redo', 'CmdOrCtrl+Shift+Z'],
      ['Redo', 'Ctrl+Y'],
      ['Cut', 'cut'],
      ['Copy', 'copy'],
      ['Paste', 'paste'],
      ['Select All', 'selectAll']
    ])
    expect(summary(submenu(template, 'View'))).toEqual([
      ['Actual Size', 'resetZoom'],
      ['Zoom In', 'zoomIn'],
      ['Zoom Out', 'zoomOut'],
      ['Toggle Full Screen', 'togglefullscreen']
    ])

    for (const menu of ['File', 'Edit']) for (const item of submenu(template, menu)) item.click?.()
    expect(sent).toEqual(['new', 'open', 'save', 'saveAs', 'exportGif', 'undo', 'redo', 'redo'])
  })

  it('offers Reload and DevTools only in development', () => {
    const roles = (isDev: boolean) => submenu(buildMenuTemplate(() => undefined, menuInfo({ isDev })), 'View').map((i) => i.role)
    expect(roles(false)).not.toContain('reload')
    expect(roles(false)).not.toContain('toggleDevTools')
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it('lists recent projects and opens the one clicked', () => {
    const info = menuInfo({ recent: ['/data/a/first.satproj', '/data/b/second.satproj'] })
    const recent = submenu(submenu(buildMenuTemplate(() => undefined, info), 'File'), 'Open Recent')
    expect(recent.map((i) => i.label)).toEqual([`1. first.satproj  —  /data/a`, `2. second.satproj  —  /data/b`])
    recent[1].click?.()
    expect(info.openRecent).toHaveBeenCalledWith('/data/b/second.satproj')

    const empty = submenu(submenu(buildMenuTemplate(() => undefined, menuInfo()), 'File'), 'Open Recent')
    expect(empty).toEqual([{ label: 'No Recent Projects', enabled: false }])
  })

  it('shows About from Help and uses the app menu on macOS', () => {
    const info = menuInfo()
    submenu(buildMenuTemplate(() => undefined, info), 'Help')[0].click?.()
    expect(info.showAbout).toHaveBeenCalledOnce()
    const mac = buildMenuTemplate(() => undefined, menuInfo({ isMac: true }))
    expect(mac[0].role).toBe('appMenu')
    expect(submenu(mac, 'File').some((i) => i.role === 'quit')).toBe(false)
  })

  it('installMenu builds the template and sets it as the application menu', () => {
    const electron = fakeElectron()
    const menu = installMenu(electron, () => undefined, menuInfo())
    expect(electron.built).toHaveLength(1)
    expect(electron.applied).toEqual([menu])
    expect(electron.built[0].map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help'])
  })
})

// ---------------------------------------------------------------- document state, close guard, open recent

const PROJECT = { path: '/p/study.satproj', name: 'Study', document: { name: 'Study', parameterSets: {}, conditions: [], view: {} }, runs: [] }

describe('document state', () => {
  it('makes the window title', () => {
    expect(windowTitle({ name: 'Study', dirty: false })).toBe('Study — Serotonin Attractor Workbench')
    expect(windowTitle({ name: 'Study', dirty: true })).toBe('Study • — Serotonin Attractor Workbench')
  })

  it('follows setDirty, open, save and new through the wrapped handlers', async () => {
    const { handlers } = stubHandlers()
    const base = { ...handlers } as Record<string, unknown>
    base['project:open'] = async () => ({ ok: true, project: PROJECT })
    base['project:save'] = async () => ({ ok: true, path: '/p/renamed.satproj', name: 'Renamed' })
    base['project:new'] = async () => ({ ok: true })
    base['project:setDirty'] = async () => undefined
    const store = new DocumentStateStore()
    const titles: string[] = []
    store.subscribe((s) => titles.push(windowTitle(s)))
    const saved: boolean[] = []
    const recentChanged = vi.fn()
    const wrapped = trackDocumentState(base as unknown as Handlers, store, { onSaved: (ok) => saved.push(ok), onRecentChanged: recentChanged })

    await wrapped['project:open']({})
    expect(store.get()).toEqual({ name: 'Study', dirty: false })
    await wrapped['project:setDirty']({ dirty: true })
    expect(store.get()).toEqual({ name: 'Study', dirty: true })
    await wrapped['project:save']({ document: PROJECT.document, saveAs: true })
    expect(store.get()).toEqual({ name: 'Renamed', dirty: false })
    await wrapped['project:new'](undefined)
    expect(store.get()).toEqual({ name: 'Untitled', dirty: false })
    expect(titles).toEqual([
      'Study — Serotonin Attractor Workbench',
      'Study • — Serotonin Attractor Workbench',
      'Renamed — Serotonin Attractor Workbench',
      'Untitled — Serotonin Attractor Workbench'
    ])
    expect(saved).toEqual([true])
    expect(recentChanged).toHaveBeenCalledTimes(2)
  })

  it('leaves the state alone when a save fails', async () => {
    const { handlers } = stubHandlers()
    const base = { ...handlers } as Record<string, unknown>
    base['project:save'] = async () => ({ ok: false, message: 'disk full' })
    const store = new DocumentStateStore()
    store.set({ name: 'Study', dirty: true })
    const saved: boolean[] = []
    const wrapped = trackDocumentState(base as unknown as Handlers, store, { onSaved: (ok) => saved.push(ok) })
    await wrapped['project:save']({ document: PROJECT.document, saveAs: false })
    expect(store.get()).toEqual({ name: 'Study', dirty: true })
    expect(saved).toEqual([false])
  })
})

function closeSetup(dirty: boolean, answer: number) {
  const window = new Emitter()
  const ask = vi.fn(async () => answer)
  const requestSaveThenClose = vi.fn()
  const proceed = vi.fn()
  const guard = installCloseGuard(window, { isDirty: () => dirty, documentName: () => 'Study', ask, requestSaveThenClose, proceed })
  const close = async () => {
    const e = new FakeEvent()
    window.emit('close', e)
    await new Promise((r) => setTimeout(r, 0))
    return e.prevented
  }
  return { guard, ask, requestSaveThenClose, proceed, close }
}

describe('close guard', () => {
  it('lets a clean window close without asking', async () => {
    const s = closeSetup(false, 0)
    expect(await s.close()).toBe(false)
    expect(s.ask).not.toHaveBeenCalled()
  })

  it('asks Save / Don’t Save / Cancel when there are unsaved changes', async () => {
    const save = closeSetup(true, 0)
    expect(await save.close()).toBe(true)
    expect(save.ask).toHaveBeenCalledWith(expect.objectContaining({ buttons: ['Save', "Don't Save", 'Cancel'], cancelId: 2 }))
    expect(save.requestSaveThenClose).toHaveBeenCalledOnce()
    expect(save.proceed).not.toHaveBeenCalled()

    const discard = closeSetup(true, 1)
    expect(await discard.close()).toBe(true)
    expect(discard.proceed).toHaveBeenCalledOnce()
    expect(await discard.close()).toBe(false) // the close that proceed() triggers goes through

    const cancel = closeSetup(true, 2)
    expect(await cancel.close()).toBe(true)
    expect(cancel.requestSaveThenClose).not.toHaveBeenCalled()
    expect(cancel.proceed).not.toHaveBeenCalled()
    expect(await cancel.close()).toBe(true) // still guarded
  })

  it('lets app:quit through after allowClose', async () => {
    const s = closeSetup(true, 2)
    s.guard.allowClose()
    expect(await s.close()).toBe(false)
    expect(s.ask).not.toHaveBeenCalled()
  })
})

function recordingSink() {
  const events: Array<{ channel: string; payload: unknown }> = []
  const sink: EventSink = { emit: (channel, payload) => events.push({ channel, payload }) }
  return { sink, events }
}

describe('Open Recent', () => {
  it('opens at once when there is nothing to lose and pushes project:opened', async () => {
    const { sink, events } = recordingSink()
    const open = vi.fn(async () => ({ ok: true as const, project: PROJECT }))
    const opener = createDocumentOpener({ open, dialogs: { ask: vi.fn() }, events: sink, isDirty: () => false, documentName: () => 'Study' })
    await opener.openPath('/p/study.satproj')
    expect(open).toHaveBeenCalledWith('/p/study.satproj')
    expect(events).toEqual([{ channel: 'project:opened', payload: { project: PROJECT } }])
  })

  it('with unsaved changes and "Save": asks the renderer to save, opens after the save succeeds', async () => {
    const { sink, events } = recordingSink()
    const open = vi.fn(async () => ({ ok: true as const, project: PROJECT }))
    const opener = createDocumentOpener({ open, dialogs: { ask: vi.fn(async () => 0) }, events: sink, isDirty: () => true, documentName: () => 'Study' })
    await opener.openPath('/p/study.satproj')
    expect(events).toEqual([{ channel: 'menu:command', payload: { command: 'save-then-open' } }])
    expect(open).not.toHaveBeenCalled()
    opener.saved(true)
    await vi.waitFor(() => expect(open).toHaveBeenCalledWith('/p/study.satproj'))
    opener.saved(true) // a later save opens nothing more
    expect(open).toHaveBeenCalledTimes(1)
  })

  it('opens nothing when the save fails or the user cancels; reports a failed open', async () => {
    const { sink } = recordingSink()
    const open = vi.fn(async () => ({ ok: false as const, message: 'The file is damaged.' }))
    const ask = vi.fn(async () => 0)
    const opener = createDocumentOpener({ open, dialogs: { ask }, events: sink, isDirty: () => true, documentName: () => 'Study' })
    await opener.openPath('/p/a.satproj')
    opener.saved(false)
    expect(open).not.toHaveBeenCalled()

    ask.mockResolvedValueOnce(2)
    await opener.openPath('/p/a.satproj')
    expect(open).not.toHaveBeenCalled()

    ask.mockResolvedValueOnce(1).mockResolvedValueOnce(0)
    await opener.openPath('/p/a.satproj')
    expect(open).toHaveBeenCalledOnce()
    expect(ask).toHaveBeenLastCalledWith(expect.objectContaining({ title: 'Could not open project', message: 'The file is damaged.' }))
  })
})

// ---------------------------------------------------------------- events and dialogs

describe('window event sink', () => {
  it('sends to the window and drops events when there is none', () => {
    const window = new FakeWindow({} as BrowserWindowOptions)
    let current: FakeWindow | null = window
    const sink = createWindowEventSink(() => current)
    sink.emit('menu:command', { command: 'save' })
    expect(window.webContents.sent).toEqual([{ channel: 'menu:command', args: [{ command: 'save' }] }])
    window.webContents.destroyed = true
    sink.emit('menu:command', { command: 'new' })
    current = null
    sink.emit('menu:command', { command: 'new' })
    expect(window.webContents.sent).toHaveLength(1)
  })
})

describe('Electron dialogs', () => {
  function fakeDialog(result: { filePaths?: string[]; filePath?: string; response?: number; canceled?: boolean }) {
    const calls: Array<{ method: string; window: unknown; options: Record<string, unknown> }> = []
    const api: DialogApi<string> = {
      showOpenDialog: async (window, options) => {
        calls.push({ method: 'open', window, options })
        return { canceled: result.canceled ?? false, filePaths: result.filePaths ?? [] }
      },
      showSaveDialog: async (window, options) => {
        calls.push({ method: 'save', window, options })
        return { canceled: result.canceled ?? false, ...(result.filePath ? { filePath: result.filePath } : {}) }
      },
      showMessageBox: async (window, options) => {
        calls.push({ method: 'message', window, options })
        return { response: result.response ?? 0 }
      }
    }
    return { api, calls }
  }

  it('maps the service options onto the window-modal dialogs and remembers the folder', async () => {
    const d = fakeDialog({ filePaths: ['/data/x/RS.yaml', '/data/x/FS.yaml'] })
    const dialogs: Dialogs = createElectronDialogs(d.api, () => 'WIN')
    expect(await dialogs.openFiles({ title: 'T', filters: [{ name: 'YAML', extensions: ['yaml'] }], multiple: true })).toEqual(['/data/x/RS.yaml', '/data/x/FS.yaml'])
    expect(d.calls[0]).toEqual({ method: 'open', window: 'WIN', options: { title: 'T', filters: [{ name: 'YAML', extensions: ['yaml'] }], properties: ['openFile', 'multiSelections'] } })
    const s = fakeDialog({ filePath: '/data/x/out.csv' })
    const saving = createElectronDialogs(s.api, () => 'WIN')
    expect(await saving.saveFile({ title: 'S', defaultName: 'out.csv', filters: [] })).toBe('/data/x/out.csv')
    expect(s.calls[0].options).toMatchObject({ defaultPath: 'out.csv', properties: ['createDirectory', 'showOverwriteConfirmation'] })
    expect(await saving.saveFile({ title: 'S', defaultName: 'next.csv', filters: [] })).toBe('/data/x/out.csv')
    expect(s.calls[1].options).toMatchObject({ defaultPath: join('/data/x', 'next.csv') })
  })

  it('returns null on cancel and the cancel button when there is no window', async () => {
    const d = fakeDialog({ canceled: true, filePaths: [] })
    const dialogs = createElectronDialogs(d.api, () => 'WIN')
    expect(await dialogs.openDirectory({ title: 'D' })).toBeNull()
    expect(await dialogs.saveFile({ title: 'S', defaultName: 'a', filters: [] })).toBeNull()
    const none = createElectronDialogs(d.api, () => null)
    expect(await none.ask({ title: 'Q', message: 'M', buttons: ['Yes', 'No', 'Cancel'], cancelId: 2 })).toBe(2)
    expect(await none.openFiles({ title: 'T', filters: [] })).toBeNull()
    expect(d.calls).toHaveLength(2)
  })
})
