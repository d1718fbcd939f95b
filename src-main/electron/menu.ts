/**
 * The application menu. Document commands go to the renderer as 'menu:command' (it owns the
 * project and the undo stack); clipboard, zoom and full screen use Electron's roles. The template
 * is built by a pure function so tests can read it.
 */
import { basename, dirname } from 'node:path'
import type { MenuCommand } from '../../src-shared/ipc/contract'
import type { MenuApi, MenuItemOptions } from './electron-types'

export const MAX_RECENT_ITEMS = 10

export interface MenuInfo {
  isMac: boolean
  /** Reload and developer tools only in development. */
  isDev: boolean
  recent: readonly string[]
  openRecent(path: string): void
  showAbout(): void
}

function recentItems(info: MenuInfo): MenuItemOptions[] {
  if (info.recent.length === 0) return [{ label: 'No Recent Projects', enabled: false }]
  return info.recent.slice(0, MAX_RECENT_ITEMS).map((path, i) => ({
    label: `${i + 1}. ${basename(path)}  —  ${dirname(path)}`,
    click: () => info.openRecent(path)
  }))
}

export function buildMenuTemplate(send: (command: MenuCommand) => void, info: MenuInfo): MenuItemOptions[] {
  const command = (c: MenuCommand) => () => send(c)
  const file: MenuItemOptions = {
    label: 'File',
    submenu: [
      { label: 'New', accelerator: 'CmdOrCtrl+N', click: command('new') },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: command('open') },
      { label: 'Open Recent', submenu: recentItems(info) },
      { type: 'separator' },
      { label: 'Save', accelerator: 'CmdOrCtrl+S', click: command('save') },
      { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: command('saveAs') },
      { type: 'separator' },
      { label: 'Export GIF…', accelerator: 'CmdOrCtrl+E', click: command('exportGif') },
      ...(info.isMac ? [] : [{ type: 'separator' as const }, { label: 'Quit', role: 'quit' as const }])
    ]
  }
  const edit: MenuItemOptions = {
    label: 'Edit',
    submenu: [
      // The renderer decides: its project undo stack, or the text field's own undo when one has focus.
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: command('undo') },
      { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: command('redo') },
      // Windows and Linux users also expect Ctrl+Y; a hidden item carries the second shortcut.
      ...(info.isMac ? [] : [{ label: 'Redo', accelerator: 'Ctrl+Y', visible: false, click: command('redo') }]),
      { type: 'separator' },
      { label: 'Cut', role: 'cut' },
      { label: 'Copy', role: 'copy' },
      { label: 'Paste', role: 'paste' },
      { label: 'Select All', role: 'selectAll' }
    ]
  }
  const view: MenuItemOptions = {
    label: 'View',
    submenu: [
      ...(info.isDev
        ? [{ label: 'Reload', role: 'reload' as const }, { label: 'Toggle Developer Tools', role: 'toggleDevTools' as const }, { type: 'separator' as const }]
        : []),
      { label: 'Actual Size', role: 'resetZoom' },
      { label: 'Zoom In', role: 'zoomIn' },
      { label: 'Zoom Out', role: 'zoomOut' },
      { type: 'separator' },
      { label: 'Toggle Full Screen', role: 'togglefullscreen' }
    ]
  }
  const help: MenuItemOptions = {
    label: 'Help',
    submenu: [{ label: 'About Serotonin Attractor Workbench', click: () => info.showAbout() }]
  }
  return [
    ...(info.isMac ? [{ role: 'appMenu' as const }] : []),
    file,
    edit,
    view,
    ...(info.isMac ? [{ role: 'windowMenu' as const }] : []),
    help
  ]
}

/** The About box text: what a bug report needs. */
export function aboutDetail(appVersion: string, versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>): string {
  return [
    `Version ${appVersion}`,
    `Electron ${versions.electron ?? 'n/a'}`,
    `Chrome ${versions.chrome ?? 'n/a'}`,
    `Node.js ${versions.node ?? 'n/a'}`,
    `V8 ${versions.v8 ?? 'n/a'}`
  ].join('\n')
}

/** Builds and installs the menu; call again to refresh (e.g. when the recent list changes). */
export function installMenu<M>(electron: { Menu: MenuApi<M> }, send: (command: MenuCommand) => void, info: MenuInfo): M {
  const menu = electron.Menu.buildFromTemplate(buildMenuTemplate(send, info))
  electron.Menu.setApplicationMenu(menu)
  return menu
}
