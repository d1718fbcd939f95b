/**
 * Electron main entry: the only file that imports 'electron' in the main process. It wires the
 * real module into the shell pieces (window, menu, IPC, dialogs), which take it as a parameter
 * so they can be tested without Electron.
 */
import * as electron from 'electron'
import { createHandlers } from './services/handlers'
import { createAppService } from './services/app-service'
import type { ServiceContext } from './services/context'
import { createElectronDialogs } from './electron/electron-dialogs'
import { createWindowEventSink } from './electron/window-events'
import { createMainWindow } from './electron/window'
import { aboutDetail, installMenu } from './electron/menu'
import { registerIpcHandlers } from './electron/ipc-register'
import { createSenderCheck } from './electron/sender-trust'
import { APP_TITLE, documentState, trackDocumentState, windowTitle } from './electron/document-state'
import { installCloseGuard, type CloseGuard } from './electron/close-guard'
import { createDocumentOpener, type DocumentOpener } from './electron/open-document'
import { createExternalOpener } from './electron/external-open'
import { createRecentList } from './project/recent'
import { existsSync } from 'node:fs'

const { app, dialog, ipcMain } = electron

const mainDir = import.meta.dirname
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const isDev = devServerUrl !== undefined
const isMac = process.platform === 'darwin'
/** Longest wait for workers and files to close on quit before quitting anyway. */
const DISPOSE_TIMEOUT_MS = 5000

// Every renderer sandboxed, whatever a BrowserWindow's options say.
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  start()
}

function start(): void {
  let window: electron.BrowserWindow | null = null
  let dispose: (() => Promise<void>) | null = null
  let unregisterIpc: (() => void) | null = null
  let disposed = false

  // Projects from the operating system (double-click, command line, macOS open-file).
  let opener: DocumentOpener | null = null
  let refreshRecentMenu: () => Promise<void> = async () => undefined
  const external = createExternalOpener({
    addRecent: async (path) => {
      await createRecentList(app.getPath('userData')).add(path)
      await refreshRecentMenu()
    },
    openPath: (path) => opener?.openPath(path) ?? Promise.resolve(),
    exists: existsSync
  })
  const fromLaunch = external.fromArgv(process.argv)
  if (fromLaunch) external.request(fromLaunch)
  app.on('open-file', (event, path) => {
    event.preventDefault()
    external.request(path)
  })

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = external.fromArgv(argv, workingDirectory)
    if (path) external.request(path)
    if (!window || window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  // Defence in depth for any web contents the app did not mean to create.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })

  app.on('window-all-closed', () => app.quit())

  app.on('will-quit', (event) => {
    if (disposed || !dispose) return
    event.preventDefault()
    disposed = true
    unregisterIpc?.()
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS).unref())
    Promise.race([dispose(), timeout])
      .catch((err: unknown) => console.error('Shutting down the services failed:', err))
      .finally(() => app.quit())
  })

  app
    .whenReady()
    .then(() => {
      const ctx: ServiceContext = {
        dialogs: createElectronDialogs(dialog, () => window),
        events: createWindowEventSink(() => window),
        userDataDir: app.getPath('userData'),
        appVersion: app.getVersion()
      }
      const services = createHandlers(ctx)
      dispose = services.dispose

      let closeGuard: CloseGuard | null = null
      const appService = createAppService(ctx, {
        name: APP_TITLE,
        versions: process.versions,
        platform: process.platform,
        quit: () => {
          closeGuard?.allowClose()
          app.quit()
        }
      })
      const handlers = trackDocumentState({ ...services.handlers, ...appService }, documentState, {
        onSaved: (ok) => opener?.saved(ok),
        onRecentChanged: () => void refreshMenu()
      })
      opener = createDocumentOpener({
        open: async (path) => handlers['project:open']({ recentPath: path }),
        dialogs: ctx.dialogs,
        events: ctx.events,
        isDirty: () => documentState.get().dirty,
        documentName: () => documentState.get().name
      })

      const showAbout = () => {
        const options = { type: 'info' as const, title: `About ${APP_TITLE}`, message: APP_TITLE, detail: aboutDetail(app.getVersion(), process.versions), buttons: ['OK'] }
        void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options))
      }
      async function refreshMenu(): Promise<void> {
        let recent: string[] = []
        try {
          recent = (await handlers['project:recent'](undefined)).paths
        } catch (err) {
          console.error('Reading the recent projects failed:', err)
        }
        installMenu(electron, (command) => ctx.events.emit('menu:command', { command }), {
          isMac,
          isDev,
          recent,
          openRecent: (path) => void opener?.openPath(path).catch((err: unknown) => console.error('Open Recent failed:', err)),
          showAbout
        })
      }
      refreshRecentMenu = refreshMenu

      const created = createMainWindow(electron, {
        mainDir,
        devServerUrl,
        title: windowTitle(documentState.get()),
        onLoadError: (err) => dialog.showErrorBox('The workbench could not start', `Its page could not be loaded (${String(err)}). Run "npm run build" and start again.`)
      })
      const win = created.window
      window = win
      // The title is ours (project name and unsaved mark), not the page's <title>.
      win.on('page-title-updated', (event) => event.preventDefault())
      win.on('closed', () => {
        window = null
      })
      // An autosave left by a session that ended badly: offer it once the page listens; then
      // open a project the operating system asked for.
      win.webContents.once('did-finish-load', () => {
        external.ready()
        services
          .hasRecoverable()
          .then((found) => found && ctx.events.emit('project:recoverable', found))
          .catch((err: unknown) => console.error('Looking for an autosave failed:', err))
      })
      documentState.subscribe((state) => {
        if (!win.isDestroyed()) win.setTitle(windowTitle(state))
      })
      closeGuard = installCloseGuard(win, {
        isDirty: () => documentState.get().dirty,
        documentName: () => documentState.get().name,
        ask: (opts) => ctx.dialogs.ask(opts),
        requestSaveThenClose: () => ctx.events.emit('menu:command', { command: 'save-then-close' }),
        proceed: () => app.quit()
      })
      unregisterIpc = registerIpcHandlers(
        ipcMain,
        handlers,
        createSenderCheck({ getMainFrame: () => (window && !window.isDestroyed() ? window.webContents.mainFrame : null), trustedUrl: created.location.url })
      )
      return refreshMenu()
    })
    .catch((err: unknown) => {
      console.error('Start-up failed:', err)
      dialog.showErrorBox('The workbench could not start', err instanceof Error ? err.message : String(err))
      app.exit(1)
    })
}
