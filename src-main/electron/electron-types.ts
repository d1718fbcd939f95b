/**
 * The few parts of Electron the shell touches, as narrow structural types. The real module
 * satisfies them (index.ts passes it in and the compiler checks), and the unit tests pass a
 * recording double, so nothing but index.ts and the preload ever imports 'electron'.
 */

export interface PreventableEvent {
  preventDefault(): void
}

export interface FrameLike {
  readonly url: string
  readonly parent: FrameLike | null
  readonly processId: number
  readonly routingId: number
}

export interface HeadersDetails {
  url: string
  responseHeaders?: Record<string, string[]>
}

export interface HeadersResponse {
  responseHeaders?: Record<string, string | string[]>
}

export interface SessionLike {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void
  readonly webRequest: {
    onHeadersReceived(listener: (details: HeadersDetails, callback: (response: HeadersResponse) => void) => void): void
  }
}

export interface WebContentsLike {
  readonly session: SessionLike
  readonly mainFrame: FrameLike
  getURL(): string
  isDestroyed(): boolean
  send(channel: string, ...args: unknown[]): void
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
}

export interface WebPreferencesOptions {
  preload: string
  contextIsolation: boolean
  sandbox: boolean
  nodeIntegration: boolean
  nodeIntegrationInWorker: boolean
  nodeIntegrationInSubFrames: boolean
  webSecurity: boolean
  allowRunningInsecureContent: boolean
  webviewTag: boolean
  spellcheck: boolean
  experimentalFeatures: boolean
  navigateOnDragDrop: boolean
}

export interface BrowserWindowOptions {
  width: number
  height: number
  minWidth: number
  minHeight: number
  title: string
  show: boolean
  backgroundColor: string
  webPreferences: WebPreferencesOptions
}

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike
  loadFile(path: string): Promise<void>
  loadURL(url: string): Promise<void>
  setTitle(title: string): void
  show(): void
  focus(): void
  close(): void
  isDestroyed(): boolean
  isMinimized(): boolean
  restore(): void
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown
  once(event: 'ready-to-show', listener: () => void): unknown
}

export type BrowserWindowConstructor<W extends BrowserWindowLike> = new (options: BrowserWindowOptions) => W

export type MenuRole =
  | 'appMenu' | 'windowMenu' | 'quit' | 'cut' | 'copy' | 'paste' | 'selectAll'
  | 'reload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'

export interface MenuItemOptions {
  label?: string
  role?: MenuRole
  type?: 'separator' | 'submenu' | 'normal'
  accelerator?: string
  enabled?: boolean
  visible?: boolean
  submenu?: MenuItemOptions[]
  click?: () => void
}

export interface MenuApi<M> {
  buildFromTemplate(template: MenuItemOptions[]): M
  setApplicationMenu(menu: M | null): void
}

export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}
